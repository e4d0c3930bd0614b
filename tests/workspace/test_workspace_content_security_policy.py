"""The workspace runs under the site's Content-Security-Policy (scripts and styles from our
own static files only): its pages carry the policy and hold no inline script or style, the
preview's public markup included."""

from __future__ import annotations

import re

from django.urls import reverse

from ..signin import signed_in


def test_workspace_pages_carry_the_policy_and_no_inline_script_or_style(workflow, author):
    draft = workflow.draft()
    published = workflow.published()
    client = signed_in(author)
    paths = [
        reverse("workspace:home"),
        reverse("workspace:article_new"),
        reverse("workspace:article", args=[published.article.slug]),
        reverse("workspace:article_next", args=[published.article.slug]),
        reverse("workspace:revision_edit", args=[draft.pk]),
        reverse("workspace:revision_submit", args=[draft.pk]),
        reverse("workspace:revision_withdraw", args=[draft.pk]),
    ]
    for path in paths:
        response = client.get(path)
        html = response.content.decode()
        policy = response["Content-Security-Policy"]
        assert response.status_code == 200, path
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "<style" not in html, path
        assert " style=" not in html, path
        scripts = re.findall(r"<script([^>]*)>", html)
        assert scripts, path
        assert all('src="/static/' in attributes for attributes in scripts), path


def test_the_sign_in_page_carries_the_policy(client, db):
    response = client.get(reverse("workspace:sign_in"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert " style=" not in response.content.decode()
