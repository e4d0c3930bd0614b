"""Tampering with the stored audit history, for the tests that prove it is detected.

On PostgreSQL the append-only trigger refuses this, so triggers are switched off for
this session (replication role) around the one statement. ALTER TABLE ... DISABLE
TRIGGER cannot be used here: the test's own inserts have deferred constraint checks
pending in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

TABLE = "editorial_auditevent"


@contextmanager
def triggers_off() -> Iterator[None]:
    """On PostgreSQL, switch this session's triggers off for what runs inside."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET session_replication_role")


def tamper(sql: str, params: list | None = None) -> None:
    """Run ``sql`` (``{table}`` names the audit table) behind the model's and trigger's back."""
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=TABLE), params or [])
