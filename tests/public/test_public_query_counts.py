"""Stored renderings: the same few queries whatever the references, reviewers or page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editorial import services
from editorial.services.public_snapshots import public_snapshot_refresh
from tests.factories import ReviewerFactory, reference_data

from .conftest import API


def _published(workflow, *, slug: str, references: int, reviewers: int):
    revision = workflow.draft(slug=slug, references=references)
    body = " ".join(f"Point [{n}]." for n in range(1, references + 1))
    revision = services.revision_edit(
        revision=revision, actor=workflow.author, body=body, references=reference_data(references)
    )
    revision = services.revision_submit(revision=revision, actor=workflow.author)
    team = [ReviewerFactory(user__username=f"{slug}-rev{i}") for i in range(reviewers)]
    revision = workflow.reviewed(revision, n=reviewers, reviewers=team)
    for member in workflow.board[:2]:
        revision = services.revision_approve(revision=revision, actor=member)
    return services.revision_publish(revision=revision, actor=workflow.editor)


@pytest.mark.parametrize(("references", "reviewers"), [(1, 2), (50, 50)])
def test_detail_json_and_page_take_one_query(
    workflow, client, django_assert_num_queries, references, reviewers
):
    _published(workflow, slug="sized", references=references, reviewers=reviewers)
    with django_assert_num_queries(1):
        data = client.get(f"{API}sized/").json()
    assert len(data["references"]) == references
    assert len(data["reviewed_by"]) == reviewers + 2
    with django_assert_num_queries(1):
        assert client.get("/articles/sized/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get(f"{API}sized/?audience=clinician").status_code == 200


def test_building_the_rendering_costs_the_same_for_1_or_50_references(workflow):
    small = _published(workflow, slug="small", references=1, reviewers=2)
    large = _published(workflow, slug="large", references=50, reviewers=50)
    counts = []
    for revision in (small, large):
        with CaptureQueriesContext(connection) as captured:
            public_snapshot_refresh(article=revision.article)
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("articles", [1, 5])
def test_the_list_takes_one_query_and_a_filtered_list_two(
    workflow, client, django_assert_num_queries, articles
):
    for _ in range(articles):
        workflow.published()
    # The page and its total (from the catalogue) in one statement.
    with django_assert_num_queries(1):
        assert client.get(API).json()["count"] == articles
    # A filtered list counts its matches as well.
    with django_assert_num_queries(2):
        assert client.get(f"{API}?q=blood&specialty=cardiology").json()["count"] == articles
    with django_assert_num_queries(1):
        assert client.get("/articles/").status_code == 200
    # A page past the end learns the total from a count.
    with django_assert_num_queries(2):
        assert client.get(f"{API}?page=9").status_code == 404
    with django_assert_num_queries(1):
        assert client.get("/articles/feed.atom").status_code == 200
