"""Reads about periodic re-reviews: who may see which, the API's lists, the revision page's
section, and the attestations the public history shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from articles.models import Article, Revision, RevisionState
from reviewers.models import AssignmentState, ReReview, ReReviewState, ReviewAssignment

from .. import policy
from ..policy import User

WAS_PUBLISHED = (RevisionState.PUBLISHED, RevisionState.SUPERSEDED, RevisionState.RETRACTED)

# What the public history says of an attestation (issue 10's history list reads it).
ATTESTED_LABEL = "Reviewed, no changes needed"


def _assignments() -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.select_related(
        "reviewer__user", "reviewer", "assigned_by", "rereview", "revision__article"
    ).order_by("invited_at", "pk")


def rereview_list(user: User) -> QuerySet[ReReview]:
    """The re-reviews of articles the user did not write, for those who oversee."""
    return ReReview.objects.filter(policy.rereviews_scope(user))


def rereview_api_list(user: User) -> QuerySet[ReReview]:
    return (
        rereview_list(user)
        .select_related("article", "revision__article", "opened_by", "closed_by")
        .prefetch_related(Prefetch("assignments", queryset=_assignments()))
        .order_by("-opened_at", "-pk")
    )


def rereview_revision_list(revision: Revision, user: User) -> list[ReReview]:
    """The re-reviews of this revision, newest first, with their assignments, for its page:
    all of them for the review record's readers, a reviewer's own for a reviewer. Only a
    revision that was published has any, so no query is made for the others."""
    if revision.state not in WAS_PUBLISHED:
        return []
    rereviews = ReReview.objects.filter(revision=revision)
    if not policy.can_see_review_record(user, revision):
        if not policy.is_reviewer(user):
            return []
        rereviews = rereviews.filter(assignments__reviewer__user_id=user.pk).exclude(
            assignments__state=AssignmentState.CANCELLED
        )
    return list(
        rereviews.distinct()
        .select_related("opened_by", "closed_by", "article", "revision__article")
        .prefetch_related(Prefetch("assignments", queryset=_assignments()))
        .order_by("-opened_at", "-pk")
    )


@dataclass(frozen=True)
class Attestation:
    """One re-review that found the published text still accurate."""

    on: date  # the day of the attestation, in the site's time zone
    revision: int  # the number of the revision attested (its content unchanged)
    content_hash: str
    label: str = ATTESTED_LABEL


def rereview_attestations(article: Article) -> list[Attestation]:
    """Every attestation of the article, oldest first, for its public history: the date and
    "Reviewed, no changes needed". The board's note is internal and is not given."""
    rows = (
        ReReview.objects.filter(article=article, state=ReReviewState.ATTESTED)
        .select_related("revision")
        .order_by("closed_at", "pk")
    )
    return [
        Attestation(
            on=timezone.localdate(row.closed_at),
            revision=row.revision.number,
            content_hash=row.revision.content_hash,
        )
        for row in rows
    ]


def rereview_status(article: Article, today: date | None = None) -> str | None:
    """Where the article stands against its next review date: "overdue" once the date has
    passed, "due" within the notice window (EDITORIAL["REREVIEW_NOTICE_DAYS"]), "ok" before
    it; None when it has no date (never published)."""
    due = article.next_review_due
    if due is None:
        return None
    today = today or timezone.localdate()
    if due < today:
        return "overdue"
    if due <= today + timedelta(days=settings.EDITORIAL["REREVIEW_NOTICE_DAYS"]):
        return "due"
    return "ok"


def rereview_queue_filter(queue: str, today: date | None = None) -> Q:
    """The re-review queues over live (published) revisions, as a filter: "rereview_due" is
    due within the notice window (or overdue) with no re-review open; "rereview_open" has one
    open; "rereview_overdue" is past its date, whatever is open."""
    today = today or timezone.localdate()
    open_now = Q(pk__in=ReReview.objects.filter(state=ReReviewState.OPEN).values("revision_id"))
    if queue == "rereview_due":
        horizon = today + timedelta(days=settings.EDITORIAL["REREVIEW_NOTICE_DAYS"])
        return Q(article__next_review_due__lte=horizon) & ~open_now
    if queue == "rereview_open":
        return open_now
    if queue == "rereview_overdue":
        return Q(article__next_review_due__lt=today)
    raise ValueError(queue)
