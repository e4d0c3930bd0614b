"""Reads for the author and reviewer API, each already filtered to what the caller may see
and joined so that a list costs the same number of queries however long it is."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from articles.models import Article, Reference, Revision
from reviewers.models import AssignmentState, ReviewAssignment, Reviewer

from .. import policy
from ..models import BoardVote

REVISION_SUMMARY_FIELDS = (
    "id",
    "article_id",
    "number",
    "state",
    "title",
    "created_at",
    "updated_at",
    "submitted_at",
    "decided_at",
    "published_at",
    "decision_comment",
)


def _assignments() -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.select_related("reviewer").order_by("invited_at", "pk")


def _votes() -> QuerySet[BoardVote]:
    return BoardVote.objects.select_related("member").order_by("created_at", "pk")


def articles_for(user: Any) -> QuerySet[Article]:
    """Staff see every article; anyone else only the articles they wrote."""
    articles = Article.objects.select_related("specialty", "created_by")
    if not policy.is_staff_reader(user):
        articles = articles.filter(created_by_id=user.pk)
    return articles.order_by("-updated_at", "-pk")


def article_list_for(user: Any) -> QuerySet[Article]:
    return articles_for(user).prefetch_related(
        Prefetch(
            "revisions",
            queryset=Revision.objects.only(*REVISION_SUMMARY_FIELDS).order_by("-number"),
        )
    )


def article_detail_for(user: Any) -> QuerySet[Article]:
    revisions = (
        Revision.objects.only(*REVISION_SUMMARY_FIELDS)
        .order_by("-number")
        .prefetch_related(
            Prefetch("assignments", queryset=_assignments()),
            Prefetch("votes", queryset=_votes()),
        )
    )
    return articles_for(user).prefetch_related(Prefetch("revisions", queryset=revisions))


def revisions_for(user: Any) -> QuerySet[Revision]:
    """Staff see every revision; authors their own articles'; reviewers the revisions they
    were invited to review (unless the invitation was cancelled)."""
    revisions = Revision.objects.select_related(
        "article", "article__specialty", "article__created_by"
    )
    if policy.is_staff_reader(user):
        return revisions.order_by("-updated_at", "-pk")
    visible = Q(article__created_by_id=user.pk)
    if policy.is_reviewer(user):
        invited = ReviewAssignment.objects.filter(
            revision=OuterRef("pk"), reviewer__user_id=user.pk
        ).exclude(state=AssignmentState.CANCELLED)
        visible |= Q(Exists(invited))
    return revisions.filter(visible).order_by("-updated_at", "-pk")


def revision_detail_for(user: Any) -> QuerySet[Revision]:
    return revisions_for(user).prefetch_related(
        Prefetch("references", queryset=Reference.objects.order_by("position")),
        Prefetch("assignments", queryset=_assignments()),
        Prefetch("votes", queryset=_votes()),
    )


def assignments_for(user: Any) -> QuerySet[ReviewAssignment]:
    """Staff see every assignment; a reviewer their own; nobody else any."""
    assignments = ReviewAssignment.objects.select_related(
        "reviewer", "revision", "revision__article"
    )
    if policy.is_staff_reader(user):
        return assignments.order_by("due_at", "pk")
    if policy.is_reviewer(user):
        return assignments.filter(reviewer__user_id=user.pk).order_by("due_at", "pk")
    return assignments.none()


def reviewers_for(user: Any) -> QuerySet[Reviewer]:
    if not policy.can_list_reviewers(user):
        return Reviewer.objects.none()
    return Reviewer.objects.prefetch_related("specialties").order_by("display_name", "pk")
