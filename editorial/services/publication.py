"""Publication: now, at a scheduled time, and retraction."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from articles import content
from articles.models import Revision, RevisionState

from .. import audit, notifications, policy
from ..errors import InvalidTransition, RuleViolation, WorkflowError
from ..models import AuditAction
from ._base import lock, require, require_transition, workflow_service
from .decisions import approvals, quorum
from .messages import QUORUM_NOT_REACHED
from .public_snapshots import public_snapshot_refresh

logger = logging.getLogger(__name__)
S = RevisionState
NOT_PUBLISHER = "Only editors and board members who did not write the article may publish it."


def _add_months(day, months: int):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in range(day.day, 0, -1):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _require_approved(revision: Revision, verb: str, actor: Any | None) -> None:
    """Publishing needs the board's approval; under review, say how far the vote has got."""
    if revision.state == S.UNDER_REVIEW:
        raise InvalidTransition(
            QUORUM_NOT_REACHED.format(approvals=approvals(revision), quorum=quorum()),
            allowed=policy.allowed_actions(actor, revision) if actor is not None else [],
        )
    require_transition(revision, "publish", verb, actor)


@workflow_service
def revision_schedule_publication(
    *, revision: Revision, actor: Any, publish_at: datetime | None
) -> Revision:
    """Set (or clear, with None) the time an approved revision goes live."""
    revision = lock(revision)
    _require_approved(revision, "scheduled for publication", actor)
    require(policy.can_schedule_publication(actor, revision), NOT_PUBLISHER)
    if publish_at is not None and publish_at <= timezone.now():
        raise RuleViolation(
            "The publication time must be in the future; to publish now, publish.",
            fields={"publish_at": ["must be in the future"]},
        )
    revision.publish_at = publish_at
    revision.save(update_fields=["publish_at"])
    audit.record_transition(
        action=AuditAction.PUBLICATION_SCHEDULED,
        actor=actor,
        revision=revision,
        from_state=revision.state,
        data={"publish_at": publish_at.isoformat() if publish_at else None},
    )
    return revision


@workflow_service
def revision_publish(*, revision: Revision, actor: Any | None) -> Revision:
    """Make an approved revision the one the public sees; the previous one is superseded.

    ``actor`` is None when the system publishes a scheduled revision.
    """
    article = lock(revision.article)
    revision = lock(revision)
    _require_approved(revision, "published", actor)
    require(policy.can_publish(actor, revision), NOT_PUBLISHER)
    references = list(revision.references.all())
    if content.content_hash(revision, references) != revision.content_hash:
        raise RuleViolation(
            "The content no longer matches what the board approved; it cannot be published."
        )
    now = timezone.now()
    previous = article.live_revision
    if previous is not None:
        previous = lock(previous)
        previous.supersede()
        previous.save(update_fields=["state"])
        audit.record(
            action=AuditAction.SUPERSEDED,
            actor=actor,
            article=article,
            revision=previous,
            from_state=S.PUBLISHED,
            to_state=previous.state,
            data={"superseded_by": revision.number},
        )
    revision.publish()
    revision.published_at = now
    revision.save(update_fields=["state", "published_at"])
    article.live_revision = revision
    article.first_published_at = article.first_published_at or now
    article.last_reviewed_on = timezone.localdate(revision.decided_at or now)
    article.next_review_due = _add_months(
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
    audit.record(
        action=AuditAction.PUBLISHED,
        actor=actor,
        article=article,
        revision=revision,
        from_state=S.APPROVED,
        to_state=revision.state,
        data={"content_hash": revision.content_hash, "scheduled": actor is None},
    )
    public_snapshot_refresh(article=article)
    notifications.author_decision(revision, "Published")
    return revision


@workflow_service
def revision_unpublish(*, revision: Revision, actor: Any, reason: str) -> Revision:
    """The board retracts a published revision, with a reason the public will read."""
    # The article first, then the revision: the order revision_publish takes them in when it
    # supersedes this revision, so a publication and a retraction queue instead of deadlocking.
    article = lock(revision.article)
    revision = lock(revision)
    require_transition(revision, "unpublish", "unpublished", actor)
    require(policy.can_unpublish(actor, revision), "Only the Medical Advisory Board may unpublish.")
    reason = reason.strip()
    if not reason:
        raise RuleViolation(
            "Give the public reason for the retraction.", fields={"reason": ["required"]}
        )
    revision.unpublish()
    revision.retraction_reason = reason
    revision.save(update_fields=["state", "retraction_reason"])
    if article.live_revision_id == revision.pk:
        article.live_revision = None
        article.save(update_fields=["live_revision", "updated_at"])
    audit.record(
        action=AuditAction.UNPUBLISHED,
        actor=actor,
        article=article,
        revision=revision,
        from_state=S.PUBLISHED,
        to_state=revision.state,
        comment=reason,
    )
    public_snapshot_refresh(article=article)
    notifications.author_decision(revision, "Retracted", reason)
    return revision


def publish_due(
    *, now: datetime | None = None
) -> tuple[list[Revision], list[tuple[Revision, str]]]:
    """Publish every approved revision whose scheduled time has come; each in its own
    transaction, so one refusal does not hold back the others."""
    now = now or timezone.now()
    due = Revision.objects.filter(state=S.APPROVED, publish_at__lte=now).order_by("publish_at")
    published, refused = [], []
    for revision in due:
        try:
            published.append(revision_publish(revision=revision, actor=None))
        except WorkflowError as exc:
            logger.warning("Scheduled publication of %s refused: %s", revision, exc.message)
            refused.append((revision, exc.message))
    return published, refused
