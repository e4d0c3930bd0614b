"""Reads for the editorial admin: queues, the revision under decision, reviewer candidates.

Everything a page lists comes back joined and prefetched, so a page's query count does
not grow with the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import ChangeClass, Revision, RevisionState
from reviewers.models import AssignmentState, ReviewAssignment, Reviewer

from .. import policy
from ..models import OPEN_REPORT_STATES, AuditEvent, BoardRecusal, BoardVote, ReaderReport
from ..policy import User
from ..rules import required_reviews_expression, rules_for
from .api import SUMMARY_DEFERRED
from .counting import (
    eligible_approvals,
    review_counted_in,
    review_counted_list,
    vote_approval_count,
)
from .rereviews import rereview_queue_filter
from .visibility import assignment_list, revision_list

LIVE_ASSIGNMENT = (AssignmentState.INVITED, AssignmentState.ACCEPTED, AssignmentState.COMPLETED)

REVISION_QUEUES: dict[str, str] = {
    "awaiting_assignment": "Awaiting reviewer assignment",
    "ready_for_review": "Ready for review: reviews in, review not started",
    "under_review": "Under review",
    "awaiting_my_vote": "Awaiting my vote",
    "approved": "Approved, not yet published",
    "rereview_due": "Re-review due",
    "rereview_open": "Re-review in progress",
    "rereview_overdue": "Overdue for re-review",
}
ASSIGNMENT_QUEUES: dict[str, str] = {
    "overdue": "Reviews overdue",
    "mine_open": "My open reviews",
}


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) subquery: several counts on one row without multiplying joins."""
    counted = queryset.order_by().values("revision").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _completed_reviews() -> Coalesce:
    return _count(review_counted_list(OuterRef("pk")))


def revision_changelist(queryset: QuerySet[Revision], user: User) -> QuerySet[Revision]:
    """The columns of the revision list, joined and counted in the one query; `sees_record`
    says whether this user may read the row's review counts (never on their own article)."""
    return (
        queryset.select_related("article__specialty", "article__created_by")
        .defer(*SUMMARY_DEFERRED)
        .annotate(
            completed_reviews=_completed_reviews(),
            approvals=_count(eligible_approvals(OuterRef("pk"))),
            sees_record=Case(
                When(policy.review_record_scope(user, "article"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-last_activity_at", "-pk")
    )


def revision_queue_label(key: str) -> str:
    return REVISION_QUEUES[key].format(days=settings.EDITORIAL["REREVIEW_NOTICE_DAYS"])


def rereview_horizon(today: date | None = None) -> date:
    """The last day of re-review dates that count as coming due (REREVIEW_NOTICE_DAYS on)."""
    today = today or timezone.localdate()
    return today + timedelta(days=settings.EDITORIAL["REREVIEW_NOTICE_DAYS"])


def ready_for_review(queryset: QuerySet[Revision]) -> QuerySet[Revision]:
    """Submitted revisions whose required reviews are in, waiting for an editor to start
    review."""
    return (
        queryset.filter(state=RevisionState.SUBMITTED)
        .alias(counted_reviews=_completed_reviews(), required=required_reviews_expression())
        .filter(counted_reviews__gte=F("required"))
    )


def revision_queue(queryset: QuerySet[Revision], queue: str, user: User) -> QuerySet[Revision]:
    """Narrow a revision queryset to one named queue."""
    if queue == "awaiting_assignment":
        live = _count(
            ReviewAssignment.objects.filter(revision=OuterRef("pk"), state__in=LIVE_ASSIGNMENT)
        )
        return (
            queryset.filter(state__in=(RevisionState.SUBMITTED, RevisionState.UNDER_REVIEW))
            .alias(live_assignments=live, required_reviews=required_reviews_expression())
            .filter(live_assignments__lt=F("required_reviews"))
        )
    if queue == "ready_for_review":
        return ready_for_review(queryset)
    if queue == "under_review":
        return queryset.filter(state=RevisionState.UNDER_REVIEW)
    if queue == "awaiting_my_vote":
        if not policy.is_board(user):
            return queryset.none()
        voted = BoardVote.objects.filter(revision=OuterRef("pk"), member=user)
        return (
            queryset.filter(state=RevisionState.UNDER_REVIEW)
            .exclude(article__created_by=user)
            .exclude(Exists(voted))
            .alias(
                counted_reviews=_completed_reviews(),
                required_reviews=required_reviews_expression(),
            )
            .filter(counted_reviews__gte=F("required_reviews"))
        )
    if queue == "approved":
        return queryset.filter(state=RevisionState.APPROVED)
    if queue in ("rereview_due", "rereview_open", "rereview_overdue"):
        # Only the live revision is re-reviewed, and only a published revision is live.
        return queryset.filter(rereview_queue_filter(queue), state=RevisionState.PUBLISHED)
    return queryset


def assignment_changelist(queryset: QuerySet[ReviewAssignment]) -> QuerySet[ReviewAssignment]:
    # The list shows the revision's title and article, never its text.
    return queryset.select_related("reviewer__user", "revision__article", "assigned_by").defer(
        *(f"revision__{name}" for name in SUMMARY_DEFERRED)
    )


def assignment_queue(
    queryset: QuerySet[ReviewAssignment], queue: str, user: User
) -> QuerySet[ReviewAssignment]:
    if queue == "overdue":
        return queryset.active().filter(due_at__lt=timezone.now())
    if queue == "mine_open":
        return queryset.active().filter(reviewer__user=user)
    return queryset


REPORT_QUEUE_LABEL = "Readers' reports to answer"


# A queue's count reads at most this many rows (and one more): a longer queue shows
# "100+", so the dashboard costs the same however large the archive grows.
QUEUE_COUNT_LIMIT = 100


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    count: int
    url_name: str

    @property
    def shown(self) -> str:
        """The count as the dashboard prints it."""
        return f"{QUEUE_COUNT_LIMIT:,}+" if self.count > QUEUE_COUNT_LIMIT else str(self.count)


def _queue_count(queryset: QuerySet) -> int:
    """The rows in a queue, counted up to QUEUE_COUNT_LIMIT + 1."""
    return queryset.order_by()[: QUEUE_COUNT_LIMIT + 1].count()


def queue_list(user: User) -> list[Queue]:
    """The queues this user works from, each with its count (one query per queue)."""
    revisions = revision_list(user)
    keys: list[str] = []
    if policy.can_oversee(user):
        keys = [
            "awaiting_assignment",
            "ready_for_review",
            "under_review",
            "approved",
            "rereview_due",
            "rereview_open",
            "rereview_overdue",
        ]
        if policy.is_board(user):
            keys.insert(3, "awaiting_my_vote")
    found = [
        Queue(key, revision_queue_label(key), _queue_count(revision_queue(revisions, key, user)),
              "admin:articles_revision_changelist")
        for key in keys
    ]  # fmt: skip
    assignment_keys = []
    if policy.can_oversee(user):
        assignment_keys.append("overdue")
    if policy.is_reviewer(user):
        assignment_keys.append("mine_open")
    assignments = assignment_list(user)
    found += [
        Queue(key, ASSIGNMENT_QUEUES[key], _queue_count(assignment_queue(assignments, key, user)),
              "admin:reviewers_reviewassignment_changelist")
        for key in assignment_keys
    ]  # fmt: skip
    if policy.can_see_reader_reports(user):
        open_reports = ReaderReport.objects.filter(
            policy.reader_reports_scope(user), state__in=OPEN_REPORT_STATES
        )
        found.append(
            Queue("open", REPORT_QUEUE_LABEL, _queue_count(open_reports),
                  "admin:editorial_readerreport_changelist")
        )  # fmt: skip
    return found


def revision_review_get(queryset: QuerySet[Revision], pk: Any) -> Revision | None:
    """One revision with everything its page shows, in a fixed number of queries."""
    assignments = ReviewAssignment.objects.select_related(
        "reviewer__user", "assigned_by", "rereview"
    )
    return (
        queryset.select_related("article__specialty", "article__created_by", "created_by")
        .prefetch_related(
            "references",
            Prefetch("assignments", queryset=assignments.order_by("invited_at", "pk")),
            Prefetch("votes", queryset=BoardVote.objects.select_related("member")),
        )
        .filter(pk=pk)
        .first()
    )


def revision_previous_get(revision: Revision, user: User) -> Revision | None:
    """The latest earlier revision of the same article that the user may open, with its
    references (a reviewer of revision 2 does not read revision 1 unless it is theirs)."""
    return (
        revision_list(user)
        .filter(article_id=revision.article_id, number__lt=revision.number)
        .prefetch_related("references")
        .order_by("-number")
        .first()
    )


def revision_public_get(revision: Revision, user: User) -> Revision | None:
    """What readers have (or last had) of the article, to show the board what this revision
    changes for them: the live revision, or for a reinstatement the retracted one. None when
    that is this revision itself, or the user may not open it."""
    article = revision.article
    if article.live_revision_id is not None:
        found = Q(pk=article.live_revision_id)
    elif revision.change_class == ChangeClass.REINSTATEMENT:
        found = Q(state=RevisionState.RETRACTED, number__lt=revision.number)
    else:
        return None
    public = (
        revision_list(user)
        .filter(found, article_id=article.pk)
        .prefetch_related("references")
        .order_by("-number")
        .first()
    )
    return None if public is None or public.pk == revision.pk else public


def retraction_acknowledged_get(revision: Revision) -> Revision | None:
    """For a revision that reinstates a retracted article: the retracted revision, whose
    date and reason the board acknowledges when approving."""
    if revision.change_class != ChangeClass.REINSTATEMENT:
        return None
    return (
        Revision.objects.filter(
            article_id=revision.article_id,
            state=RevisionState.RETRACTED,
            number__lt=revision.number,
        )
        .order_by("-number")
        .first()
    )


def revision_sibling_list(revision: Revision, user: User) -> list[dict]:
    """The article's revisions the user may open, newest first."""
    return list(
        revision_list(user)
        .filter(article_id=revision.article_id)
        .order_by("-number")
        .values("pk", "number", "state")
    )


def audit_event_history(revision: Revision) -> list[AuditEvent]:
    """The article's whole audit trail, newest first."""
    return list(
        AuditEvent.objects.filter(article_id=revision.article_id)
        .select_related("actor", "revision")
        .order_by("-sequence")
    )


@dataclass(frozen=True)
class DecisionStatus:
    approvals: int
    quorum: int
    counted_reviews: int
    required_reviews: int
    needs: list[str] = field(default_factory=list)


def revision_decision_status(revision: Revision) -> DecisionStatus:
    """Where the board's decision stands and what it still needs; reads prefetched rows."""
    rules = rules_for(revision)
    quorum, required = rules.board_quorum, rules.required_reviews
    reviews = review_counted_in(revision.assignments.all())
    approvals = vote_approval_count(revision)
    needs = []
    if revision.state in (RevisionState.SUBMITTED, RevisionState.UNDER_REVIEW):
        if reviews < required:
            missing = required - reviews
            needs.append(f"{missing} more completed review{'s' if missing > 1 else ''}")
        if revision.state == RevisionState.SUBMITTED:
            needs.append("an editor to start review")
        if approvals < quorum:
            missing = quorum - approvals
            needs.append(f"{missing} more approval{'s' if missing > 1 else ''} from the board")
    return DecisionStatus(approvals, quorum, reviews, required, needs)


def open_review_count() -> Coalesce:
    """Each reviewer's open reviews (what holds their time now), counted per reviewer among
    their open assignments only, never by joining every assignment they ever had."""
    load = (
        ReviewAssignment.objects.active()
        .filter(reviewer=OuterRef("pk"))
        .order_by()
        .values("reviewer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(load, output_field=IntegerField()), Value(0))


def reviewer_candidate_list(revision: Revision, rereview: Any = None) -> QuerySet[Reviewer]:
    """Reviewers an editor may invite: first those whose specialties match and who have room,
    then those with room, then those at their limit. Never the author, anyone already
    invited to this revision (to this re-review of it, when one is given: its first reviewers
    may be asked again), anyone who declared a conflict with this article (as a reviewer
    or as a recused board member), or a board member who voted on this revision. Only people
    who could accept: an active profile and account in the Reviewers group (a board member
    with a profile but not in that group is not listed)."""
    article = revision.article
    conflicted = ReviewAssignment.objects.filter(
        revision__article_id=article.pk, has_conflict=True
    ).values("reviewer")
    recused = BoardRecusal.objects.filter(article_id=article.pk).values("member")
    voted = BoardVote.objects.filter(revision=revision).values("member")
    invited = ReviewAssignment.objects.filter(revision=revision, rereview=rereview).values(
        "reviewer"
    )
    matches = Reviewer.specialties.through.objects.filter(
        reviewer_id=OuterRef("pk"), specialty_id=article.specialty_id
    )
    return (
        Reviewer.objects.filter(
            is_active=True, user__is_active=True, user__groups__name=policy.REVIEWERS
        )
        .exclude(user_id=article.created_by_id)
        .exclude(pk__in=conflicted)
        .exclude(user_id__in=recused)
        .exclude(user_id__in=voted if policy.keeps_vote_and_review_apart() else [])
        .exclude(pk__in=invited)
        .annotate(
            active_reviews=open_review_count(),
            matches_specialty=Exists(matches),
        )
        .annotate(
            rank=Case(
                When(matches_specialty=True, active_reviews__lt=F("max_active_reviews"), then=0),
                When(active_reviews__lt=F("max_active_reviews"), then=1),
                default=2,
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "display_name", "pk")
    )


def last_round_reviewer_list(revision: Revision) -> list[Reviewer]:
    """Who may be invited again to this revision: those who completed a review of the
    article's last reviewed revision before it, and are still candidates (an active profile in
    the Reviewers group, no conflict, not yet invited here, not voted on it) with room under
    their limit."""
    completed = ReviewAssignment.objects.filter(
        revision__article_id=revision.article_id,
        revision__number__lt=revision.number,
        rereview=None,
        state=AssignmentState.COMPLETED,
    )
    last = completed.order_by("-revision__number").values_list("revision_id", flat=True).first()
    if last is None:
        return []
    return list(
        reviewer_candidate_list(revision).filter(
            pk__in=completed.filter(revision_id=last).values("reviewer"),
            active_reviews__lt=F("max_active_reviews"),
        )
    )
