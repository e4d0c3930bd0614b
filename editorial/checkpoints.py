"""Checkpoints of the audit chain's head, kept outside the database.

A keyed chain cannot be rewritten without the key, but its newest events can still be cut
off, or the table emptied, leaving a shorter chain that verifies. A checkpoint records the
head (sequence, hash, number of events, when) with an HMAC over them under AUDIT_KEY, as
one line of JSON; `audit_checkpoint` appends one to a file that only grows (and can mail it
to the Advisory Board), from cron; `verify_audit --checkpoints FILE` shows that every head
so recorded is still in the chain.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from . import audit, policy
from .models import AuditEvent

SIGNED_PREFIX = b"imprimatur audit checkpoint\n"  # never the start of an event's message
LOOKUP_BATCH = 1000


class CheckpointError(ValueError):
    pass


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    hash: str
    events: int
    at: str
    key_id: str
    signature: str = ""

    def signed_part(self) -> bytes:
        fields = asdict(self)
        del fields["signature"]
        return SIGNED_PREFIX + json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def line(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    def describe(self) -> str:
        return f"event #{self.sequence} at {self.at}"


def take() -> Checkpoint:
    """Sign the chain's present head (sequence 0 and the genesis hash when it is empty)."""
    with transaction.atomic():
        head = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        sequence, head_hash = (head["sequence"], head["hash"]) if head else (0, audit.GENESIS_HASH)
        # Rows up to the head never change, so this counts what the head covers.
        events = AuditEvent.objects.filter(sequence__lte=sequence).count()
    key = audit.signing_key()
    unsigned = Checkpoint(
        sequence, head_hash, events, timezone.now().isoformat(timespec="seconds"), key.id
    )
    return replace(unsigned, signature=key.sign(unsigned.signed_part()))


def append(path: Path, checkpoint: Checkpoint) -> None:
    """Add the checkpoint as the file's last line, never rewriting what is there."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(descriptor, "a", encoding="utf-8") as file:
        file.write(checkpoint.line() + "\n")
        file.flush()
        os.fsync(file.fileno())


def board_addresses() -> list[str]:
    """The e-mail addresses of the Advisory Board's active members."""
    members = get_user_model().objects.filter(groups__name=policy.BOARD, is_active=True)
    return sorted(set(members.exclude(email="").values_list("email", flat=True)))


def mail(checkpoint: Checkpoint, to: list[str]) -> None:
    """Send the checkpoint line to people who keep it, outside the database."""
    send_mail(
        f"[Imprimatur] Audit checkpoint: event #{checkpoint.sequence}",
        "The audit history's head, signed. Keep this e-mail: the line below, added to a\n"
        "checkpoint file, lets `manage.py verify_audit --checkpoints FILE` show that no\n"
        "events recorded up to it have since been removed.\n\n" + checkpoint.line() + "\n",
        settings.DEFAULT_FROM_EMAIL,
        to,
        fail_silently=False,
    )


def read(path: Path) -> list[tuple[int, Checkpoint]]:
    """Every checkpoint in the file with its line number; a line that is not one is refused."""
    checkpoints = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if line.strip():
                checkpoints.append((number, _parse(line, f"{path} line {number}")))
    return checkpoints


def _parse(line: str, where: str) -> Checkpoint:
    try:
        fields = json.loads(line)
        checkpoint = Checkpoint(**fields)
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"{where} is not a checkpoint.") from exc
    types = {"sequence": int, "events": int}
    if not all(type(v) is types.get(k, str) for k, v in asdict(checkpoint).items()):
        raise CheckpointError(f"{where} is not a checkpoint.")
    return checkpoint


def problems(checkpoints: list[tuple[int, Checkpoint]]) -> Iterator[str]:
    """What is wrong with each checkpoint, or with the chain against it, in file order."""
    keys = audit.known_keys()
    count = AuditEvent.objects.count()
    stored = _stored_hashes(c.sequence for _, c in checkpoints)
    for number, checkpoint in checkpoints:
        where = f"Checkpoint on line {number} ({checkpoint.describe()})"
        key = keys.get(checkpoint.key_id)
        if key is None:
            yield (
                f"{where} is signed with key {checkpoint.key_id}, which is neither AUDIT_KEY "
                "nor in AUDIT_KEYS_RETIRED."
            )
        elif not hmac.compare_digest(key.sign(checkpoint.signed_part()), checkpoint.signature):
            yield f"{where} has a signature that does not match: it was forged or altered."
        elif count < checkpoint.events:
            yield (
                f"{where} recorded {checkpoint.events} events; the audit history holds {count}: "
                "events have been removed."
            )
        elif checkpoint.sequence and checkpoint.sequence not in stored:
            yield f"{where}: that event is no longer in the audit history: events were removed."
        elif checkpoint.sequence and stored[checkpoint.sequence] != checkpoint.hash:
            yield f"{where}: that event's hash has changed since: the history was rewritten."


def _stored_hashes(sequences: Iterable[int]) -> dict[int, str]:
    wanted = sorted({s for s in sequences if s > 0})
    found: dict[int, str] = {}
    for start in range(0, len(wanted), LOOKUP_BATCH):
        batch = wanted[start : start + LOOKUP_BATCH]
        found.update(AuditEvent.objects.filter(sequence__in=batch).values_list("sequence", "hash"))
    return found
