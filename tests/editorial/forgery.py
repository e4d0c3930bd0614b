"""What someone who can write to the database, but does not hold AUDIT_KEY, can compute: the
plain SHA-256 chain, over the same canonical fields the verifier reads."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from editorial import audit
from editorial.models import AuditAction, AuditEvent

from .audit_tamper import tamper


def sha256_hash(event: AuditEvent) -> str:
    return hashlib.sha256(event.previous_hash.encode() + audit._canonical(event)).hexdigest()


def rewrite_from(events: list[AuditEvent], previous_hash: str) -> None:
    """Store ``events`` (already edited) with every hash recomputed from ``previous_hash`` on,
    so the chain agrees with itself again."""
    for event in events:
        event.previous_hash = previous_hash
        event.hash = sha256_hash(event)
        tamper(
            "UPDATE {table} SET comment = %s, previous_hash = %s, hash = %s WHERE id = %s",
            [event.comment, event.previous_hash, event.hash, event.pk],
        )
        previous_hash = event.hash


def append_after(head: AuditEvent, *, key_id: str | None = None, sign=None) -> AuditEvent:
    """Insert one more event after ``head``, claiming ``key_id`` (the head's by default), its
    hash from ``sign`` (plain SHA-256 by default)."""
    forged = AuditEvent(
        sequence=head.sequence + 1,
        previous_hash=head.hash,
        created_at=timezone.now(),
        actor=None,
        action=AuditAction.PUBLISHED,
        article=head.article,
        revision=head.revision,
        from_state="approved",
        to_state="published",
        comment="",
        data={},
    )
    # The forger's code reads the same against the schema from before keyed audit.
    forged.key_id = getattr(head, "key_id", "") if key_id is None else key_id
    forged.hash = (sign or sha256_hash)(forged)
    forged.save(force_insert=True)
    return forged


def unkey(events: list[AuditEvent]) -> None:
    """Store ``events`` as if written before keyed audit: no key id, plain SHA-256 hashes."""
    tamper("UPDATE {table} SET key_id = ''")
    for event in events:
        event.key_id = ""
    rewrite_from(events, audit.GENESIS_HASH)
