"""Events recorded before keyed audit keep their plain SHA-256 hashes: the keyed-audit
migration does not re-sign them but seals them with one keyed `audit_key_rotated` event, and
the verifier accepts unkeyed events only as the start of a chain so sealed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, transaction

from editorial import audit
from editorial.models import AuditAction, AuditEvent
from tests.migration_code import migration_module
from tests.workflow import reach

from .forgery import append_after, rewrite_from, unkey

MIGRATION = migration_module("editorial", "_keyed_audit")


def _seal() -> None:
    with transaction.atomic():
        MIGRATION.seal_unkeyed_history(apps, SimpleNamespace(connection=connection))


@pytest.fixture
def unkeyed(workflow):
    """13 events as the code before keyed audit wrote them: no key id, plain SHA-256."""
    reach(workflow, "published")
    events = list(AuditEvent.objects.order_by("sequence"))
    unkey(events)
    return events


def _problems() -> list[tuple[int, str]]:
    return [(p.sequence, p.reason) for p in audit.verify_chain()]


def test_the_migration_seals_an_unkeyed_history_with_one_keyed_rotation_event(unkeyed):
    _seal()

    seal = AuditEvent.objects.get(sequence=14)
    key = audit.signing_key()
    assert (seal.action, seal.key_id, seal.previous_hash) == (
        "audit_key_rotated",
        key.id,
        unkeyed[-1].hash,
    )
    assert seal.data == {"previous_key_id": "", "key_id": key.id, "unkeyed_through": 13}
    assert _problems() == []


def test_the_sealed_history_goes_on_with_keyed_events(unkeyed):
    _seal()
    _seal()  # a second run finds the history keyed and adds nothing

    with transaction.atomic():
        audit.record(action=AuditAction.PUBLICATION_SCHEDULED, actor=None, article=None)

    assert AuditEvent.objects.count() == 15
    assert _problems() == []


def test_an_unsealed_unkeyed_history_does_not_verify(unkeyed):
    assert _problems() == [
        (13, "the chain ends with events hashed without a key, sealed by no keyed event")
    ]


def test_writing_to_an_unsealed_unkeyed_history_is_refused(unkeyed):
    with (
        pytest.raises(audit.AuditKeyError, match=r"signed with key \(none\), not with AUDIT_KEY"),
        transaction.atomic(),
    ):
        audit.record(action=AuditAction.PUBLICATION_SCHEDULED, actor=None, article=None)


def test_an_unkeyed_event_edited_before_the_seal_still_breaks_the_chain(unkeyed):
    _seal()
    unkeyed[4].comment = "rewritten"
    # Recomputed up to the seal, which covers the last unkeyed hash and cannot be recomputed.
    rewrite_from(unkeyed[4:], unkeyed[3].hash)

    assert _problems() == [(14, "previous_hash does not match the event before it")]


def test_unkeyed_events_after_the_seal_do_not_verify(unkeyed):
    _seal()
    append_after(AuditEvent.objects.get(sequence=14), key_id="")

    assert (15, "an event hashed without a key after the chain was keyed") in _problems()


def test_an_empty_history_is_not_sealed(db):
    _seal()

    assert not AuditEvent.objects.exists()
