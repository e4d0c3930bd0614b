"""The periodic re-review of a published article: an action on its live revision, never a
new revision. Editors open it and invite reviewers (the usual invitation, acceptance and
review, with the recommendations "still accurate" / "needs update"); a board member then
attests that the text still holds, which moves the article's review dates and nothing else,
or opens an update, a new draft for the author."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from articles import content
from articles.models import ChangeClass, Revision, RevisionState
from reviewers.models import (
    AssignmentState,
    Recommendation,
    ReReview,
    ReReviewState,
    ReviewAssignment,
    Reviewer,
)

from .. import notifications, policy, workflow
from ..errors import RuleViolation
from ..messages import (
    REREVIEW_ALREADY_OPEN,
    REREVIEW_CONTENT_CHANGED,
    REREVIEW_NEEDS_UPDATE,
    REREVIEW_NOT_LIVE,
    REREVIEW_REVIEWS_MISSING,
    REREVIEW_UPDATE_IN_PROGRESS,
)
from ..models import AuditAction
from ..policy import Actor
from ..selectors.counting import COUNTED
from ..workflow import SETTLED_REVISION_STATES
from ._base import apply, lock, workflow_service
from .authoring import start_next_revision
from .public_snapshots import public_snapshot_refresh
from .reviews import invite


@workflow_service
def rereview_open(*, revision: Revision, actor: Actor) -> ReReview:
    """An editor opens the re-review of an article's live revision; one at a time."""
    article = lock(revision.article)
    revision = lock(revision)
    act = workflow.guard("open_rereview", actor, revision)
    if policy.has_open_rereview(revision):
        raise RuleViolation(REREVIEW_ALREADY_OPEN)
    if article.live_revision_id != revision.pk:
        raise RuleViolation(REREVIEW_NOT_LIVE)
    rereview = ReReview.objects.create(article=article, revision=revision, opened_by=actor)
    apply(
        act,
        rereview,
        actor=actor,
        from_state="",
        data={
            "content_hash": revision.content_hash,
            "next_review_due": _iso(article.next_review_due),
        },
    )
    return rereview


@workflow_service
def rereview_assign(
    *, rereview: ReReview, actor: Actor, reviewer: Reviewer, due_at: datetime | None = None
) -> ReviewAssignment:
    """An editor invites a reviewer to say whether the published text is still accurate; the
    rules of any invitation apply (never the author, the conflicted, or a voter on it)."""
    rereview = lock(rereview)
    act = workflow.guard("assign_rereviewer", actor, rereview)
    return invite(act, revision=rereview.revision, rereview=rereview, reviewer=reviewer,
                  actor=actor, due_at=due_at)  # fmt: skip


def _counted_reviews(rereview: ReReview) -> list[ReviewAssignment]:
    return list(
        ReviewAssignment.objects.filter(rereview=rereview, state=AssignmentState.COMPLETED)
        .filter(has_conflict=COUNTED["has_conflict"])
        .order_by("completed_at", "pk")
    )


def _close(rereview: ReReview, act: workflow.Action, *, actor: Actor, note: str, **kw) -> None:
    """Close the re-review with the board's or editor's note, and withdraw the invitations
    and unfinished reviews it still has."""
    apply(
        act,
        rereview,
        actor=actor,
        changes={"closed_by": actor, "closed_at": timezone.now(), "note": note},
        comment=note,
        **kw,
    )
    cancel = workflow.action("cancel")
    reason = f"The re-review was {act.done}."
    for assignment in ReviewAssignment.objects.filter(
        rereview=rereview, state__in=(AssignmentState.INVITED, AssignmentState.ACCEPTED)
    ).select_for_update():
        apply(cancel, assignment, actor=actor, changes={"cancel_reason": reason}, comment=reason)


@workflow_service
def rereview_attest(*, rereview: ReReview, actor: Actor, note: str = "") -> ReReview:
    """A board member attests that the live revision is still accurate: the article's last
    review moves to today and its next one a re-review period on; its text, its hash and its
    revision stay exactly as approved, and the public rendering shows the new dates."""
    article = lock(rereview.article)
    rereview = lock(rereview)
    act = workflow.guard("attest_rereview", actor, rereview)
    revision = Revision.objects.get(pk=rereview.revision_id)
    if article.live_revision_id != revision.pk or revision.state != RevisionState.PUBLISHED:
        raise RuleViolation(REREVIEW_NOT_LIVE)
    reviews = _counted_reviews(rereview)
    required = settings.EDITORIAL["REREVIEW_REQUIRED_REVIEWS"]
    if len(reviews) < required:
        raise RuleViolation(
            REREVIEW_REVIEWS_MISSING.format(
                required=required, plural="" if required == 1 else "s", done=len(reviews)
            )
        )
    if any(r.recommendation != Recommendation.STILL_ACCURATE for r in reviews):
        raise RuleViolation(REREVIEW_NEEDS_UPDATE)
    if content.content_hash(revision, revision.references.all()) != revision.content_hash:
        raise RuleViolation(REREVIEW_CONTENT_CHANGED)
    today = timezone.localdate()
    next_due = add_months(today, settings.EDITORIAL["REREVIEW_MONTHS"])
    _close(
        rereview,
        act,
        actor=actor,
        note=note.strip(),
        data={
            # The hash attested is the hash approved: nothing of the content changes.
            "content_hash": revision.content_hash,
            "revision": revision.number,
            "last_reviewed_on": today.isoformat(),
            "next_review_due": next_due.isoformat(),
            "previous_last_reviewed_on": _iso(article.last_reviewed_on),
            "previous_next_review_due": _iso(article.next_review_due),
            "reviews": [r.pk for r in reviews],
        },
    )
    article.last_reviewed_on = today
    article.next_review_due = next_due
    article.save(update_fields=["last_reviewed_on", "next_review_due", "updated_at"])
    if public_snapshot_refresh(article=article) is None:
        # As at publication: the renderer found the record of the live revision's approval
        # wanting (rows changed outside the services). Nothing is attested.
        raise RuleViolation(
            "The record does not show the live revision as approved by the board, so its "
            "re-review cannot be attested. The error log says what is missing."
        )
    return rereview


@workflow_service
def rereview_open_update(*, rereview: ReReview, actor: Actor, note: str) -> ReReview:
    """A board member closes the re-review by asking for an update: a new draft, copied from
    the live revision, for the author, who is sent the board's note and the reviewers'
    reasons. The live revision stays public until the update is published."""
    article = lock(rereview.article)
    rereview = lock(rereview)
    act = workflow.guard("open_update", actor, rereview)
    note = note.strip()
    if not note:
        raise RuleViolation("Say what must be updated.", fields={"note": ["required"]})
    latest = policy.latest_revision(article)
    if latest is None or latest.state not in SETTLED_REVISION_STATES:
        raise RuleViolation(
            REREVIEW_UPDATE_IN_PROGRESS.format(
                number=latest.number, state=latest.get_state_display().lower()
            )
        )
    draft = start_next_revision(
        article,
        actor=actor,
        audit_action=AuditAction.REVISION_STARTED,
        copy_from=Revision.objects.get(pk=rereview.revision_id),
        change_class=ChangeClass.UPDATE,
        change_note="",
        data={"rereview": rereview.pk},
    )
    _close(rereview, act, actor=actor, note=note, data={"draft": draft.number}, tell=False)
    notifications.tell(act, rereview, comment=note)
    return rereview


@workflow_service
def rereview_cancel(*, rereview: ReReview, actor: Actor, note: str = "") -> ReReview:
    """An editor calls off a re-review; the article's dates stay as they were."""
    rereview = lock(rereview)
    act = workflow.guard("cancel_rereview", actor, rereview)
    _close(rereview, act, actor=actor, note=note.strip())
    return rereview


def close_rereviews_of(revision: Revision, *, actor: Actor, reason: str) -> None:
    """Cancel the open re-review of a revision that has left the public side (superseded or
    retracted): there is nothing left for it to attest. Inside the caller's transaction."""
    act = workflow.action("cancel_rereview")
    open_ones = ReReview.objects.filter(revision=revision, state=ReReviewState.OPEN)
    for rereview in open_ones.select_for_update():
        _close(rereview, act, actor=actor, note=reason)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in range(day.day, 0, -1):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
