"""List endpoints cost the same number of queries however many items they return."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial import services

from .conftest import client_for


def _articles(workflow, n):
    for _ in range(n):
        workflow.reviewed()  # each with two completed reviews


def _under_review(workflow, n):
    for _ in range(n):
        workflow.under_review()


def _published(workflow, n):
    for _ in range(n):
        workflow.published()


def _under_review_with_a_vote(workflow, n):
    for _ in range(n):
        revision = workflow.reviewed()
        services.revision_approve(revision=revision, actor=workflow.board[1], comment="Sound.")


def _revisions_of_one_article(workflow, n):
    revision = workflow.draft()
    for number in range(n - 1):
        services.revision_withdraw(revision=revision, actor=workflow.author)
        revision = services.revision_start_next(article=revision.article, actor=workflow.author)
        assert revision.number == number + 2
    return f"/api/v1/articles/{revision.article.slug}/"


CASES = {
    # name: (who asks, build n items, path or None when the builder returns it)
    "articles_for_their_author": ("author", _articles, "/api/v1/articles/"),
    "articles_for_an_editor": ("editor", _articles, "/api/v1/articles/"),
    "revisions_for_an_editor": ("editor", _under_review, "/api/v1/revisions/"),
    "revisions_for_their_author": ("author", _under_review, "/api/v1/revisions/"),
    "revisions_for_a_reviewer": ("reviewer", _under_review, "/api/v1/revisions/"),
    # An editor may open a re-review of a published one unless one is open (prefetched).
    "published_revisions_for_an_editor": ("editor", _published, "/api/v1/revisions/"),
    # allowed_actions asks, per revision, whether this board member has voted (prefetched),
    # and once per request what bars them from voting (recusals, conflicts, own reviews).
    "revisions_for_the_board": ("board", _under_review_with_a_vote, "/api/v1/revisions/"),
    "assignments_for_a_reviewer": ("reviewer", _under_review, "/api/v1/assignments/"),
    "assignments_for_the_board": ("board", _under_review, "/api/v1/assignments/"),
    "one_article_with_many_revisions": ("author", _revisions_of_one_article, None),
}
EXPECTED = {
    "articles_for_their_author": 4,
    "articles_for_an_editor": 4,
    # Revision lists read their open re-reviews in one query (allowed_actions).
    "revisions_for_an_editor": 5,
    "revisions_for_their_author": 5,
    "revisions_for_a_reviewer": 5,
    "published_revisions_for_an_editor": 5,
    "revisions_for_the_board": 8,
    "assignments_for_a_reviewer": 3,
    "assignments_for_the_board": 3,
    "one_article_with_many_revisions": 5,
}


def _who(workflow, role):
    return {
        "author": workflow.author,
        "editor": workflow.editor,
        "board": workflow.board[0],
        "reviewer": workflow.reviewers[0].user,
    }[role]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("items", [2, 6])
def test_list_query_count_does_not_grow_with_items(
    case, items, workflow, django_assert_num_queries
):
    role, build, path = CASES[case]
    workflow.reviewers[0].max_active_reviews = 50
    workflow.reviewers[0].save()
    workflow.reviewers[1].max_active_reviews = 50
    workflow.reviewers[1].save()
    path = build(workflow, items) or path
    client = client_for(_who(workflow, role))

    with django_assert_num_queries(EXPECTED[case]):
        response = client.get(path)

    assert response.status_code == 200
    body = response.json()
    listed = body["revisions"] if "revisions" in body else body["results"]
    assert len(listed) == items * (2 if case == "assignments_for_the_board" else 1)


@pytest.mark.parametrize("reader", ["editor", "board", "author"])
def test_a_revision_with_many_references_reviews_and_votes_is_read_in_constant_queries(
    workflow, django_assert_num_queries, reader
):
    # Small: 2 references, 1 review, no vote, undecided. Large: 40 references, 3 reviews,
    # 2 votes with comments, decided (so the author's feedback is filled in too).
    small = workflow.reviewed(workflow.submitted(), n=1)
    large = workflow.reviewed(workflow.submitted(references=40, body="[1] " * 40), n=3)
    services.revision_approve(revision=large, actor=workflow.board[0], comment="Well sourced.")
    services.revision_request_changes(
        revision=large, actor=workflow.board[1], comment="Clarify the dosing."
    )
    client = client_for(_who(workflow, reader))
    client.get(f"/api/v1/revisions/{small.pk}/")  # the first request also loads the user
    with CaptureQueriesContext(connection) as few:
        client.get(f"/api/v1/revisions/{small.pk}/")

    with django_assert_num_queries(len(few)):
        response = client.get(f"/api/v1/revisions/{large.pk}/")

    body = response.json()
    assert len(body["references"]) == 40
    if reader == "author":
        assert len(body["feedback"]["reviews"]) == 3
        assert len(body["feedback"]["board"]) == 2
    else:
        assert len(body["editorial"]["assignments"]) == 3
        assert len(body["editorial"]["votes"]) == 2
