"""`audit_checkpoint` records the chain's head outside the database, signed; `verify_audit
--checkpoints` then detects what the chain alone cannot: its newest events cut off, or the
whole table emptied."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from editorial import audit
from editorial.models import AuditAction, AuditEvent
from tests.workflow import reach

from .audit_tamper import tamper
from .forgery import append_after

OTHER_KEY = "another-audit-key-for-the-checkpoint-tests-0123"


@pytest.fixture
def history(workflow):
    """A published article: 13 events, numbered 1..13."""
    reach(workflow, "published")
    return list(AuditEvent.objects.order_by("sequence"))


@pytest.fixture
def path(tmp_path):
    return tmp_path / "audit" / "checkpoints.jsonl"


@pytest.fixture
def checkpoint(path):
    path.parent.mkdir()

    def take():
        call_command("audit_checkpoint", to=path, stdout=open("/dev/null", "w"))  # noqa: SIM115
        return json.loads(path.read_text().splitlines()[-1])

    return take


def _record() -> AuditEvent:
    with transaction.atomic():
        return audit.record(action=AuditAction.PUBLICATION_SCHEDULED, actor=None, article=None)


def _verify(path, match: str) -> CommandError:
    with pytest.raises(CommandError, match=match) as broken:
        call_command("verify_audit", checkpoints=path)
    assert broken.value.returncode == 1
    return broken.value


def test_each_run_appends_one_line_signing_the_head_with_audit_key(
    history, checkpoint, path, settings, capsys
):
    first = checkpoint()
    _record()
    second = checkpoint()

    lines = path.read_text().splitlines()
    assert [json.loads(line) for line in lines] == [first, second]
    assert {k: second[k] for k in ("sequence", "hash", "events")} == {
        "sequence": 14,
        "hash": AuditEvent.objects.get(sequence=14).hash,
        "events": 14,
    }
    assert first["sequence"] == 13
    signed = {k: v for k, v in second.items() if k != "signature"}
    message = (
        b"imprimatur audit checkpoint\n"
        + json.dumps(signed, sort_keys=True, separators=(",", ":")).encode()
    )
    secret = settings.AUDIT_KEY.encode()
    assert second["signature"] == hmac.new(secret, message, hashlib.sha256).hexdigest()
    assert second["key_id"] == audit.signing_key().id


def test_the_checkpoint_is_mailed_to_the_advisory_board(history, workflow, mailoutbox, capsys):
    call_command("audit_checkpoint", mail=True)

    line = capsys.readouterr().out.strip()
    (message,) = mailoutbox
    assert sorted(message.to) == sorted(member.email for member in workflow.board)
    assert message.subject == "[Imprimatur] Audit checkpoint: event #13"
    assert line in message.body
    assert json.loads(line)["sequence"] == 13


def test_mail_with_no_board_address_and_no_destination_are_refused(db, path):
    with pytest.raises(CommandError, match="--to PATH, --mail, or both"):
        call_command("audit_checkpoint")
    with pytest.raises(CommandError, match="No active Advisory Board member has an e-mail"):
        call_command("audit_checkpoint", mail=True)


def test_a_broken_chain_is_not_checkpointed(history, path):
    tamper("UPDATE {table} SET comment = 'x' WHERE sequence = 3")

    with pytest.raises(CommandError, match=r"event #3 .*No checkpoint taken"):
        call_command("audit_checkpoint", to=path)

    assert not path.exists()


def test_a_chain_that_holds_every_checkpointed_head_passes(history, checkpoint, path, capsys):
    checkpoint()
    _record()
    newest = checkpoint()

    call_command("verify_audit", checkpoints=path)

    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Checkpoints intact: 2 in {path}, the newest at event #14 at {newest['at']}."
    )


def test_newest_events_cut_off_are_detected_by_a_checkpoint(history, checkpoint, path):
    taken = checkpoint()
    tamper("DELETE FROM {table} WHERE sequence > 10")

    error = _verify(path, "events have been removed")

    assert str(error) == (
        f"Checkpoint on line 1 (event #13 at {taken['at']}) recorded 13 events; the audit "
        "history holds 10: events have been removed."
    )


def test_an_emptied_history_is_a_failure_not_zero_events_verified(history, checkpoint, path):
    checkpoint()
    tamper("DELETE FROM {table}")

    _verify(path, "recorded 13 events; the audit history holds 0: events have been removed")


@pytest.mark.postgres
def test_a_truncated_table_is_detected_by_a_checkpoint(history, checkpoint, path):
    checkpoint()
    tamper("TRUNCATE {table}")

    _verify(path, "the audit history holds 0: events have been removed")


def test_events_cut_off_and_replaced_by_as_many_new_ones_are_detected(history, checkpoint, path):
    checkpoint()
    tamper("DELETE FROM {table} WHERE sequence > 10")
    for _ in range(3):
        _record()

    _verify(path, r"^Checkpoint on line 1 \(event #13 .*hash has changed since")


def test_an_event_appended_after_a_checkpoint_without_the_key_is_detected(
    history, checkpoint, path
):
    checkpoint()
    append_after(history[-1])

    _verify(path, r"^Audit chain broken at event #14 .*hash does not match")


def test_an_altered_or_forged_checkpoint_is_refused(history, checkpoint, path):
    taken = checkpoint()
    path.write_text(json.dumps({**taken, "sequence": 12, "events": 12}) + "\n")

    _verify(path, r"^Checkpoint on line 1 \(event #12 .*signature that does not match")


def test_checkpoints_signed_before_a_key_rotation_still_verify(history, checkpoint, path, settings):
    checkpoint()
    settings.AUDIT_KEY, settings.AUDIT_KEYS_RETIRED = OTHER_KEY, [settings.AUDIT_KEY]
    call_command("rotate_audit_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    checkpoint()

    call_command("verify_audit", checkpoints=path, stdout=open("/dev/null", "w"))  # noqa: SIM115

    settings.AUDIT_KEYS_RETIRED = []
    _verify(path, "neither AUDIT_KEY nor in AUDIT_KEYS_RETIRED")


def test_a_checkpoint_of_an_empty_history_holds_as_events_are_added(db, checkpoint, path):
    taken = checkpoint()
    _record()

    call_command("verify_audit", checkpoints=path, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (taken["sequence"], taken["hash"], taken["events"]) == (0, audit.GENESIS_HASH, 0)


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, "Cannot read the checkpoint file"),
        ("", "holds no checkpoints: it was emptied"),
        ("not json\n", "line 1 is not a checkpoint"),
        ('{"sequence": "13"}\n', "line 1 is not a checkpoint"),
    ],
)
def test_a_missing_empty_or_garbled_checkpoint_file_is_a_failure(history, path, content, match):
    if content is not None:
        path.parent.mkdir()
        path.write_text(content)

    _verify(path, match)
