"""Tampering with the stored audit history, for the tests that prove it is detected.

On PostgreSQL the append-only trigger refuses this, so triggers are switched off for
this session (replication role) around the one statement. ALTER TABLE ... DISABLE
TRIGGER cannot be used here: the test's own inserts have deferred constraint checks
pending in the same transaction.
"""

from __future__ import annotations

from django.db import connection

TABLE = "editorial_auditevent"


def tamper(sql: str, params: list | None = None) -> None:
    """Run ``sql`` (``{table}`` names the audit table) behind the model's and trigger's back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(sql.format(table=TABLE), params or [])
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("RESET session_replication_role")
