"""Which reviews count toward the board's decision: completed, without a declared conflict.

The rule is written once (COUNTED) and read three ways: as a queryset, as a count, and over
assignments already prefetched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from reviewers.models import AssignmentState, ReviewAssignment

from ..models import BoardVote, VoteDecision

COUNTED: dict[str, Any] = {"state": AssignmentState.COMPLETED, "has_conflict": False}


def review_counts(assignment: ReviewAssignment) -> bool:
    return all(getattr(assignment, name) == value for name, value in COUNTED.items())


def review_counted_list(revision: Any) -> QuerySet[ReviewAssignment]:
    """The counted reviews of a revision (or of OuterRef("pk") inside a subquery)."""
    return ReviewAssignment.objects.filter(revision=revision, **COUNTED)


def review_counted_count(revision: Any) -> int:
    return review_counted_list(revision).count()


def review_counted_in(assignments: Iterable[ReviewAssignment]) -> int:
    """The count over assignments already read, e.g. revision.assignments.all() prefetched."""
    return sum(1 for assignment in assignments if review_counts(assignment))


def vote_approval_count(revision: Any) -> int:
    """The board's approve votes on a revision."""
    return BoardVote.objects.filter(revision=revision, decision=VoteDecision.APPROVE).count()
