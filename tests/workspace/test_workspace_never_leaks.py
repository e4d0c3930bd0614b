"""The "nothing unapproved leaks" rule on the workspace: no page of it shows a draft's,
a submission's or a rejected revision's text to an anonymous visitor or to another author,
whatever the address and method."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from editorial import services
from tests.public.conftest import mark

from ..signin import signed_in
from .conftest import draft_post


def _addresses(revision) -> list[tuple[str, str]]:
    slug, pk = revision.article.slug, revision.pk
    return [
        ("get", reverse("workspace:home")),
        ("get", reverse("workspace:article", args=[slug])),
        ("get", reverse("workspace:article_next", args=[slug])),
        ("post", reverse("workspace:article_next", args=[slug])),
        ("get", reverse("workspace:revision_edit", args=[pk])),
        ("post", reverse("workspace:revision_edit", args=[pk])),
        ("post", reverse("workspace:revision_preview", args=[pk])),
        ("get", reverse("workspace:revision_submit", args=[pk])),
        ("get", reverse("workspace:revision_withdraw", args=[pk])),
    ]


def test_no_workspace_page_leaks_unapproved_text(workflow, author, other_author, board):
    draft = mark(workflow.draft(slug="leak-draft"), author, "LEAK-draft")
    submitted = mark(workflow.draft(slug="leak-submitted"), author, "LEAK-submitted")
    submitted = services.revision_submit(revision=submitted, actor=author)
    rejected = mark(workflow.draft(slug="leak-rejected"), author, "LEAK-rejected")
    rejected = services.revision_reject(
        revision=workflow.reviewed(rejected), actor=board[0], comment="LEAK-comment"
    )
    visitors = {"anonymous": Client(), "other author": signed_in(other_author)}
    for revision in (draft, submitted, rejected):
        for who, client in visitors.items():
            for method, url in _addresses(revision):
                data = draft_post(revision) if method == "post" else None
                response = getattr(client, method)(url, data, follow=True)
                assert "LEAK" not in response.content.decode(), f"{who} {method} {url}"
    # The author reads them all, so the marks are really there to be found.
    page = signed_in(author).get(reverse("workspace:revision_edit", args=[draft.pk]))
    assert "LEAK-draft" in page.content.decode()
