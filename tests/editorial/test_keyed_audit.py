"""The audit chain is keyed: each hash is an HMAC under AUDIT_KEY, which the database never
holds, so whoever can write to the database cannot recompute a chain that verifies. The key
changes only at a recorded rotation."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from editorial import audit, services
from editorial.models import AuditAction, AuditEvent
from tests.workflow import reach

from .forgery import append_after, rewrite_from, unkey

KEY_A = "audit-key-a-for-the-rotation-tests-0123456789"
KEY_B = "audit-key-b-for-the-rotation-tests-0123456789"


def _key_id(secret: str) -> str:
    return hmac.new(secret.encode(), b"imprimatur audit key id", hashlib.sha256).hexdigest()[:16]


@pytest.fixture
def history(workflow):
    """A published article: 13 events, numbered 1..13."""
    reach(workflow, "published")
    return list(AuditEvent.objects.order_by("sequence"))


def _record() -> AuditEvent:
    with transaction.atomic():
        return audit.record(action=AuditAction.PUBLICATION_SCHEDULED, actor=None, article=None)


def _broken(match: str) -> None:
    with pytest.raises(CommandError, match=match) as broken:
        call_command("verify_audit")
    assert broken.value.returncode == 1


def test_each_event_is_an_hmac_under_audit_key_and_names_that_key(history, settings):
    secret = settings.AUDIT_KEY.encode()

    for event in history:
        message = event.previous_hash.encode() + audit._canonical(event)
        assert event.key_id == _key_id(settings.AUDIT_KEY)
        assert event.hash == hmac.new(secret, message, hashlib.sha256).hexdigest()
        assert event.hash != hashlib.sha256(message).hexdigest()


def test_a_chain_recomputed_with_plain_sha256_after_an_edit_does_not_verify(history):
    # The forger edits event #5 and recomputes every hash from it on, as was enough when the
    # chain was plain SHA-256: the chain agrees with itself, but not with the key.
    history[4].comment = "rewritten"
    rewrite_from(history[4:], history[3].hash)

    _broken(r"^Audit chain broken at event #5 .*hash does not match the event's content\.$")


def test_a_chain_rewritten_as_unkeyed_events_does_not_verify(history):
    history[4].comment = "rewritten"
    unkey(history)

    _broken(r"event #13 .*ends with events hashed without a key, sealed by no keyed event")


def test_an_unkeyed_event_after_keyed_ones_does_not_verify(history):
    append_after(history[-1], key_id="")

    _broken(r"event #14 .*an event hashed without a key after the chain was keyed")


def test_an_event_appended_without_the_key_does_not_verify_even_with_an_earlier_anchor(history):
    append_after(history[-1])

    with pytest.raises(CommandError, match=r"event #14 .*hash does not match"):
        call_command("verify_audit", anchor=[history[-1].hash])


def test_an_event_signed_with_a_key_nobody_configured_does_not_verify(history):
    stranger = audit.AuditKey.from_setting("a key that is not configured anywhere, 0123456789")
    forged = append_after(
        history[-1],
        key_id=stranger.id,
        sign=lambda e: audit.compute_hash(e, {stranger.id: stranger}),
    )

    _broken(
        rf"event #14 .*signed with key {forged.key_id}, which is neither AUDIT_KEY nor in "
        "AUDIT_KEYS_RETIRED"
    )


def test_writing_with_a_changed_key_is_refused_until_the_rotation_is_recorded(
    history, settings, workflow
):
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_B, [settings.AUDIT_KEY]

    with pytest.raises(audit.AuditKeyError, match=r"run `manage\.py rotate_audit_key`"):
        services.revision_unpublish(
            revision=history[-1].revision, actor=workflow.board[0], reason="Outdated."
        )

    assert AuditEvent.objects.count() == 13
    history[-1].revision.refresh_from_db()
    assert history[-1].revision.state == "published"


def test_a_rotation_is_recorded_and_both_keys_verify_their_events(history, settings, capsys):
    old = settings.AUDIT_KEY
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_A, [old]

    call_command("rotate_audit_key", comment="Yearly rotation.")
    after = _record()

    rotation = AuditEvent.objects.get(sequence=14)
    assert (rotation.action, rotation.comment, rotation.actor) == (
        "audit_key_rotated",
        "Yearly rotation.",
        None,
    )
    assert rotation.data == {"previous_key_id": _key_id(old), "key_id": _key_id(KEY_A)}
    assert rotation.key_id == after.key_id == _key_id(KEY_A)
    assert f"Audit key rotated at event #14: {_key_id(old)} → {_key_id(KEY_A)}." in (
        capsys.readouterr().out
    )
    call_command("verify_audit")
    assert "Audit chain intact: 15 events verified." in capsys.readouterr().out

    # Twice more: every retired key is still needed for the events it signed.
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_B, [old, KEY_A]
    call_command("rotate_audit_key")
    _record()
    call_command("verify_audit")
    settings.AUDIT_KEYS_RETIRED = [old]
    _broken(rf"event #14 .*signed with key {_key_id(KEY_A)}, which is neither AUDIT_KEY")


def test_a_rotation_without_the_old_key_retired_is_refused(history, settings):
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_A, []

    with pytest.raises(CommandError, match=r"does not verify at event #1: signed with key"):
        call_command("rotate_audit_key")

    assert AuditEvent.objects.count() == 13


def test_a_rotation_over_a_broken_chain_is_refused(history, settings):
    append_after(history[-1])
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_A, [settings.AUDIT_KEY]

    with pytest.raises(CommandError, match=r"does not verify at event #14: hash does not match"):
        call_command("rotate_audit_key")


def test_a_rotation_back_to_a_retired_key_is_refused(history, settings):
    old = settings.AUDIT_KEY
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_A, [old]
    call_command("rotate_audit_key")

    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = old, [KEY_A]
    with pytest.raises(CommandError, match="signed earlier events and was rotated away from"):
        call_command("rotate_audit_key")


def test_nothing_to_rotate_is_said_so(db, settings):
    with pytest.raises(CommandError, match="empty"):
        call_command("rotate_audit_key")
    _record()
    with pytest.raises(CommandError, match="already signed with AUDIT_KEY"):
        call_command("rotate_audit_key")


def test_events_signed_with_a_leaked_retired_key_after_the_rotation_do_not_verify(
    history, settings
):
    old = settings.AUDIT_KEY
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_A, [old]
    call_command("rotate_audit_key")
    head = _record()
    leaked = audit.AuditKey.from_setting(old)

    # Signed correctly with the retired key, but after the chain moved on from it.
    append_after(head, key_id=leaked.id, sign=lambda e: audit.compute_hash(e, {leaked.id: leaked}))

    _broken(rf"event #16 .*signed with key {leaked.id} after key {head.key_id}, with no rotation")


def test_a_forged_rotation_back_to_a_retired_key_does_not_verify(history, settings):
    old = settings.AUDIT_KEY
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = KEY_A, [old]
    call_command("rotate_audit_key")
    head = _record()
    leaked = audit.AuditKey.from_setting(old)

    def sign(event):
        event.action = AuditAction.AUDIT_KEY_ROTATED
        event.data = {"previous_key_id": head.key_id, "key_id": leaked.id}
        return audit.compute_hash(event, {leaked.id: leaked})

    append_after(head, key_id=leaked.id, sign=sign)

    _broken(rf"event #16 .*returns to key {leaked.id}, retired earlier in the chain")
