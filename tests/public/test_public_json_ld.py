"""The article page's schema.org MedicalWebPage JSON-LD."""

from __future__ import annotations

import json
import re

from .conftest import marked_content

LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _json_ld(page: str) -> dict:
    blocks = LD_RE.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_json_ld_is_a_medical_web_page_with_review_and_citations(workflow, client, reviewers):
    revision = workflow.published()
    article = revision.article
    article.refresh_from_db()

    data = _json_ld(client.get(f"/articles/{article.slug}/").content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == revision.title
    assert data["lastReviewed"] == article.last_reviewed_on.isoformat()
    names = [person["name"] for person in data["reviewedBy"]]
    assert reviewers[0].display_name in names
    assert reviewers[1].display_name in names
    assert all(person["@type"] == "Person" for person in data["reviewedBy"])
    assert [c["name"] for c in data["citation"]] == [
        "Clinical guideline number 1",
        "Clinical guideline number 2",
    ]
    assert data["citation"][0]["url"] == "https://doi.org/10.1000/example.1"
    assert data["citation"][0]["@id"].endswith("#ref-1")


def test_json_ld_survives_a_title_that_tries_to_close_the_script(workflow, client, author):
    from editorial import services

    revision = workflow.draft(slug="tricky")
    content = marked_content("x")
    content["title"] = 'Salt </script><script>alert("pwned")</script> & sodium'
    services.revision_edit(revision=revision, actor=author, **content)
    workflow.published(services.revision_submit(revision=revision, actor=author))

    page = client.get("/articles/tricky/").content.decode()

    assert _json_ld(page)["name"] == content["title"]
    assert '<script>alert("pwned")' not in page
