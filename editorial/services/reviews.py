"""Reviewer assignments: invite, accept, decline, cancel, complete; and starting review."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from articles.models import Revision, RevisionState
from reviewers.models import AssignmentState, Recommendation, ReviewAssignment, Reviewer

from .. import audit, notifications, policy
from ..errors import InvalidTransition, RuleViolation
from ..models import AuditAction
from ..selectors.counting import counted_reviews
from ._base import lock, require, require_transition, workflow_service
from .messages import AUTHOR_NEVER_REVIEWS, REVIEWER_CONFLICT

S = RevisionState
A = AssignmentState
ACTIVE = (A.INVITED, A.ACCEPTED)
OPEN_FOR_REVIEW = policy.OPEN_FOR_REVIEW


def default_due_at() -> datetime:
    return timezone.now() + timedelta(days=settings.EDITORIAL["REVIEW_DUE_DAYS"])


def _assignment_refusal(assignment: ReviewAssignment, verb: str) -> InvalidTransition:
    return InvalidTransition(
        f"This invitation is {assignment.get_state_display().lower()}; it cannot be {verb}."
    )


def _record(action: AuditAction, assignment: ReviewAssignment, actor: Any, from_state: str,
            comment: str = "", **data: Any) -> None:  # fmt: skip
    audit.record(
        action=action,
        actor=actor,
        article=assignment.revision.article,
        revision=assignment.revision,
        from_state=from_state,
        to_state=assignment.state,
        comment=comment,
        data={"assignment": assignment.pk, "reviewer": assignment.reviewer_id, **data},
    )


@workflow_service
def assignment_create(
    *, revision: Revision, reviewer: Reviewer, actor: Any, due_at: datetime | None = None
) -> ReviewAssignment:
    """An editor invites a reviewer; the author and the conflicted are never invited."""
    revision = lock(revision)
    require(policy.can_assign_reviewer(actor, revision), "Only editors may assign reviewers.")
    if revision.state not in OPEN_FOR_REVIEW:
        raise InvalidTransition(
            f"Reviewers are assigned to submitted revisions; this one is "
            f"{revision.get_state_display().lower()}."
        )
    reviewer = lock(reviewer)
    due_at = due_at or default_due_at()
    if not reviewer.is_active:
        raise RuleViolation(f"{reviewer.display_name} is not an active reviewer.")
    if policy.wrote(reviewer.user, revision.article):
        raise RuleViolation(AUTHOR_NEVER_REVIEWS)
    if revision.assignments.filter(reviewer=reviewer).exists():
        raise RuleViolation(f"{reviewer.display_name} is already assigned to this revision.")
    if ReviewAssignment.objects.filter(
        reviewer=reviewer, revision__article=revision.article, has_conflict=True
    ).exists():
        raise RuleViolation(REVIEWER_CONFLICT.format(name=reviewer.display_name))
    # Invitations left open on a revision that was withdrawn or decided hold no one up.
    active = reviewer.assignments.filter(
        state__in=ACTIVE, revision__state__in=OPEN_FOR_REVIEW
    ).count()
    if active >= reviewer.max_active_reviews:
        raise RuleViolation(
            f"{reviewer.display_name} already has {active} active reviews "
            f"(limit {reviewer.max_active_reviews})."
        )
    if due_at <= timezone.now():
        raise RuleViolation("The due date must be in the future.", fields={"due_at": ["past"]})
    assignment = ReviewAssignment.objects.create(
        revision=revision, reviewer=reviewer, assigned_by=actor, due_at=due_at
    )
    _record(AuditAction.REVIEWER_ASSIGNED, assignment, actor, "", due_at=due_at.isoformat())
    notifications.reviewer_invited(assignment)
    return assignment


@workflow_service
def assignment_accept(
    *, assignment: ReviewAssignment, actor: Any, has_conflict: bool, conflict_statement: str = ""
) -> ReviewAssignment:
    """The reviewer accepts and declares any conflict of interest, which the board will see."""
    assignment = lock(assignment)
    require(policy.can_respond(actor, assignment), "This invitation is not yours.")
    if assignment.state != A.INVITED:
        raise _assignment_refusal(assignment, "accepted")
    if assignment.revision.state not in OPEN_FOR_REVIEW:
        raise InvalidTransition("The revision is no longer open for review.")
    if has_conflict and not conflict_statement.strip():
        raise RuleViolation(
            "Describe the conflict of interest you are declaring.",
            fields={"conflict_statement": ["required when declaring a conflict"]},
        )
    from_state = assignment.state
    assignment.accept()
    assignment.has_conflict = has_conflict
    assignment.conflict_statement = conflict_statement.strip()
    assignment.responded_at = timezone.now()
    assignment.save(update_fields=["state", "has_conflict", "conflict_statement", "responded_at"])
    _record(
        AuditAction.ASSIGNMENT_ACCEPTED,
        assignment,
        actor,
        from_state,
        comment=assignment.conflict_statement,
        has_conflict=has_conflict,
    )
    return assignment


@workflow_service
def assignment_decline(
    *, assignment: ReviewAssignment, actor: Any, reason: str
) -> ReviewAssignment:
    """The reviewer declines an invitation, saying why."""
    assignment = lock(assignment)
    require(policy.can_respond(actor, assignment), "This invitation is not yours.")
    if assignment.state != A.INVITED:
        raise _assignment_refusal(assignment, "declined")
    if not reason.strip():
        raise RuleViolation("Give a reason for declining.", fields={"reason": ["required"]})
    from_state = assignment.state
    assignment.decline()
    assignment.decline_reason = reason.strip()
    assignment.responded_at = timezone.now()
    assignment.save(update_fields=["state", "decline_reason", "responded_at"])
    _record(AuditAction.ASSIGNMENT_DECLINED, assignment, actor, from_state, comment=reason)
    return assignment


@workflow_service
def assignment_cancel(
    *, assignment: ReviewAssignment, actor: Any, reason: str = ""
) -> ReviewAssignment:
    """An editor withdraws an invitation or an accepted review not yet completed."""
    assignment = lock(assignment)
    require(policy.can_cancel_assignment(actor, assignment), "Only editors may cancel reviews.")
    if assignment.state not in ACTIVE:
        raise _assignment_refusal(assignment, "cancelled")
    from_state = assignment.state
    assignment.cancel()
    assignment.cancel_reason = reason.strip()
    assignment.save(update_fields=["state", "cancel_reason"])
    _record(AuditAction.ASSIGNMENT_CANCELLED, assignment, actor, from_state, comment=reason)
    return assignment


@workflow_service
def review_complete(
    *,
    assignment: ReviewAssignment,
    actor: Any,
    recommendation: str,
    comments_for_author: str,
    confidential_comments: str = "",
) -> ReviewAssignment:
    """The reviewer submits a recommendation with comments for the author and the board."""
    assignment = lock(assignment)
    require(policy.can_complete_review(actor, assignment), "This review is not yours.")
    if assignment.state != A.ACCEPTED:
        raise _assignment_refusal(assignment, "completed")
    revision = lock(assignment.revision)
    if revision.state not in OPEN_FOR_REVIEW:
        raise InvalidTransition("The revision is no longer open for review.")
    if recommendation not in Recommendation.values:
        raise RuleViolation(
            "Choose a recommendation: " + ", ".join(Recommendation.values) + ".",
            fields={"recommendation": ["invalid choice"]},
        )
    if not comments_for_author.strip():
        raise RuleViolation(
            "Write comments for the author.", fields={"comments_for_author": ["required"]}
        )
    from_state = assignment.state
    assignment.complete()
    assignment.recommendation = recommendation
    assignment.comments_for_author = comments_for_author.strip()
    assignment.confidential_comments = confidential_comments.strip()
    assignment.completed_at = timezone.now()
    assignment.save(
        update_fields=[
            "state",
            "recommendation",
            "comments_for_author",
            "confidential_comments",
            "completed_at",
        ]
    )
    _record(
        AuditAction.REVIEW_COMPLETED,
        assignment,
        actor,
        from_state,
        recommendation=recommendation,
    )
    required = settings.EDITORIAL["REQUIRED_REVIEWS"]
    if revision.state == S.UNDER_REVIEW and counted_reviews(revision) == required:
        notifications.awaiting_board(revision)
    return assignment


@workflow_service
def revision_start_review(*, revision: Revision, actor: Any) -> Revision:
    """An editor opens review once at least one reviewer has accepted."""
    revision = lock(revision)
    require_transition(revision, "start_review", "put under review", actor)
    require(policy.can_start_review(actor, revision), "Only editors may start review.")
    if not revision.assignments.filter(state__in=(A.ACCEPTED, A.COMPLETED)).exists():
        raise RuleViolation("Review starts once at least one reviewer has accepted.")
    from_state = revision.state
    revision.start_review()
    revision.review_started_at = timezone.now()
    revision.save(update_fields=["state", "review_started_at"])
    audit.record_transition(
        action=AuditAction.REVIEW_STARTED,
        actor=actor,
        revision=revision,
        from_state=from_state,
    )
    if counted_reviews(revision) >= settings.EDITORIAL["REQUIRED_REVIEWS"]:
        notifications.awaiting_board(revision)
    return revision
