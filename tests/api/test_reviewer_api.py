"""Reviewers through the API: assignments, the revision under review, responding, reviewing."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from django.utils import timezone

from editorial import services
from editorial.models import AuditEvent

from .conftest import assert_error_shape, client_for


def test_a_reviewer_lists_their_assignments_filtered_by_state_and_due_date(workflow):
    reviewer = workflow.reviewers[0]
    soon = services.assignment_create(
        revision=workflow.submitted(),
        reviewer=reviewer,
        actor=workflow.editor,
        due_at=timezone.now() + timedelta(days=2),
    )
    services.assignment_create(
        revision=workflow.submitted(),
        reviewer=reviewer,
        actor=workflow.editor,
        due_at=timezone.now() + timedelta(days=20),
    )
    services.assignment_create(
        revision=workflow.submitted(), reviewer=workflow.reviewers[1], actor=workflow.editor
    )
    client = client_for(reviewer.user)
    cutoff = quote((timezone.now() + timedelta(days=7)).isoformat())

    everything = client.get("/api/v1/assignments/").json()
    due_soon = client.get(f"/api/v1/assignments/?state=invited&due_before={cutoff}").json()

    assert everything["count"] == 2
    assert [a["id"] for a in due_soon["results"]] == [soon.pk]
    assert due_soon["results"][0]["allowed_actions"] == ["accept", "decline"]


def test_a_naive_due_date_filter_is_refused_not_guessed(workflow):
    response = client_for(workflow.reviewers[0].user).get(
        "/api/v1/assignments/?due_before=2026-12-01T09:00:00"
    )
    error = assert_error_shape(response, 400, "invalid")
    assert error["fields"]["due_before"][0].startswith("Give the time with its UTC offset")


def test_an_invited_reviewer_reads_the_revision_but_not_who_wrote_it(workflow):
    assignment = workflow.assigned(n=1)[0]
    body = client_for(assignment.reviewer.user).get(f"/api/v1/revisions/{assignment.revision_id}/")
    assert body.status_code == 200
    assert body.json()["editorial"] is None
    assert body.json()["feedback"] is None
    assert workflow.author.username not in body.content.decode()


def test_accepting_with_a_conflict_needs_a_statement(workflow):
    assignment = workflow.assigned(n=1)[0]
    client = client_for(assignment.reviewer.user)
    url = f"/api/v1/assignments/{assignment.pk}/accept/"

    refused = client.post(url, {"has_conflict": True}, format="json")
    accepted = client.post(
        url, {"has_conflict": True, "conflict_statement": "I advise the maker."}, format="json"
    )

    error = assert_error_shape(refused, 400, "rule_violation")
    assert error["fields"] == {"conflict_statement": ["required when declaring a conflict"]}
    assert accepted.status_code == 200
    assert accepted.json()["state"] == "accepted"
    assert accepted.json()["has_conflict"] is True
    assert accepted.json()["allowed_actions"] == ["review"]


def test_declining_needs_a_reason_and_records_it(workflow):
    assignment = workflow.assigned(n=1)[0]
    client = client_for(assignment.reviewer.user)
    url = f"/api/v1/assignments/{assignment.pk}/decline/"

    assert_error_shape(client.post(url, {}, format="json"), 400, "invalid")
    response = client.post(url, {"reason": "On leave until March."}, format="json")

    assert response.status_code == 200
    assert response.json()["state"] == "declined"
    assert response.json()["allowed_actions"] == []
    assert AuditEvent.objects.last().action == "assignment_declined"


def test_submitting_a_review_completes_the_assignment(workflow):
    revision = workflow.under_review()
    assignment = revision.assignments.first()
    response = client_for(assignment.reviewer.user).post(
        f"/api/v1/assignments/{assignment.pk}/review/",
        {
            "recommendation": "major_changes",
            "comments_for_author": "Add the 2024 trial.",
            "confidential_comments": "Weak evidence base.",
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "completed"
    assert body["recommendation"] == "major_changes"
    assert body["confidential_comments"] == "Weak evidence base."


def test_an_unknown_recommendation_is_a_400_naming_the_field(workflow):
    revision = workflow.under_review()
    assignment = revision.assignments.first()
    response = client_for(assignment.reviewer.user).post(
        f"/api/v1/assignments/{assignment.pk}/review/",
        {"recommendation": "love it", "comments_for_author": "x"},
        format="json",
    )
    error = assert_error_shape(response, 400, "invalid")
    assert error["fields"] == {"recommendation": ['"love it" is not a valid choice.']}


def test_a_cancelled_invitation_hides_the_revision_from_the_reviewer(workflow):
    assignment = workflow.assigned(n=1)[0]
    services.assignment_cancel(assignment=assignment, actor=workflow.editor, reason="Changed")
    client = client_for(assignment.reviewer.user)
    assert_error_shape(client.get(f"/api/v1/revisions/{assignment.revision_id}/"), 404)
    assert client.get(f"/api/v1/assignments/{assignment.pk}/").json()["state"] == "cancelled"
