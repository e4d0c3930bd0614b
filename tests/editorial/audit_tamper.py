"""Tampering with the stored audit history and content, for the tests that prove it is
detected: what someone who owns the database (or its file) can do.

The database's triggers refuse this, so they are switched off around the one statement: on
PostgreSQL for this session (replication role; ALTER TABLE ... DISABLE TRIGGER cannot be
used here: the test's own inserts have deferred constraint checks pending in the same
transaction); SQLite has no such switch, so its triggers are dropped and created again,
inside the test's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

TABLE = "editorial_auditevent"


@contextmanager
def sqlite_triggers_dropped(database) -> Iterator[None]:
    """Drop every trigger of an SQLite database for what runs inside, then create them again."""
    with database.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        triggers = cursor.fetchall()
        for name, _ in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        with database.cursor() as cursor:
            for _, sql in triggers:
                cursor.execute(sql)


@contextmanager
def triggers_off() -> Iterator[None]:
    """Switch the database's triggers off for what runs inside."""
    if connection.vendor == "sqlite":
        with sqlite_triggers_dropped(connection):
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
