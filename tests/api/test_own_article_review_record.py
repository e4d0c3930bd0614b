"""Through the API too, nobody reads the review record of an article they wrote, whatever
their role; a superuser without a role reads everyone else's record but acts on nothing."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory
from tests.review_record import (
    CONFIDENTIAL,
    CONFLICT,
    STAFF_AUTHORS,
    VOTE_NOTE,
    own_article_under_review,
    someone_elses_approved_article,
)

from .conftest import client_for


def assert_no_record(body: str, workflow) -> None:
    for secret in (CONFLICT, CONFIDENTIAL, VOTE_NOTE):
        assert secret not in body
    for reviewer in workflow.reviewers:
        assert reviewer.display_name not in body


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_listing_the_assignments_of_their_own_revision_returns_none(workflow, role):
    own = own_article_under_review(workflow, role)

    response = client_for(own.author).get(f"/api/v1/assignments/?revision={own.revision.pk}")

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert_no_record(response.content.decode(), workflow)


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_an_assignment_of_their_own_revision_is_not_found(workflow, role):
    own = own_article_under_review(workflow, role)
    assignment = own.revision.assignments.filter(has_conflict=True).get()

    response = client_for(own.author).get(f"/api/v1/assignments/{assignment.pk}/")

    assert response.status_code == 404
    assert_no_record(response.content.decode(), workflow)


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_their_own_revision_reads_without_the_editorial_record_or_early_feedback(workflow, role):
    own = own_article_under_review(workflow, role)

    response = client_for(own.author).get(f"/api/v1/revisions/{own.revision.pk}/")

    assert response.status_code == 200
    assert response.json()["editorial"] is None
    assert response.json()["feedback"] is None  # the board has not decided yet
    assert_no_record(response.content.decode(), workflow)


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_staff_authors_still_read_other_articles_review_records(workflow, other_author, role):
    own = own_article_under_review(workflow, role)
    other = someone_elses_approved_article(workflow, other_author)
    client = client_for(own.author)

    listed = client.get("/api/v1/assignments/").json()["results"]
    detail = client.get(f"/api/v1/revisions/{other.pk}/").json()

    assert {a["revision"]["id"] for a in listed} == {other.pk}
    assert len(detail["editorial"]["assignments"]) == 2


def test_a_superuser_without_a_role_reads_every_revision_and_record_but_may_do_nothing(
    workflow, other_author
):
    root = UserFactory(username="root", is_superuser=True)
    under_review = workflow.reviewed()
    approved = someone_elses_approved_article(workflow, other_author)
    client = client_for(root)

    listed = client.get("/api/v1/revisions/").json()["results"]
    detail = client.get(f"/api/v1/revisions/{under_review.pk}/").json()
    vote = client.post(
        f"/api/v1/revisions/{under_review.pk}/vote/", {"decision": "approve"}, format="json"
    )

    assert {r["id"] for r in listed} == {under_review.pk, approved.pk}
    assert all(r["allowed_actions"] == [] for r in listed)
    assert len(detail["editorial"]["assignments"]) == 2
    assert detail["allowed_actions"] == []
    assert vote.status_code == 403
