"""The evidence that a revision's content was approved and published, read from the record
when its public rendering is built: the audit history's approval and publication events for
that content hash, and a quorum of eligible board approvals of it."""

from __future__ import annotations

from articles.models import Revision

from .. import audit
from ..models import AuditAction, AuditEvent
from .counting import eligible_approvals


def _last_event(revision: Revision, action: AuditAction) -> AuditEvent | None:
    return AuditEvent.objects.filter(revision=revision, action=action).order_by("-sequence").first()


def publication_evidence_missing(revision: Revision) -> str:
    """Why the record does not show this revision's content as approved by a quorum and
    published, or "" when it does. Every event relied on must be authentic (its keyed hash
    covers what it says), so rows written by hand do not count as evidence."""
    approved = _last_event(revision, AuditAction.APPROVED)
    if approved is None or not audit.authentic(approved):
        return "the audit history holds no authentic record of the board approving it."
    approved_hash = approved.data.get("content_hash", revision.content_hash)
    quorum = approved.data.get("quorum")
    if approved_hash != revision.content_hash:
        return f"the board approved content hash {approved_hash}, not {revision.content_hash}."
    if not isinstance(quorum, int) or quorum < 1:
        return "its approval event does not say what quorum it met."
    # Events from before change classes carry neither: the revision then has none either.
    for name in ("change_class", "change_note"):
        approved_value = approved.data.get(name, "")
        if approved_value != getattr(revision, name):
            return (
                f"the board approved its {name.replace('_', ' ')} as {approved_value!r}, "
                f"not {getattr(revision, name)!r}."
            )
    approvals = (
        eligible_approvals(revision, as_of=approved.created_at)
        .values("member_id")
        .distinct()
        .count()
    )
    if approvals < quorum:
        return (
            f"{approvals} eligible board approval(s) of its content hash are recorded; its "
            f"approval needed {quorum}."
        )
    published = _last_event(revision, AuditAction.PUBLISHED)
    if published is None or not audit.authentic(published):
        return "the audit history holds no authentic record of its publication."
    if published.data.get("content_hash") != revision.content_hash:
        return (
            f"it was published with content hash {published.data.get('content_hash')}, not "
            f"{revision.content_hash}."
        )
    return ""
