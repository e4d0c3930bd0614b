"""The one writer of the audit history, and its verifier.

Each event's hash is SHA-256 over the previous event's hash and this event's own
canonical fields, so changing, removing or reordering any row breaks the chain
from that row on. Appends are serialised: on PostgreSQL by a transaction-scoped
advisory lock, elsewhere by the database's own write lock.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Revision

from .models import AuditAction, AuditEvent

GENESIS_HASH = "0" * 64
ADVISORY_LOCK_KEY = 0x1D0C_A0D1  # any constant shared by every writer of this chain


def _canonical(event: AuditEvent) -> bytes:
    fields = {
        "sequence": event.sequence,
        "created_at": event.created_at.isoformat(),
        "actor": event.actor_id,
        "action": event.action,
        "article": event.article_id,
        "revision": event.revision_id,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "comment": event.comment,
        "data": event.data,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(event.previous_hash.encode() + _canonical(event)).hexdigest()


def authentic(event: AuditEvent) -> bool:
    """Whether the event's own hash covers its content (its place in the chain is
    verify_chain's to check)."""
    return hmac.compare_digest(compute_hash(event), event.hash)


def lock_chain() -> None:
    """Hold the chain's append lock until the transaction ends (re-entrant).

    Services take it first, before any row lock: the holder writes events whose foreign
    keys need share locks on article and revision rows, so taking it after a row lock
    could deadlock with a writer that holds the chain and references that row.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def record(
    *,
    action: AuditAction,
    actor: Any | None,
    article: Article | None,
    revision: Revision | None = None,
    from_state: str = "",
    to_state: str = "",
    comment: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the transaction of the change."""
    if not connection.in_atomic_block:
        raise RuntimeError("Audit events are written inside the transaction they record.")
    lock_chain()
    last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
    event = AuditEvent(
        sequence=(last["sequence"] + 1) if last else 1,
        previous_hash=last["hash"] if last else GENESIS_HASH,
        created_at=timezone.now(),
        actor=actor,
        action=action,
        article=article,
        revision=revision,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        data=data or {},
    )
    # JSON round-trip so the hash covers exactly what the database will return.
    event.data = json.loads(json.dumps(event.data, sort_keys=True, default=str))
    event.hash = compute_hash(event)
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    pk: int
    reason: str


def verify_chain(batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Yield every place where the stored chain disagrees with itself, oldest first."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    queryset = AuditEvent.objects.order_by("sequence")
    with transaction.atomic():
        for event in queryset.iterator(chunk_size=batch_size):
            if event.sequence != expected_sequence:
                yield ChainProblem(
                    event.sequence,
                    event.pk,
                    f"expected sequence {expected_sequence}: events are missing or reordered",
                )
            if event.previous_hash != expected_previous:
                yield ChainProblem(
                    event.sequence, event.pk, "previous_hash does not match the event before it"
                )
            if compute_hash(event) != event.hash:
                yield ChainProblem(
                    event.sequence, event.pk, "hash does not match the event's content"
                )
            expected_previous = event.hash
            expected_sequence = event.sequence + 1
