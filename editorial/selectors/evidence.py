"""The evidence that a revision's content was approved and published, read from the record
when its public rendering is built: the audit history's approval and publication events for
that content hash, and a quorum of eligible board approvals of it."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery

from articles.models import Revision

from .. import audit
from ..models import AuditAction, AuditEvent
from .counting import eligible_approvals

EVIDENCE_ACTIONS = (AuditAction.APPROVED, AuditAction.PUBLISHED)
# Each revision's last event of each kind the evidence rests on (a batch rebuild's read).
Events = dict[str, AuditEvent]


def _last_event(revision: Revision, action: AuditAction) -> AuditEvent | None:
    return AuditEvent.objects.filter(revision=revision, action=action).order_by("-sequence").first()


def evidence_events(revisions: list[Revision]) -> dict[int, Events]:
    """The last approval and publication event of each revision, in one query."""
    events: dict[int, Events] = {revision.pk: {} for revision in revisions}
    rows = AuditEvent.objects.filter(
        revision_id__in=list(events), action__in=EVIDENCE_ACTIONS
    ).order_by("sequence")
    for event in rows:
        events[event.revision_id][event.action] = event
    return events


def decided_approval_counts(revisions: list[Revision]) -> dict[int, int]:
    """How many distinct eligible board members' approvals each revision's (last) approval
    rested on, as of that approval, in one query: the count publication_evidence_missing
    reads for one revision."""
    decided_at = Subquery(
        AuditEvent.objects.filter(revision_id=OuterRef("revision_id"), action=AuditAction.APPROVED)
        .order_by("-sequence")
        .values("created_at")[:1]
    )
    counts = dict.fromkeys((revision.pk for revision in revisions), 0)
    rows = (
        eligible_approvals(list(counts), as_of=decided_at)
        .order_by()
        .values("revision_id")
        .annotate(members=Count("member_id", distinct=True))
        .values_list("revision_id", "members")
    )
    counts.update(rows)
    return counts


def publication_evidence_missing(
    revision: Revision, *, events: Events | None = None, approvals: int | None = None
) -> str:
    """Why the record does not show this revision's content as approved by a quorum and
    published, or "" when it does; `events` as evidence_events read them and `approvals` as
    decided_approval_counts counted them, if read already.
    Every event relied on must be authentic (its keyed hash covers what it says), so rows
    written by hand do not count as evidence."""
    if events is None:
        approved = _last_event(revision, AuditAction.APPROVED)
    else:
        approved = events.get(AuditAction.APPROVED)
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
    if approvals is None:
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
    if events is None:
        published = _last_event(revision, AuditAction.PUBLISHED)
    else:
        published = events.get(AuditAction.PUBLISHED)
    if published is None or not audit.authentic(published):
        return "the audit history holds no authentic record of its publication."
    if published.data.get("content_hash") != revision.content_hash:
        return (
            f"it was published with content hash {published.data.get('content_hash')}, not "
            f"{revision.content_hash}."
        )
    return ""
