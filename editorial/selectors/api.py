"""Reads for the author and reviewer API, each already filtered to what the caller may see
and joined so that a list costs the same number of queries however long it is."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from articles.models import Article, Reference, Revision
from reviewers.models import ReviewAssignment, Reviewer

from .. import policy
from ..models import BoardVote
from .visibility import visible_articles, visible_assignments, visible_revisions

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
    """Those who oversee see every article; anyone else only the articles they wrote."""
    return (
        visible_articles(user)
        .select_related("specialty", "created_by")
        .order_by("-updated_at", "-pk")
    )


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
    """Those who oversee see every revision; authors their own articles'; reviewers the
    revisions they were invited to review (unless the invitation was cancelled). Votes come
    along, since allowed_actions asks whether a board member has voted."""
    return (
        visible_revisions(user)
        .select_related("article", "article__specialty", "article__created_by")
        .prefetch_related(Prefetch("votes", queryset=_votes()))
        .order_by("-updated_at", "-pk")
    )


def revision_detail_for(user: Any) -> QuerySet[Revision]:
    return revisions_for(user).prefetch_related(
        Prefetch("references", queryset=Reference.objects.order_by("position")),
        Prefetch("assignments", queryset=_assignments()),
    )


def assignments_for(user: Any) -> QuerySet[ReviewAssignment]:
    """The review record of articles the user did not write (editors, the board,
    superusers), and a reviewer's own assignments; nothing else."""
    return (
        visible_assignments(user)
        .select_related("reviewer", "revision", "revision__article")
        .order_by("due_at", "pk")
    )


def reviewers_for(user: Any) -> QuerySet[Reviewer]:
    if not policy.can_list_reviewers(user):
        return Reviewer.objects.none()
    return Reviewer.objects.prefetch_related("specialties").order_by("display_name", "pk")
