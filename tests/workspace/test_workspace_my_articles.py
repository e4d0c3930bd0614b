"""My articles: only the author's own, each with its latest revision's state and what
happens next in words, paginated, in the same few queries however many there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial import services
from tests.factories import UserFactory
from tests.workflow import UPDATE

from ..signin import signed_in

HOME = "/workspace/"
# The session, the user, their groups, the page's count, its articles and their revisions,
# never more, however many articles.
LIST_QUERIES = 6


def test_the_list_is_at_workspace():
    assert reverse("workspace:home") == HOME


def _page(client, **params) -> str:
    response = client.get(HOME, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("state", "words"),
    [
        ("draft", "Your draft: finish it, preview it, then submit it."),
        ("submitted", "Waiting for reviewers"),
        ("under_review", "Waiting for reviewers; then the board votes."),
        ("reviewed", "The reviews are in: the board is voting."),
        ("changes_requested", "The board asked for changes"),
        ("rejected", "The board declined to publish it"),
        ("withdrawn", "You withdrew it"),
        ("retracted", "Retracted from the public site"),
    ],
)
def test_each_article_says_where_it_stands_and_what_happens_next(workflow, author, state, words):
    revision = workflow.reach(state)
    page = _page(signed_in(author))
    assert f"Revision {revision.number}: {revision.get_state_display().lower()}" in page
    assert words in page


def test_a_scheduled_article_says_when(workflow, author):
    when = timezone.now() + timedelta(days=3)
    workflow.scheduled(when)
    page = _page(signed_in(author))
    assert f"Approved; publication scheduled for {timezone.localtime(when):%-d %B %Y}" in page


def test_a_published_article_offers_the_next_revision(workflow, author):
    published = workflow.published()
    page = _page(signed_in(author))
    assert f"Published on {timezone.localtime(published.published_at):%-d %B %Y}" in page
    assert reverse("workspace:article_next", args=[published.article.slug]) in page


def test_only_the_authors_own_articles_are_listed(workflow, author, other_author):
    mine = workflow.draft(slug="mine")
    theirs = workflow.reach("draft", author=other_author)
    page = _page(signed_in(author))
    assert f"/workspace/articles/{mine.article.slug}/" in page
    assert f"/workspace/articles/{theirs.article.slug}/" not in page


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client)
    return len(queries)


def test_the_list_costs_the_same_queries_for_two_articles_or_eight(
    workflow, author, django_assert_max_num_queries
):
    for state in ("draft", "submitted"):
        workflow.reach(state)
    client = signed_in(author)
    _page(client)  # the session's first activity stamp
    with django_assert_max_num_queries(LIST_QUERIES):
        _page(client)
    two = _count(client)
    for state in ("published", "reviewed", "changes_requested", "draft", "withdrawn", "approved"):
        workflow.reach(state)
    with django_assert_max_num_queries(LIST_QUERIES):
        _page(client)
    assert _count(client) == two


def test_the_list_is_paginated(workflow, author):
    for n in range(22):
        services.article_create(
            actor=author, slug=f"many-{n}", specialty=workflow.specialty, title=f"Many {n}"
        )
    client = signed_in(author)
    first, second = _page(client), _page(client, page=2)
    assert "Page 1 of 2" in first
    assert first.count('class="card') == 20
    assert second.count('class="card') == 2
    assert 'href="?page=2"' in first


def test_an_author_without_articles_is_invited_to_start_one(db):
    author = UserFactory(username="new-author", groups=["Authors"])
    assert "You have no articles yet." in _page(signed_in(author))


def test_an_articles_page_costs_the_same_queries_for_one_revision_or_three(workflow, author):
    one = workflow.published().article
    three = workflow.reach("superseded").article
    services.revision_start_next(article=three, actor=author, **UPDATE)
    client = signed_in(author)
    counts = []
    for article in (one, three):
        url = reverse("workspace:article", args=[article.slug])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert three.revisions.count() == 3
    assert counts[0] == counts[1]
