"""The application's database role, granted exactly as the README says, adds audit events
but cannot update, delete or truncate them, nor switch the triggers off that guard them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.postgres

README_ROLE = "imprimatur_app"
INSERT = """
INSERT INTO editorial_auditevent
    (sequence, created_at, action, from_state, to_state, comment, data, previous_hash, hash,
     key_id)
VALUES (1, now(), 'published', '', '', 'appended', '{}', repeat('0', 64), repeat('a', 64), '')
"""


def _readme_grants() -> str:
    """The README's SQL block that grants the application role its privileges."""
    readme = (settings.BASE_DIR / "README.md").read_text()
    blocks = re.findall(r"```sql\n(.*?)```", readme, flags=re.DOTALL)
    (grants,) = [b for b in blocks if f"ON editorial_auditevent FROM {README_ROLE}" in b]
    return grants


@pytest.fixture
def app_role(db) -> Iterator[str]:
    """A login role like the README's application role, in the test database, dropped after."""
    name = f"imprimatur_app_test_{uuid.uuid4().hex[:8]}"
    grants = re.sub(rf"\b{README_ROLE}\b", name, _readme_grants())
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
            "NOBYPASSRLS"
        )
        try:
            cursor.execute(grants)
            yield name
        finally:
            cursor.execute(f"DROP OWNED BY {name}")
            cursor.execute(f"DROP ROLE {name}")


@pytest.fixture
def as_app(app_role) -> Iterator[psycopg.Connection]:
    """A connection to the test database as the application role."""
    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        dbname=params["NAME"],
        user=app_role,
        autocommit=True,
    ) as conn:
        yield conn


def _refused(conn: psycopg.Connection, statement: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        conn.execute(statement)
    return str(refused.value)


def test_the_application_role_adds_audit_events(as_app):
    as_app.execute(INSERT)

    assert as_app.execute("SELECT count(*) FROM editorial_auditevent").fetchone() == (1,)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE editorial_auditevent SET comment = 'rewritten'",
        "DELETE FROM editorial_auditevent",
        "TRUNCATE editorial_auditevent",
    ],
)
def test_the_application_role_cannot_update_delete_or_truncate_audit_events(as_app, statement):
    as_app.execute(INSERT)

    reason = _refused(as_app, statement)

    assert "permission denied for table editorial_auditevent" in reason
    assert as_app.execute("SELECT comment FROM editorial_auditevent").fetchall() == [("appended",)]


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        ("ALTER TABLE editorial_auditevent DISABLE TRIGGER ALL", "must be owner"),
        (
            "ALTER TABLE editorial_auditevent DISABLE TRIGGER editorial_auditevent_append_only",
            "must be owner",
        ),
        ("ALTER TABLE articles_revision DISABLE TRIGGER articles_revision_guard", "must be owner"),
        ("SET session_replication_role = replica", "permission denied to set parameter"),
        ("DROP TRIGGER editorial_auditevent_append_only ON editorial_auditevent", "must be owner"),
    ],
)
def test_the_application_role_cannot_switch_the_triggers_off(as_app, statement, reason):
    assert reason in _refused(as_app, statement)


def test_the_application_role_updates_the_workflow_s_tables(as_app):
    # Revisions are guarded by the state-machine trigger, not by a privilege.
    as_app.execute("UPDATE articles_revision SET state = state")
    as_app.execute("UPDATE articles_article SET updated_at = updated_at")
