"""A review draft is the reviewer's alone: saved without JavaScript and by the autosave, read
by no one else (author, editors, board, the public, the API), and never a review. Consent to
public credit is asked on submitting, in the workspace, the admin and the API alike (no by
default), stored on the assignment and recorded in the review's audit event."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from editorial import services
from editorial.models import AuditAction, AuditEvent
from reviewers.models import AssignmentState, ReviewDraft
from tests.admin.conftest import assignment_action_url
from tests.api.conftest import client_for

from ..signin import signed_in

pytestmark = pytest.mark.django_db
SECRET = "Draft words nobody else may read"


@pytest.fixture
def drafted(workflow):
    """Under review, one reviewer with a saved draft and nothing submitted."""
    revision = workflow.under_review()
    assignment = revision.assignments.order_by("pk").first()
    response = signed_in(assignment.reviewer.user).post(
        reverse("workspace:review", args=[assignment.pk]),
        {
            "intent": "save",
            "recommendation": "reject",
            "comments_for_author": SECRET,
            "confidential_comments": SECRET + " (confidential)",
        },
    )
    assert response.status_code == 302
    return assignment


def test_save_draft_without_javascript_keeps_it_for_the_reviewer(drafted):
    client = signed_in(drafted.reviewer.user)
    page = client.get(reverse("workspace:review", args=[drafted.pk])).content.decode()
    assert SECRET in page
    assert ReviewDraft.objects.get(assignment=drafted).recommendation == "reject"


def test_the_autosave_answers_in_json(drafted):
    client = signed_in(drafted.reviewer.user)
    url = reverse("workspace:review_draft", args=[drafted.pk])
    answer = client.post(url, {"recommendation": "approve", "comments_for_author": "Later."})
    assert answer.status_code == 200
    assert answer.json()["detail"].startswith("Draft saved at")
    assert ReviewDraft.objects.get(assignment=drafted).comments_for_author == "Later."
    wrong = client.post(url, {"recommendation": "still_accurate"})
    assert wrong.status_code == 400
    assert "recommendation" in wrong.json()["fields"]


def test_a_draft_is_not_a_review_and_is_not_audited(drafted):
    drafted.refresh_from_db()
    assert drafted.state == AssignmentState.ACCEPTED
    assert drafted.comments_for_author == ""
    assert services.review_counted_count(drafted.revision) == 0
    assert not AuditEvent.objects.filter(data__icontains=SECRET).exists()


def test_no_one_else_reads_the_draft(workflow, drafted):
    revision = drafted.revision
    other = revision.assignments.exclude(pk=drafted.pk).first()
    pages = [
        signed_in(workflow.author).get(reverse("workspace:article", args=[revision.article.slug])),
        signed_in(workflow.editor).get(
            reverse("admin:articles_revision_change", args=[revision.pk])
        ),
        signed_in(workflow.board[0]).get(
            reverse("admin:articles_revision_change", args=[revision.pk])
        ),
        signed_in(other.reviewer.user).get(reverse("workspace:review", args=[drafted.pk])),
        client_for(workflow.author).get(f"/api/v1/revisions/{revision.pk}/"),
        client_for(workflow.editor).get(f"/api/v1/revisions/{revision.pk}/"),
        client_for(workflow.editor).get(f"/api/v1/assignments/{drafted.pk}/"),
        client_for(drafted.reviewer.user).get(f"/api/v1/assignments/{drafted.pk}/"),
        client_for(workflow.board[0]).get("/api/v1/assignments/"),
        Client().get(f"/articles/{revision.article.slug}/"),
        Client().get(f"/api/v1/public/articles/{revision.article.slug}/"),
    ]
    for response in pages:
        assert SECRET not in response.content.decode(), response.request["PATH_INFO"]


def test_submitting_in_the_workspace_stores_consent_and_audits_it(drafted):
    client = signed_in(drafted.reviewer.user)
    client.post(
        reverse("workspace:review", args=[drafted.pk]),
        {"intent": "confirm", "recommendation": "approve", "comments_for_author": "Sound."},
    )
    confirm = reverse("workspace:review_confirm", args=[drafted.pk])
    page = client.get(confirm).content.decode()
    assert "cannot be changed" in page
    assert "May we name you as a reviewer of this article when it is published?" in page
    response = client.post(confirm, {"credit_consent": "on"})
    assert response.status_code == 302
    drafted.refresh_from_db()
    assert drafted.state == AssignmentState.COMPLETED
    assert drafted.credit_consent is True
    assert drafted.comments_for_author == "Sound."
    event = AuditEvent.objects.get(action=AuditAction.REVIEW_COMPLETED, data__assignment=drafted.pk)
    assert event.data["credit_consent"] is True
    assert not ReviewDraft.objects.filter(assignment=drafted).exists()


def test_the_api_takes_consent_and_defaults_to_no(workflow):
    revision = workflow.under_review()
    first, second = revision.assignments.order_by("pk")
    body = {"recommendation": "approve", "comments_for_author": "Clear."}
    yes = client_for(first.reviewer.user).post(
        f"/api/v1/assignments/{first.pk}/review/", {**body, "credit_consent": True}, format="json"
    )
    plain = client_for(second.reviewer.user).post(
        f"/api/v1/assignments/{second.pk}/review/", body, format="json"
    )
    assert yes.status_code == plain.status_code == 200
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.credit_consent, second.credit_consent) == (True, False)
    events = AuditEvent.objects.filter(action=AuditAction.REVIEW_COMPLETED).order_by("sequence")
    assert [e.data["credit_consent"] for e in events] == [True, False]


def test_the_admin_takes_consent(workflow):
    revision = workflow.under_review()
    assignment = revision.assignments.order_by("pk").first()
    response = signed_in(assignment.reviewer.user).post(
        assignment_action_url(assignment, "review"),
        {"recommendation": "approve", "comments_for_author": "Fine.", "credit_consent": "on"},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.credit_consent is True
