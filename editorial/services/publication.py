"""Publication: now, at a scheduled time, and retraction."""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from articles import content
from articles.models import Revision, RevisionState

from .. import notifications, workflow
from ..errors import RuleViolation, WorkflowError
from ..policy import Actor
from ._base import apply, lock, workflow_service
from .public_snapshots import public_snapshot_refresh
from .reports import reports_resolved_by_publication
from .rereviews import add_months, close_rereviews_of

logger = logging.getLogger(__name__)


@workflow_service
def revision_schedule_publication(
    *, revision: Revision, actor: Actor, publish_at: datetime | None
) -> Revision:
    """Set (or clear, with None) the time an approved revision goes live."""
    revision = lock(revision)
    act = workflow.guard("schedule_publication", actor, revision)
    if publish_at is not None and publish_at <= timezone.now():
        raise RuleViolation(
            "The publication time must be in the future; to publish now, publish.",
            fields={"publish_at": ["must be in the future"]},
        )
    apply(
        act,
        revision,
        actor=actor,
        changes={"publish_at": publish_at},
        data={"publish_at": publish_at.isoformat() if publish_at else None},
    )
    return revision


@workflow_service
def revision_publish(*, revision: Revision, actor: Actor) -> Revision:
    """Make an approved revision the one the public sees; the previous one is superseded.

    ``actor`` is None when the system publishes a scheduled revision.
    """
    article = lock(revision.article)
    revision = lock(revision)
    act = workflow.guard("publish", actor, revision)
    references = list(revision.references.all())
    if content.content_hash(revision, references) != revision.content_hash:
        raise RuleViolation(
            "The content no longer matches what the board approved; it cannot be published."
        )
    now = timezone.now()
    previous = article.live_revision
    if previous is not None:
        superseded = lock(previous)
        workflow.guard("supersede", workflow.SYSTEM, superseded)
        apply(
            workflow.action("supersede"),
            superseded,
            actor=actor,
            data={"superseded_by": revision.number},
        )
        close_rereviews_of(
            superseded, actor=actor, reason=f"Revision {revision.number} replaced it."
        )
    # The author hears of it once the public rendering is in place, below.
    apply(
        act,
        revision,
        actor=actor,
        changes={"published_at": now},
        data={"content_hash": revision.content_hash, "scheduled": actor is None},
        tell=False,
    )
    article.live_revision = revision
    article.first_published_at = article.first_published_at or now
    article.last_reviewed_on = timezone.localdate(revision.decided_at or now)
    article.next_review_due = add_months(
        article.last_reviewed_on, settings.EDITORIAL["REREVIEW_MONTHS"]
    )
    article.save(
        update_fields=[
            "live_revision",
            "first_published_at",
            "last_reviewed_on",
            "next_review_due",
            "updated_at",
        ]
    )
    if public_snapshot_refresh(article=article) is None:
        # The renderer checks the record again at this last step; it finds the evidence
        # missing only if rows were changed outside the services. Nothing is published.
        raise RuleViolation(
            "The record does not show this revision's content as approved by the board, so "
            "it cannot be published. The error log says what is missing."
        )
    reports_resolved_by_publication(revision=revision, actor=actor)
    notifications.tell(act, revision)
    return revision


@workflow_service
def revision_unpublish(*, revision: Revision, actor: Actor, reason: str) -> Revision:
    """The board retracts a published revision, with a reason the public will read."""
    # The article first, then the revision: the order revision_publish takes them in when it
    # supersedes this revision, so a publication and a retraction queue instead of deadlocking.
    article = lock(revision.article)
    revision = lock(revision)
    act = workflow.guard("unpublish", actor, revision)
    reason = reason.strip()
    if not reason:
        raise RuleViolation(
            "Give the public reason for the retraction.", fields={"reason": ["required"]}
        )
    apply(
        act,
        revision,
        actor=actor,
        changes={"retraction_reason": reason},
        comment=reason,
        tell=False,
    )
    close_rereviews_of(revision, actor=actor, reason="The revision was retracted.")
    if article.live_revision_id == revision.pk:
        article.live_revision = None
        article.save(update_fields=["live_revision", "updated_at"])
    public_snapshot_refresh(article=article)
    notifications.tell(act, revision, comment=reason)
    return revision


def publish_due(
    *, now: datetime | None = None
) -> tuple[list[Revision], list[tuple[Revision, str]]]:
    """Publish every approved revision whose scheduled time has come; each in its own
    transaction, so one refusal does not hold back the others."""
    now = now or timezone.now()
    due = Revision.objects.filter(state=RevisionState.APPROVED, publish_at__lte=now).order_by(
        "publish_at"
    )
    published, refused = [], []
    for revision in due:
        try:
            published.append(revision_publish(revision=revision, actor=None))
        except WorkflowError as exc:
            logger.warning("Scheduled publication of %s refused: %s", revision, exc.message)
            refused.append((revision, exc.message))
    return published, refused
