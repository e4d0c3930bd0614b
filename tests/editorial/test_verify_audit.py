"""`manage.py verify_audit` passes on an intact chain and, after any tampering, exits
non-zero naming the first broken event."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import CommandError, call_command

from editorial import audit
from editorial.models import AuditEvent
from tests.workflow import reach

from .audit_tamper import tamper


@pytest.fixture
def history(workflow):
    """A published article: 13 events, numbered 1..13."""
    reach(workflow, "published")
    return list(AuditEvent.objects.order_by("sequence"))


def _broken(match: str) -> CommandError:
    with pytest.raises(CommandError, match=match) as broken:
        call_command("verify_audit")
    assert broken.value.returncode == 1
    return broken.value


def test_intact_chain_passes_and_prints_its_head(history, capsys):
    call_command("verify_audit")

    assert capsys.readouterr().out.splitlines() == [
        "Audit chain intact: 13 events verified.",
        f"Head: event #13 {history[-1].hash}",
    ]


def test_an_anchor_still_in_the_chain_passes(history, capsys):
    call_command("verify_audit", anchor=[history[5].hash, history[-1].hash])

    assert "Audit chain intact: 13 events verified." in capsys.readouterr().out


def test_events_cut_off_the_end_are_detected_by_an_earlier_head(history):
    head = history[-1].hash
    tamper("DELETE FROM {table} WHERE sequence > 10")

    with pytest.raises(CommandError, match=f"Anchor {head} is no longer in the audit chain"):
        call_command("verify_audit", anchor=[head])


def test_empty_history_passes(db, capsys):
    call_command("verify_audit")

    assert "Audit chain intact: 0 events verified." in capsys.readouterr().out


def test_each_event_links_to_the_one_before(history):
    assert history[0].previous_hash == audit.GENESIS_HASH
    assert [e.sequence for e in history] == list(range(1, 14))
    assert all(b.previous_hash == a.hash for a, b in itertools.pairwise(history))
    assert all(audit.compute_hash(e) == e.hash for e in history)


def test_an_edited_comment_is_detected_at_that_event(history):
    event = history[4]
    tamper("UPDATE {table} SET comment = %s WHERE id = %s", ["rewritten", event.pk])

    error = _broken("#5")

    assert str(error) == (
        f"Audit chain broken at event #5 (id {event.pk}): hash does not match the event's content."
    )


def test_a_changed_actor_is_detected(history, editor):
    tamper("UPDATE {table} SET actor_id = %s WHERE sequence = 12", [editor.pk])

    _broken(r"event #12 .*hash does not match")


def test_a_rewritten_event_with_a_recomputed_hash_breaks_the_next_link(history):
    event = history[2]
    event.comment = "rewritten"
    forged = audit.compute_hash(event)
    tamper(
        "UPDATE {table} SET comment = %s, hash = %s WHERE id = %s",
        ["rewritten", forged, event.pk],
    )

    _broken(r"event #4 .*previous_hash does not match the event before it")


def test_a_deleted_event_leaves_a_gap_named_at_the_next_event(history):
    tamper("DELETE FROM {table} WHERE sequence = 7")

    _broken(r"^Audit chain broken at event #8 .*expected sequence 7: events are missing")


def test_deleting_the_first_event_is_detected(history):
    tamper("DELETE FROM {table} WHERE sequence = 1")

    _broken(r"event #2 .*expected sequence 1")


def test_reordered_events_are_detected_at_the_first_moved_one(history):
    third, fourth = history[2], history[3]
    parked = 10**9
    tamper("UPDATE {table} SET sequence = %s WHERE id = %s", [parked, third.pk])
    tamper("UPDATE {table} SET sequence = 3 WHERE id = %s", [fourth.pk])
    tamper("UPDATE {table} SET sequence = 4 WHERE id = %s", [third.pk])

    error = _broken("#3")

    assert f"(id {fourth.pk})" in str(error)


def test_verifier_lists_every_problem_oldest_first(history):
    tamper("UPDATE {table} SET comment = 'x' WHERE sequence IN (3, 9)")

    problems = list(audit.verify_chain())

    # Each edited event breaks its own hash; the links after it still match what is stored.
    assert [p.sequence for p in problems] == [3, 9]
