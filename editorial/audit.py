"""The one writer of the audit history, and its verifier.

Each event's hash is an HMAC-SHA256, under the key the event names (``key_id``), over the
previous event's hash and this event's own canonical fields. The keys are settings
(AUDIT_KEY, and AUDIT_KEYS_RETIRED after a rotation), never stored in the database: whoever
can write to the database can still change or remove rows, but cannot make a chain that
verifies, so changing, removing, reordering or appending any row breaks it from that row on.
Cutting off the newest events leaves a shorter chain that still verifies: checkpoints of
the head kept outside the database (editorial/checkpoints.py) show that.

The key changes only at an ``audit_key_rotated`` event, signed by the new key and naming the
old one; a retired key never signs again. Events written before keyed audit carry no key id
and a plain SHA-256 hash; they are accepted only at the start of the chain, sealed by the
rotation event that the keyed-audit migration wrote after them.

Appends are serialised: on PostgreSQL by a transaction-scoped advisory lock, elsewhere by
the database's own write lock.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Revision

from .models import AuditAction, AuditEvent

GENESIS_HASH = "0" * 64
ADVISORY_LOCK_KEY = 0x1D0C_A0D1  # any constant shared by every writer of this chain
KEY_ID_MESSAGE = b"imprimatur audit key id"


class AuditKeyError(RuntimeError):
    """The configured keys do not fit the chain: nothing is written until an operator acts."""


@dataclass(frozen=True)
class AuditKey:
    id: str
    secret: bytes = field(repr=False)

    @classmethod
    def from_setting(cls, secret: str) -> AuditKey:
        """The id is derived from the key, so an id can never name two different keys."""
        raw = secret.encode()
        return cls(hmac.new(raw, KEY_ID_MESSAGE, hashlib.sha256).hexdigest()[:16], raw)

    def sign(self, message: bytes) -> str:
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()


def signing_key() -> AuditKey:
    return AuditKey.from_setting(settings.AUDIT_KEY)


def known_keys() -> dict[str, AuditKey]:
    """Every key that may have signed an event: the retired ones and AUDIT_KEY, by id."""
    keys = [AuditKey.from_setting(s) for s in settings.AUDIT_KEYS_RETIRED] + [signing_key()]
    return {key.id: key for key in keys}


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
    if event.key_id:
        fields["key_id"] = event.key_id
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(event: AuditEvent, keys: dict[str, AuditKey] | None = None) -> str:
    """The hash ``event`` must carry: an HMAC under the key it names, or plain SHA-256 for an
    event from before keyed audit. KeyError when the key it names is not known."""
    message = event.previous_hash.encode() + _canonical(event)
    if not event.key_id:
        return hashlib.sha256(message).hexdigest()
    return (known_keys() if keys is None else keys)[event.key_id].sign(message)


def authentic(event: AuditEvent) -> bool:
    """Whether the event's own hash covers its content, under a key we hold (its place in
    the chain is verify_chain's to check). An unkeyed event counts only from the history
    sealed when keyed audit began: anyone can compute a plain SHA-256, so an unkeyed event
    after the first keyed one is a forgery."""
    if not event.key_id:
        first_keyed = (
            AuditEvent.objects.exclude(key_id="").order_by("sequence").values("sequence").first()
        )
        if first_keyed is None or event.sequence > first_keyed["sequence"]:
            return False
    try:
        return hmac.compare_digest(compute_hash(event), event.hash)
    except KeyError:
        return False


def lock_chain() -> None:
    """Hold the chain's append lock until the transaction ends (re-entrant).

    Services take it first, before any row lock: the holder writes events whose foreign
    keys need share locks on article and revision rows, so taking it after a row lock
    could deadlock with a writer that holds the chain and references that row.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def _head() -> dict[str, Any] | None:
    return AuditEvent.objects.order_by("-sequence").values("sequence", "hash", "key_id").first()


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
    head, key = _head(), signing_key()
    if head and head["key_id"] != key.id:
        raise AuditKeyError(
            f"The audit history's newest event is signed with key {head['key_id'] or '(none)'}, "
            f"not with AUDIT_KEY ({key.id}). After changing AUDIT_KEY, run "
            "`manage.py rotate_audit_key` before anything else is written."
        )
    event = _append(
        head,
        key,
        action=action,
        actor=actor,
        article=article,
        revision=revision,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
        data=data or {},
    )
    if revision is not None:
        # The editors' list is ordered by this, from an index (Revision.last_activity_at).
        type(revision).objects.filter(pk=revision.pk).update(last_activity_at=event.created_at)
    return event


def _append(head: dict[str, Any] | None, key: AuditKey, **fields: Any) -> AuditEvent:
    event = AuditEvent(
        sequence=(head["sequence"] + 1) if head else 1,
        previous_hash=head["hash"] if head else GENESIS_HASH,
        created_at=timezone.now(),
        key_id=key.id,
        **fields,
    )
    # JSON round-trip so the hash covers exactly what the database will return.
    event.data = json.loads(json.dumps(event.data, sort_keys=True, default=str))
    event.hash = compute_hash(event, {key.id: key})
    event.save(force_insert=True)
    return event


@transaction.atomic
def rotate_key(*, comment: str = "") -> AuditEvent:
    """Sign the chain with AUDIT_KEY from now on, recorded by an event that names the key it
    replaces; refused unless the whole chain verifies with the keys configured."""
    lock_chain()
    head, key = _head(), signing_key()
    if head is None:
        raise AuditKeyError("The audit history is empty: its first event will be signed with "
                            "AUDIT_KEY; there is nothing to rotate.")  # fmt: skip
    if head["key_id"] == key.id:
        raise AuditKeyError(f"The audit history is already signed with AUDIT_KEY ({key.id}).")
    if AuditEvent.objects.filter(key_id=key.id).exists():
        raise AuditKeyError(
            f"AUDIT_KEY ({key.id}) signed earlier events and was rotated away from; a retired "
            "key never signs again. Generate a new key."
        )
    for problem in verify_chain():
        raise AuditKeyError(
            f"The audit chain does not verify at event #{problem.sequence}: {problem.reason}. "
            "Rotating would sign on from a chain that cannot be checked; run verify_audit."
        )
    return _append(
        head,
        key,
        action=AuditAction.AUDIT_KEY_ROTATED,
        actor=None,
        article=None,
        revision=None,
        from_state="",
        to_state="",
        comment=comment,
        data={"previous_key_id": head["key_id"], "key_id": key.id},
    )


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    pk: int
    reason: str


def verify_chain(batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Yield every place where the stored chain disagrees with itself or with the keys,
    oldest first."""
    keys = known_keys()
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    previous: AuditEvent | None = None
    retired: set[str] = set()
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
            signer = _signing_problem(event, previous, keys, retired)
            if signer:
                yield ChainProblem(event.sequence, event.pk, signer)
            checkable = not event.key_id or event.key_id in keys
            if checkable and compute_hash(event, keys) != event.hash:
                yield ChainProblem(
                    event.sequence, event.pk, "hash does not match the event's content"
                )
            if previous is not None and previous.key_id != event.key_id:
                retired.add(previous.key_id)
            expected_previous = event.hash
            expected_sequence = event.sequence + 1
            previous = event
    if previous is not None and not previous.key_id:
        yield ChainProblem(
            previous.sequence,
            previous.pk,
            "the chain ends with events hashed without a key, sealed by no keyed event",
        )


def _signing_problem(
    event: AuditEvent, previous: AuditEvent | None, keys: dict[str, AuditKey], retired: set[str]
) -> str | None:
    """Unkeyed events only at the start; a known key; the key changes only at a rotation
    event that names the key before it, and never back to a retired one."""
    before = None if previous is None else previous.key_id
    if not event.key_id:
        return "an event hashed without a key after the chain was keyed" if before else None
    if event.key_id not in keys:
        return (
            f"signed with key {event.key_id}, which is neither AUDIT_KEY nor in AUDIT_KEYS_RETIRED"
        )
    rotation = event.action == AuditAction.AUDIT_KEY_ROTATED
    if before is None or before == event.key_id:
        return "records a key rotation but keeps the key it had" if rotation else None
    data = event.data if isinstance(event.data, dict) else {}
    named = (data.get("previous_key_id"), data.get("key_id"))
    if not rotation or named != (before, event.key_id):
        return (
            f"signed with key {event.key_id} after key {before or '(none)'}, with no rotation "
            "recorded between them"
        )
    if event.key_id in retired:
        return f"returns to key {event.key_id}, retired earlier in the chain"
    return None
