"""The Medical Advisory Board's decisions: votes, approval at quorum, sending back, rejecting."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from articles.models import Revision
from reviewers.models import ReviewAssignment

from .. import audit, notifications, policy
from ..errors import RuleViolation
from ..models import AuditAction, BoardVote, VoteDecision
from ._base import lock, require, require_transition, workflow_service
from .messages import REVIEWS_MISSING, VOTER_CONFLICT
from .reviews import counted_reviews

D = VoteDecision
TRANSITION_FOR = {
    D.APPROVE: ("approve", "approved", AuditAction.APPROVED, "Approved for publication"),
    D.REQUEST_CHANGES: (
        "request_changes",
        "sent back for changes",
        AuditAction.CHANGES_REQUESTED,
        "Changes requested",
    ),
    D.REJECT: ("reject", "rejected", AuditAction.REJECTED, "Rejected"),
}


def quorum() -> int:
    return settings.EDITORIAL["BOARD_QUORUM"]


def approvals(revision: Revision) -> int:
    return revision.votes.filter(decision=D.APPROVE).count()


@workflow_service
def board_vote(
    *,
    revision: Revision,
    actor: Any,
    decision: str,
    comment: str = "",
    conflict_of_interest: str = "",
) -> Revision:
    """Record a board member's vote; approval applies once the quorum of approvals is reached,
    a request for changes or a rejection applies at once."""
    revision = lock(revision)
    if decision not in D.values:
        raise RuleViolation(
            "Choose a decision: approve, request_changes or reject.",
            fields={"decision": ["invalid choice"]},
        )
    method, verb, action, headline = TRANSITION_FOR[D(decision)]
    require_transition(revision, method, verb, actor)
    require(
        policy.can_vote(actor, revision),
        "Only members of the Medical Advisory Board who did not write the article may vote.",
    )
    if (
        conflict_of_interest.strip()
        or ReviewAssignment.objects.filter(
            reviewer__user=actor, revision__article=revision.article, has_conflict=True
        ).exists()
    ):
        raise RuleViolation(VOTER_CONFLICT)
    if revision.votes.filter(member=actor).exists():
        raise RuleViolation("You have already voted on this revision.")
    comment = comment.strip()
    if decision != D.APPROVE and not comment:
        raise RuleViolation(
            "Write a comment for the author explaining the decision.",
            fields={"comment": ["required"]},
        )
    required = settings.EDITORIAL["REQUIRED_REVIEWS"]
    reviews = counted_reviews(revision)
    if decision == D.APPROVE and reviews < required:
        raise RuleViolation(REVIEWS_MISSING.format(required=required, reviews=reviews))
    BoardVote.objects.create(revision=revision, member=actor, decision=decision, comment=comment)
    count = approvals(revision)
    audit.record_transition(
        action=AuditAction.VOTE_CAST,
        actor=actor,
        revision=revision,
        from_state=revision.state,
        comment=comment,
        data={"decision": decision, "approvals": count, "quorum": quorum()},
    )
    if decision == D.APPROVE and count < quorum():
        return revision
    from_state = revision.state
    getattr(revision, method)()
    revision.decided_at = timezone.now()
    revision.decision_comment = comment if decision != D.APPROVE else ""
    revision.save(update_fields=["state", "decided_at", "decision_comment"])
    audit.record_transition(
        action=action,
        actor=actor,
        revision=revision,
        from_state=from_state,
        comment=comment,
        data={"approvals": count, "quorum": quorum()} if decision == D.APPROVE else {},
    )
    notifications.author_decision(revision, headline, revision.decision_comment)
    return revision


def revision_approve(*, revision: Revision, actor: Any, comment: str = "") -> Revision:
    """Record the actor's approval; approve the revision once the quorum is reached."""
    return board_vote(revision=revision, actor=actor, decision=D.APPROVE, comment=comment)


def revision_request_changes(*, revision: Revision, actor: Any, comment: str) -> Revision:
    """A board member sends the revision back to its author, saying what must change."""
    return board_vote(revision=revision, actor=actor, decision=D.REQUEST_CHANGES, comment=comment)


def revision_reject(*, revision: Revision, actor: Any, comment: str) -> Revision:
    """A board member rejects the revision, saying why."""
    return board_vote(revision=revision, actor=actor, decision=D.REJECT, comment=comment)
