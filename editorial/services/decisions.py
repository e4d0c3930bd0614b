"""The Medical Advisory Board's decisions: votes, approval at quorum, sending back,
rejecting, and a member's recusal."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from articles.models import Revision

from .. import audit, workflow
from ..errors import RuleViolation
from ..messages import REVIEWS_MISSING
from ..models import BoardRecusal, BoardVote, VoteDecision
from ..policy import Actor
from ..selectors.counting import review_counted_count, vote_approval_count
from ._base import apply, lock, workflow_service
from .reviews import close_assignments

CLOSED_BY_DECISION = "The board decided on the revision before this review was completed."


def quorum() -> int:
    return settings.EDITORIAL["BOARD_QUORUM"]


@workflow_service
def board_vote(
    *,
    revision: Revision,
    actor: Actor,
    decision: str,
    comment: str = "",
    conflict_of_interest: str = "",
) -> Revision:
    """Record a board member's vote; approval applies once the quorum of approvals is reached,
    a request for changes or a rejection applies at once. A member who declares a conflict
    instead is recused from the article, and casts no vote."""
    revision = lock(revision)
    if conflict_of_interest.strip():
        return _recuse(revision, actor, conflict_of_interest)
    act = workflow.guard("vote", actor, revision)
    if decision not in VoteDecision.values:
        raise RuleViolation(
            "Choose a decision: approve, request_changes or reject.",
            fields={"decision": ["invalid choice"]},
        )
    outcome = workflow.action(decision)
    if revision.votes.filter(member=actor).exists():
        raise RuleViolation("You have already voted on this revision.")
    comment = comment.strip()
    if "comment" in outcome.needs and not comment:
        raise RuleViolation(
            "Write a comment for the author explaining the decision.",
            fields={"comment": ["required"]},
        )
    required = settings.EDITORIAL["REQUIRED_REVIEWS"]
    reviews = review_counted_count(revision)
    if decision == VoteDecision.APPROVE and reviews < required:
        raise RuleViolation(REVIEWS_MISSING.format(required=required, reviews=reviews))
    BoardVote.objects.create(
        revision=revision,
        member=actor,
        decision=decision,
        content_hash=revision.content_hash,
        comment=comment,
    )
    count = vote_approval_count(revision)
    tally = {"approvals": count, "quorum": quorum(), "content_hash": revision.content_hash}
    apply(act, revision, actor=actor, comment=comment, data={"decision": decision, **tally})
    if decision == VoteDecision.APPROVE and count < quorum():
        return revision
    apply(
        outcome,
        revision,
        actor=actor,
        changes={
            "decided_at": timezone.now(),
            "decision_comment": comment if decision != VoteDecision.APPROVE else "",
        },
        comment=comment,
        data=tally if decision == VoteDecision.APPROVE else {},
    )
    close_assignments(revision, actor=actor, reason=CLOSED_BY_DECISION)
    return revision


@workflow_service
def board_recuse(*, revision: Revision, actor: Actor, statement: str) -> Revision:
    """A board member declares a conflict of interest with the article: stored and audited,
    it bars them from voting on any of its revisions from now on."""
    return _recuse(lock(revision), actor, statement)


def _recuse(revision: Revision, actor: Actor, statement: str) -> Revision:
    act = workflow.guard("recuse", actor, revision)
    statement = statement.strip()
    if not statement:
        raise RuleViolation(
            "Describe the conflict of interest you are declaring.",
            fields={"statement": ["required"]},
        )
    BoardRecusal.objects.create(
        article=revision.article, member=actor, revision=revision, statement=statement
    )
    audit.record(
        action=act.audit,
        actor=actor,
        article=revision.article,
        revision=revision,
        from_state=revision.state,
        to_state=revision.state,
        comment=statement,
    )
    return revision


def revision_approve(*, revision: Revision, actor: Actor, comment: str = "") -> Revision:
    """Record the actor's approval; approve the revision once the quorum is reached."""
    return board_vote(
        revision=revision, actor=actor, decision=VoteDecision.APPROVE, comment=comment
    )


def revision_request_changes(*, revision: Revision, actor: Actor, comment: str) -> Revision:
    """A board member sends the revision back to its author, saying what must change."""
    return board_vote(
        revision=revision, actor=actor, decision=VoteDecision.REQUEST_CHANGES, comment=comment
    )


def revision_reject(*, revision: Revision, actor: Actor, comment: str) -> Revision:
    """A board member rejects the revision, saying why."""
    return board_vote(revision=revision, actor=actor, decision=VoteDecision.REJECT, comment=comment)
