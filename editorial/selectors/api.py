"""Reads for the author and reviewer API, each already filtered to what the caller may see
and joined so that a list costs the same number of queries however long it is."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from articles.models import Article, Reference, Revision
from reviewers.models import ReReview, ReReviewState, ReviewAssignment, Reviewer

from .. import policy
from ..models import BoardVote
from ..policy import User
from .visibility import article_list, assignment_list, revision_list

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


# What a list row never shows: the texts, and the author's password hash that a joined user
# row would otherwise carry along.
SUMMARY_DEFERRED = (
    "body",
    "body_html",
    "body_patient",
    "body_caregiver",
    "body_clinician",
    "audience_body_html",
    "summary",
    "summary_patient",
    "summary_caregiver",
    "summary_clinician",
    "decision_comment",
    "retraction_reason",
    "article__created_by__password",
)


def _assignments() -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.select_related("reviewer", "rereview").order_by(
        "invited_at", "pk"
    )


def _votes() -> QuerySet[BoardVote]:
    return BoardVote.objects.select_related("member").order_by("created_at", "pk")


def article_api_base(user: User) -> QuerySet[Article]:
    """Those who oversee see every article; anyone else only the articles they wrote."""
    return (
        article_list(user).select_related("specialty", "created_by").order_by("-updated_at", "-pk")
    )


def article_api_list(user: User) -> QuerySet[Article]:
    return article_api_base(user).prefetch_related(
        Prefetch(
            "revisions",
            queryset=Revision.objects.only(*REVISION_SUMMARY_FIELDS).order_by("-number"),
        )
    )


def article_api_detail(user: User) -> QuerySet[Article]:
    revisions = (
        Revision.objects.only(*REVISION_SUMMARY_FIELDS)
        .order_by("-number")
        .prefetch_related(
            Prefetch("assignments", queryset=_assignments()),
            Prefetch("votes", queryset=_votes()),
        )
    )
    return article_api_base(user).prefetch_related(Prefetch("revisions", queryset=revisions))


def revision_api_list(user: User) -> QuerySet[Revision]:
    """Those who oversee see every revision; authors their own articles'; reviewers the
    revisions they were invited to review (unless the invitation was cancelled). Votes come
    along, since allowed_actions asks whether a board member has voted."""
    return (
        revision_list(user)
        .select_related("article", "article__specialty", "article__created_by")
        .prefetch_related(
            Prefetch("votes", queryset=_votes()),
            # allowed_actions asks whether a re-review is open (policy.has_open_rereview).
            Prefetch(
                "rereviews",
                queryset=ReReview.objects.filter(state=ReReviewState.OPEN),
                to_attr="open_rereviews",
            ),
        )
        .order_by("-updated_at", "-pk")
    )


def revision_api_summaries(user: User) -> QuerySet[Revision]:
    """The list: the detail's rows without the columns a summary does not show."""
    return revision_api_list(user).defer(*SUMMARY_DEFERRED)


def revision_api_detail(user: User) -> QuerySet[Revision]:
    return revision_api_list(user).prefetch_related(
        Prefetch("references", queryset=Reference.objects.order_by("position")),
        Prefetch("assignments", queryset=_assignments()),
    )


def assignment_api_list(user: User) -> QuerySet[ReviewAssignment]:
    """The review record of articles the user did not write (editors, the board,
    superusers), and a reviewer's own assignments; nothing else."""
    return (
        assignment_list(user)
        .select_related("reviewer", "revision", "revision__article", "rereview")
        .order_by("due_at", "pk")
    )


def reviewer_api_list(user: User) -> QuerySet[Reviewer]:
    if not policy.can_list_reviewers(user):
        return Reviewer.objects.none()
    return Reviewer.objects.prefetch_related("specialties").order_by("display_name", "pk")
