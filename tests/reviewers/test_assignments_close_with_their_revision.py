"""An invitation or unfinished review whose revision leaves review (withdrawn, decided) is
closed by the service that moved the revision: cancelled, with the reason, in the audit.
So a reviewer's load, the picker, the overdue queue and the reviewer's own queue need no
allowances for it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from editorial import selectors, services
from editorial.models import AuditEvent
from editorial.services.decisions import CLOSED_BY_DECISION
from reviewers.models import ReviewAssignment
from tests.factories import ReviewerFactory


def test_withdrawing_a_revision_cancels_its_open_invitations_with_the_reason(workflow):
    invitation = workflow.assigned(n=1)[0]
    before = AuditEvent.objects.count()

    services.revision_withdraw(revision=invitation.revision, actor=workflow.author)

    invitation.refresh_from_db()
    assert invitation.state == "cancelled"
    assert invitation.cancel_reason == "The author withdrew the revision."
    withdrawn, cancelled = AuditEvent.objects.filter(sequence__gt=before).order_by("sequence")
    assert (withdrawn.action, cancelled.action) == ("withdrawn", "assignment_cancelled")
    assert (cancelled.actor, cancelled.from_state, cancelled.to_state) == (
        workflow.author,
        "invited",
        "cancelled",
    )
    assert cancelled.data["assignment"] == invitation.pk


def test_a_board_decision_cancels_the_review_still_in_progress(workflow):
    revision = workflow.reviewed(n=2)
    late = services.assignment_accept(
        assignment=services.assignment_create(
            revision=revision, reviewer=workflow.reviewers[2], actor=workflow.editor
        ),
        actor=workflow.reviewers[2].user,
        has_conflict=False,
    )

    services.revision_request_changes(
        revision=revision, actor=workflow.board[0], comment="Cite the 2024 guideline."
    )

    late.refresh_from_db()
    assert (late.state, late.cancel_reason) == ("cancelled", CLOSED_BY_DECISION)
    completed = revision.assignments.exclude(pk=late.pk)
    assert set(completed.values_list("state", flat=True)) == {"completed"}


def test_a_withdrawn_invitation_no_longer_takes_the_reviewers_only_place(workflow):
    reviewer = ReviewerFactory(user__username="busy", max_active_reviews=1)
    first = workflow.submitted()
    services.assignment_create(revision=first, reviewer=reviewer, actor=workflow.editor)
    services.revision_withdraw(revision=first, actor=workflow.author)
    second = workflow.submitted()

    picked = selectors.reviewer_candidate_list(second).get(pk=reviewer.pk)
    services.assignment_create(revision=second, reviewer=reviewer, actor=workflow.editor)

    assert (picked.active_reviews, picked.max_active_reviews) == (0, 1)
    assert ReviewAssignment.objects.load_of(reviewer) == 1


def test_the_overdue_queue_leaves_out_invitations_of_a_withdrawn_revision(workflow):
    invitation = workflow.assigned(n=1)[0]
    # The invitation's due date has passed (set directly: no service moves dates backwards).
    ReviewAssignment.objects.filter(pk=invitation.pk).update(
        due_at=timezone.now() - timedelta(days=1)
    )
    visible = selectors.assignment_list(workflow.editor)
    assert selectors.assignment_queue(visible, "overdue", workflow.editor).count() == 1

    services.revision_withdraw(revision=invitation.revision, actor=workflow.author)

    assert selectors.assignment_queue(visible, "overdue", workflow.editor).count() == 0
    mine = selectors.assignment_list(invitation.reviewer.user)
    assert selectors.assignment_queue(mine, "mine_open", invitation.reviewer.user).count() == 0
