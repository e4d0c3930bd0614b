"""An author's Markdown never smuggles script, event handlers or javascript: links out."""

from __future__ import annotations

import re

from editorial import services

from .conftest import API, marked_content

HOSTILE_BODY = """Intro [1].

<script>alert("body")</script>

<img src="x" onerror="alert('img')">

<p onmouseover="steal()">Hover me [2]</p>

[Click me](javascript:alert('md'))

<a href="javascript:alert('raw')" onclick="alert('click')">raw link</a>

<a href="JaVaScRiPt:alert(1)">mixed case</a>

<iframe src="https://evil.example/"></iframe>
"""


def test_hostile_markdown_never_reaches_the_page_or_the_json(workflow, client, author):
    revision = workflow.draft(slug="hostile")
    content = marked_content("x")
    content["body"] = HOSTILE_BODY
    content["summary"] = '<script>alert("summary")</script>'
    content["summary_patient"] = '<img src=x onerror="alert(1)">'
    services.revision_edit(revision=revision, actor=author, **content)
    workflow.published(services.revision_submit(revision=revision, actor=author))

    bodies = [
        client.get("/articles/hostile/").content.decode(),
        client.get("/articles/hostile/?audience=patient").content.decode(),
        client.get(f"{API}hostile/").json()["body_html"],
        client.get("/articles/").content.decode(),
        client.get("/articles/feed.atom").content.decode(),
    ]

    for body in bodies:
        tags = re.findall(r"<script\b[^>]*>", body, flags=re.IGNORECASE)
        assert tags in ([], ['<script type="application/ld+json">'])
        assert not re.search(r"<[^>]+\son\w+\s*=", body, flags=re.IGNORECASE)
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", body, re.IGNORECASE)
        assert "<iframe" not in body.lower()
        assert "<img" not in body.lower()
    assert "Hover me" in bodies[0]


def test_pages_forbid_scripts_through_content_security_policy(workflow, client):
    slug = workflow.published().article.slug
    policy = client.get(f"/articles/{slug}/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy


def test_the_public_body_comes_from_the_approved_markdown_not_a_stored_copy(workflow, client):
    from articles.models import Revision
    from tests.editorial.audit_tamper import triggers_off

    approved = workflow.approved()
    # body_html is outside the content hash; PostgreSQL's frozen-content trigger would
    # refuse the update itself, so it is switched off to reach the case being tested.
    with triggers_off():
        Revision.objects.filter(pk=approved.pk).update(body_html="<p>Tampered after approval</p>")
    services.revision_publish(revision=approved, actor=workflow.editor)

    page = client.get(f"/articles/{approved.article.slug}/").content.decode()
    assert "Tampered after approval" not in page
    assert "Hypertension is common" in page
