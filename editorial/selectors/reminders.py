"""What `editorial_tick` reminds people of: each read joins what its e-mail names."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from articles.models import Article, Revision, RevisionState
from reviewers.models import AssignmentState, ReviewAssignment

from .admin import ready_for_review, rereview_horizon


def _assignments() -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.active()
        .select_related("reviewer__user", "revision__article__created_by", "assigned_by")
        .order_by("pk")
    )


def invitation_unanswered_list(now: datetime) -> QuerySet[ReviewAssignment]:
    """Invitations to a revision still in review, unanswered INVITATION_REMINDER_DAYS on."""
    sent_before = now - timedelta(days=settings.EDITORIAL["INVITATION_REMINDER_DAYS"])
    return _assignments().filter(state=AssignmentState.INVITED, invited_at__lte=sent_before)


def review_due_soon_list(now: datetime) -> QuerySet[ReviewAssignment]:
    """Reviews still in play that fall due within REVIEW_DUE_SOON_DAYS."""
    horizon = now + timedelta(days=settings.EDITORIAL["REVIEW_DUE_SOON_DAYS"])
    return _assignments().filter(due_at__gt=now, due_at__lte=horizon)


def review_overdue_list(now: datetime) -> QuerySet[ReviewAssignment]:
    return _assignments().filter(due_at__lte=now)


def ready_for_review_list(now: datetime) -> QuerySet[Revision]:
    return ready_for_review(Revision.objects.select_related("article")).order_by("pk")


def approved_unpublished_list(now: datetime) -> QuerySet[Revision]:
    """Approved APPROVED_UNPUBLISHED_DAYS ago or more, and neither published nor scheduled."""
    decided_before = now - timedelta(days=settings.EDITORIAL["APPROVED_UNPUBLISHED_DAYS"])
    return (
        Revision.objects.filter(
            state=RevisionState.APPROVED, publish_at__isnull=True, decided_at__lte=decided_before
        )
        .select_related("article")
        .order_by("pk")
    )


def rereview_due_list(now: datetime) -> QuerySet[Article]:
    """Published articles whose next re-review falls within REREVIEW_NOTICE_DAYS (or has
    passed)."""
    return (
        Article.objects.filter(
            live_revision__state=RevisionState.PUBLISHED,
            next_review_due__lte=rereview_horizon(timezone.localdate(now)),
        )
        .select_related("live_revision")
        .order_by("pk")
    )
