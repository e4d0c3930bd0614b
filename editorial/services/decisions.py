"""The Medical Advisory Board's decisions: votes, approval at quorum, sending back,
rejecting, and a member's recusal."""

from __future__ import annotations

from django.utils import timezone

from articles.models import ChangeClass, Revision

from .. import audit, workflow
from ..errors import RuleViolation
from ..messages import RETRACTION_NOT_ACKNOWLEDGED, REVIEWS_MISSING
from ..models import BoardRecusal, BoardVote, VoteDecision
from ..policy import Actor
from ..rules import rules_for
from ..selectors.counting import review_counted_count, vote_approval_count
from ._base import apply, lock, workflow_service
from .reviews import close_assignments

CLOSED_BY_DECISION = "The board decided on the revision before this review was completed."


@workflow_service
def board_vote(
    *,
    revision: Revision,
    actor: Actor,
    decision: str,
    comment: str = "",
    conflict_of_interest: str = "",
    acknowledges_retraction: bool = False,
) -> Revision:
    """Record a board member's vote; approval applies once the quorum of approvals is reached,
    a request for changes or a rejection applies at once. A member who declares a conflict
    instead is recused from the article, and casts no vote. Approving a revision that
    reinstates a retracted article needs the member to acknowledge the retraction."""
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
    rules = rules_for(revision)
    reviews = review_counted_count(revision)
    approving = decision == VoteDecision.APPROVE
    if approving and reviews < rules.required_reviews:
        raise RuleViolation(
            REVIEWS_MISSING.format(required=rules.required_reviews, reviews=reviews)
        )
    reinstating = revision.change_class == ChangeClass.REINSTATEMENT
    if approving and reinstating and not acknowledges_retraction:
        raise RuleViolation(
            RETRACTION_NOT_ACKNOWLEDGED, fields={"acknowledges_retraction": ["required"]}
        )
    BoardVote.objects.create(
        revision=revision,
        member=actor,
        decision=decision,
        content_hash=revision.content_hash,
        comment=comment,
        acknowledges_retraction=bool(acknowledges_retraction and reinstating),
    )
    count = vote_approval_count(revision)
    tally = {
        "approvals": count,
        "quorum": rules.board_quorum,
        "content_hash": revision.content_hash,
    }
    extra = {"acknowledges_retraction": True} if approving and reinstating else {}
    apply(
        act, revision, actor=actor, comment=comment, data={"decision": decision, **tally, **extra}
    )
    if approving and count < rules.board_quorum:
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
        # What the public will read of the change is approved with the content; the
        # publication evidence checks the revision still carries it.
        data={**tally, "change_class": revision.change_class, "change_note": revision.change_note}
        if approving
        else {},
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
