"""Reads of workflow records used by services and pages."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from articles.models import Article, Revision, RevisionState
from articles.publication import ReviewCredit
from reviewers.models import AssignmentState, PublicProfile, ReviewAssignment

from ..models import AuditAction, AuditEvent, BoardVote, VoteDecision
from ..policy import User
from .counting import eligible_approvals, review_counted_list

BOARD_MEMBER = "Member of the Medical Advisory Board"


def person_name(user: User) -> tuple[str, str]:
    """The name and credentials a person is shown under: their reviewer profile's, else their
    account's name; ("", "") when neither is on record."""
    profile = getattr(user, "reviewer", None)
    if profile is not None and profile.display_name:
        return profile.display_name, profile.credentials
    return user.get_full_name().strip(), ""


def _board_name(user: User) -> tuple[str, str]:
    name, credentials = person_name(user)
    return name or BOARD_MEMBER, credentials


def shown_profile(user: User) -> PublicProfile | None:
    """The person's public profile if they consent to it being shown; reads
    user.public_profile (select it with the user)."""
    profile = getattr(user, "public_profile", None)
    if profile is None or not profile.is_public:
        return None
    return profile


def _linked(user: User) -> dict[str, str]:
    profile = shown_profile(user)
    return {"profile": profile.slug, "orcid": profile.orcid} if profile else {}


def review_credit_list(revision: Revision) -> list[ReviewCredit]:
    """Who the public is told reviewed this revision: the board members whose approval
    counted, then the reviewers whose review counted and who agreed, when submitting it, to
    be named."""
    return review_credit_lists([revision])[revision.pk]


def review_credit_lists(revisions: list[Revision]) -> dict[int, list[ReviewCredit]]:
    """review_credit_list of each revision, in two queries whatever their number."""
    ids = [revision.pk for revision in revisions]
    credits: dict[int, list[ReviewCredit]] = {pk: [] for pk in ids}
    seen: dict[int, set[int]] = {pk: set() for pk in ids}
    votes = (
        eligible_approvals(ids)
        .select_related("member__reviewer", "member__public_profile")
        .order_by("revision_id", "created_at", "pk")
    )
    for vote in votes:
        name, credentials = person_name(vote.member)
        credits[vote.revision_id].append(
            ReviewCredit(
                name=name or BOARD_MEMBER,
                credentials=credentials,
                role="board",
                # A member with no name on record is credited as a member, never linked.
                **(_linked(vote.member) if name else {}),
            )
        )
        seen[vote.revision_id].add(vote.member_id)
    reviews = (
        review_counted_list(ids)
        .filter(credit_consent=True)
        .select_related("reviewer__user__public_profile")
        .order_by("revision_id", "completed_at", "pk")
    )
    for review in reviews:
        if review.reviewer.user_id in seen[review.revision_id]:
            continue
        seen[review.revision_id].add(review.reviewer.user_id)
        credits[review.revision_id].append(
            ReviewCredit(
                name=review.reviewer.display_name,
                credentials=review.reviewer.credentials,
                role="reviewer",
                **_linked(review.reviewer.user),
            )
        )
    return credits


def article_credited_list(user_id: int) -> list[Article]:
    """Published articles whose live revision names this person as having reviewed it."""
    voted = BoardVote.objects.filter(
        member_id=user_id,
        decision=VoteDecision.APPROVE,
        revision__state=RevisionState.PUBLISHED,
    ).values("revision__article_id")
    reviewed = ReviewAssignment.objects.filter(
        reviewer__user_id=user_id,
        state=AssignmentState.COMPLETED,
        revision__state=RevisionState.PUBLISHED,
    ).values("revision__article_id")
    return list(Article.objects.filter(Q(pk__in=voted) | Q(pk__in=reviewed)).order_by("pk"))


def retraction_date(revision: Revision) -> date | None:
    """The day the board retracted the revision, as the audit history records it."""
    return retraction_dates([revision])[revision.pk]


def retraction_dates(revisions: list[Revision]) -> dict[int, date | None]:
    """retraction_date of each revision, in one query (its last retraction event's day)."""
    dates: dict[int, date | None] = dict.fromkeys(revision.pk for revision in revisions)
    events = (
        AuditEvent.objects.filter(revision_id__in=list(dates), action=AuditAction.UNPUBLISHED)
        .order_by("sequence")
        .values_list("revision_id", "created_at")
    )
    for revision_id, retracted in events:
        dates[revision_id] = timezone.localdate(retracted)
    return dates
