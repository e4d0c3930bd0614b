"""Which reviews count toward the board's decision: completed, without a declared conflict.

The rule is written once (COUNTED) and read three ways: as a queryset, as a count, and over
assignments already prefetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.expressions import BaseExpression

from reviewers.models import AssignmentState, ReviewAssignment

from ..models import BoardRecusal, BoardVote, VoteDecision

# A re-review of the published text (rereview set) is no review of the revision's decision.
COUNTED: dict[str, Any] = {
    "state": AssignmentState.COMPLETED,
    "has_conflict": False,
    "rereview_id": None,
}


def _of(revision: Any) -> dict[str, Any]:
    """Filter on one revision, or on each of a list of revisions (or their ids)."""
    if isinstance(revision, list | tuple | set | frozenset):
        return {"revision__in": revision}
    return {"revision": revision}


def review_counts(assignment: ReviewAssignment) -> bool:
    return all(getattr(assignment, name) == value for name, value in COUNTED.items())


def review_counted_list(revision: Any) -> QuerySet[ReviewAssignment]:
    """The counted reviews of a revision (or of a list of them, or of OuterRef("pk") inside a
    subquery)."""
    return ReviewAssignment.objects.filter(**_of(revision), **COUNTED)


def review_counted_count(revision: Any) -> int:
    return review_counted_list(revision).count()


def review_counted_in(assignments: Iterable[ReviewAssignment]) -> int:
    """The count over assignments already read, e.g. revision.assignments.all() prefetched."""
    return sum(1 for assignment in assignments if review_counts(assignment))


def eligible_approvals(
    revision: Any, *, as_of: datetime | BaseExpression | None = None
) -> QuerySet[BoardVote]:
    """The approve votes that count toward the quorum (of a revision, of a list of them, or of
    OuterRef("pk") inside a subquery): votes for the content hash the revision carries, not
    from a member who has since declared a conflict with the article (recused, or on a
    review), nor, while vote and review are kept apart, from one who peer-reviewed the
    revision.

    ``as_of`` gives the approvals a decision taken at that moment rested on: only conflicts
    declared by then count against a vote, and the peer-reviewer rule is left to the vote
    service, which applied the setting in force then; a later declaration or a later change
    of the setting does not undo a decision. It may also be an expression over the vote's
    row (the moment its own revision was decided), to read many revisions' decisions at once.
    """
    votes = BoardVote.objects.all()
    if isinstance(as_of, BaseExpression):
        votes = votes.alias(decided_as_of=as_of)
        as_of = OuterRef("decided_as_of")
    member, article = OuterRef("member_id"), OuterRef("revision__article_id")
    recusals = BoardRecusal.objects.filter(member_id=member, article_id=article)
    conflicts = ReviewAssignment.objects.filter(
        reviewer__user_id=member, revision__article_id=article, has_conflict=True
    )
    if as_of is not None:
        recusals = recusals.filter(created_at__lte=as_of)
        conflicts = conflicts.filter(responded_at__lte=as_of)
    votes = (
        votes.filter(
            **_of(revision),
            decision=VoteDecision.APPROVE,
            content_hash=F("revision__content_hash"),
        )
        .exclude(Exists(recusals))
        .exclude(Exists(conflicts))
    )
    if as_of is None and not settings.EDITORIAL["REVIEWER_MAY_VOTE"]:
        reviewing = ReviewAssignment.objects.filter(
            reviewer__user_id=member,
            revision_id=OuterRef("revision_id"),
            state__in=(AssignmentState.ACCEPTED, AssignmentState.COMPLETED),
        )
        votes = votes.exclude(Exists(reviewing))
    return votes


def vote_approval_count(revision: Any) -> int:
    """The approvals that count toward the board's quorum."""
    return eligible_approvals(revision).count()
