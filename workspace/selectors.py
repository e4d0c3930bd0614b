"""The workspace's reads: an author's own articles, already joined, so a page of the list
costs the same few queries however many articles and revisions it shows; a reviewer's
assignments; a person's own public profile."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from articles.models import (
    AUDIENCE_BODY_FIELDS,
    Article,
    PublicCredit,
    Reference,
    Revision,
    SnapshotState,
)
from editorial import policy, selectors
from editorial.models import BoardVote
from editorial.policy import User
from editorial.selectors.public import person_name
from reviewers.models import AssignmentState, PublicProfile, ReviewAssignment, ReviewDraft

# The long texts a page about an author's or a reviewer's work never shows.
AUDIENCE_TEXTS = (*AUDIENCE_BODY_FIELDS, "audience_body_html")

LIST_REVISION_FIELDS = (
    "id",
    "article_id",
    "number",
    "state",
    "title",
    "updated_at",
    "submitted_at",
    "decided_at",
    "published_at",
    "publish_at",
)


def author_article_list(user: User) -> QuerySet[Article]:
    """The articles the user wrote, newest activity first, each with its revisions (newest
    first) and how many reviews each has in: what "what happens next" is worded from."""
    revisions = (
        Revision.objects.only(*LIST_REVISION_FIELDS)
        .annotate(
            reviews_in=Count("assignments", filter=Q(assignments__state=AssignmentState.COMPLETED))
        )
        .order_by("-number")
    )
    return (
        Article.objects.filter(policy.articles_scope(user), created_by_id=user.pk)
        .select_related("specialty")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .order_by("-updated_at", "-pk")
    )


def author_article_get(user: User, slug: str) -> Article | None:
    """One of the user's articles with every revision (newest first), their reviews and
    votes: what the feedback the author reads once the board has decided is built from."""
    revisions = (
        Revision.objects.defer("body", "body_html", *AUDIENCE_TEXTS)
        .order_by("-number")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer").order_by(
                    "invited_at", "pk"
                ),
            ),
            Prefetch("votes", queryset=BoardVote.objects.order_by("created_at", "pk")),
        )
    )
    return (
        Article.objects.filter(policy.articles_scope(user), created_by_id=user.pk, slug=slug)
        .select_related("specialty", "live_revision")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .first()
    )


def author_revision_get(user: User, pk: int) -> Revision | None:
    """A revision the user may see (policy's reading rule), with its article and references;
    whether they may act on it is the registry's question, asked by each view."""
    return (
        selectors.revision_list(user)
        .select_related("article", "article__specialty", "article__live_revision")
        .prefetch_related(Prefetch("references", queryset=Reference.objects.order_by("position")))
        .filter(pk=pk)
        .first()
    )


def reviewer_assignment_list(user: User) -> QuerySet[ReviewAssignment]:
    """The reviewer's invitations and reviews, open ones first (soonest due first), then the
    rest, most recent first; with what the list shows, in a fixed number of queries."""
    return (
        ReviewAssignment.objects.filter(reviewer__user=user)
        .select_related("revision__article", "rereview")
        .defer(
            "revision__body",
            "revision__body_html",
            *(f"revision__{name}" for name in AUDIENCE_TEXTS),
        )
        .order_by("-invited_at", "-pk")
    )


def reviewer_assignment_get(pk: int) -> ReviewAssignment | None:
    """One assignment with its revision, article and references; whether the person may
    see or act on it is the registry's question, asked by each view."""
    return (
        ReviewAssignment.objects.select_related(
            "reviewer__user",
            "revision__article__specialty",
            "revision__article__live_revision",
            "rereview",
        )
        .prefetch_related(
            Prefetch("revision__references", queryset=Reference.objects.order_by("position"))
        )
        .filter(pk=pk)
        .first()
    )


def review_draft_of(assignment: ReviewAssignment) -> ReviewDraft | None:
    return ReviewDraft.objects.filter(assignment=assignment).first()


def assignments_with_drafts(assignments: list[ReviewAssignment]) -> set[int]:
    return set(
        ReviewDraft.objects.filter(assignment__in=assignments).values_list(
            "assignment_id", flat=True
        )
    )


@dataclass(frozen=True)
class OwnProfile:
    """A person's public profile as they see it in the workspace: the details they keep, and
    the name, credentials and specialties the editors keep."""

    profile: PublicProfile | None
    name: str
    credentials: str
    specialties: list[str]
    credited: int  # published articles that link to the page now


def own_profile_get(user: User) -> OwnProfile:
    profile = PublicProfile.objects.filter(user=user).first()
    name, credentials = person_name(user)
    reviewer = getattr(user, "reviewer", None)
    specialties = [s.name for s in reviewer.specialties.order_by("name")] if reviewer else []
    credited = 0
    if profile is not None and profile.is_public:
        credited = PublicCredit.objects.filter(
            person=profile.slug, snapshot__state=SnapshotState.PUBLISHED
        ).count()
    return OwnProfile(profile, name, credentials, specialties, credited)


def has_public_profile(user: User) -> bool:
    return PublicProfile.objects.filter(user=user).exists()
