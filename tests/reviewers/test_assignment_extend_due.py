"""An editor gives a reviewer more time: the due date moves later, never earlier, while the
review is still open; the history records both dates and the reviewer is told."""

from __future__ import annotations

from datetime import timedelta

import pytest

from editorial import services
from editorial.errors import InvalidTransition, NotPermitted, RuleViolation
from editorial.models import AuditEvent
from tests.api.conftest import client_for


def test_an_editor_extends_an_invitation_and_the_history_says_from_when_to_when(workflow):
    invitation = workflow.assigned(n=1)[0]
    before, later = invitation.due_at, invitation.due_at + timedelta(days=7)

    services.assignment_extend_due(assignment=invitation, actor=workflow.editor, due_at=later)

    invitation.refresh_from_db()
    assert invitation.due_at == later
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        "due_date_extended",
        workflow.editor,
        "invited",
        "invited",
    )
    assert event.data == {
        "assignment": invitation.pk,
        "reviewer": invitation.reviewer_id,
        "from": before.isoformat(),
        "to": later.isoformat(),
    }


def test_an_earlier_date_is_a_rule_not_met(workflow):
    invitation = workflow.assigned(n=1)[0]

    with pytest.raises(RuleViolation, match="later than the current one"):
        services.assignment_extend_due(
            assignment=invitation,
            actor=workflow.editor,
            due_at=invitation.due_at - timedelta(hours=1),
        )


def test_a_completed_review_has_no_due_date_to_move(workflow):
    revision = workflow.reviewed()
    done = revision.assignments.first()

    with pytest.raises(InvalidTransition) as refused:
        services.assignment_extend_due(
            assignment=done, actor=workflow.editor, due_at=done.due_at + timedelta(days=1)
        )
    assert refused.value.message == "This invitation is completed; it cannot be extended."


def test_the_reviewer_cannot_extend_their_own_due_date(workflow):
    invitation = workflow.assigned(n=1)[0]

    with pytest.raises(NotPermitted):
        services.assignment_extend_due(
            assignment=invitation,
            actor=invitation.reviewer.user,
            due_at=invitation.due_at + timedelta(days=3),
        )


def test_the_api_offers_it_to_the_editor_and_takes_it(workflow):
    invitation = workflow.assigned(n=1)[0]
    later = (invitation.due_at + timedelta(days=5)).isoformat()

    response = client_for(workflow.editor).post(
        f"/api/v1/assignments/{invitation.pk}/extend-due/", {"due_at": later}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["allowed_actions"] == ["cancel", "extend_due"]
    invitation.refresh_from_db()
    assert invitation.due_at.isoformat() == later
