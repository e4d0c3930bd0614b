"""The audit history is append-only: the model, its querysets and the database itself
(a trigger, on PostgreSQL and on SQLite) refuse to change or remove an event."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from editorial import audit
from editorial.models import AuditEvent, AuditImmutableError
from tests.workflow import reach


@pytest.fixture
def event(workflow):
    reach(workflow, "submitted")
    return AuditEvent.objects.order_by("sequence").first()


def test_saving_an_existing_event_is_refused(event):
    event.comment = "rewritten"

    with pytest.raises(AuditImmutableError, match="cannot be rewritten"):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).comment == ""


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AuditImmutableError, match="cannot be deleted"):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_is_refused(event):
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(comment="rewritten")


def test_bulk_update_is_refused(event):
    event.comment = "rewritten"

    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.bulk_update([event], ["comment"])


def test_queryset_delete_is_refused(event):
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.count() == 2


def test_an_unknown_action_is_refused(workflow, event):
    with pytest.raises(ValueError, match="Unknown audit action 'erased'"):
        audit.record(action="erased", actor=workflow.author, article=event.article)


def test_writing_an_event_outside_a_transaction_is_refused():
    # No database at all: the writer refuses before it touches one.
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(action="published", actor=None, article=None)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE editorial_auditevent SET comment = 'rewritten'",
        "UPDATE editorial_auditevent SET hash = upper(hash)",
        "UPDATE editorial_auditevent SET key_id = ''",
        "DELETE FROM editorial_auditevent",
        "DELETE FROM editorial_auditevent WHERE sequence = 2",
    ],
)
def test_database_trigger_refuses_raw_update_and_delete(sql, event):
    with (
        pytest.raises(DatabaseError, match="the audit history is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)

    assert AuditEvent.objects.count() == 2
    assert AuditEvent.objects.get(pk=event.pk).comment == ""
