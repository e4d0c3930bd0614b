"""The database refuses any state move the workflow does not make, and any change to
submitted content, on PostgreSQL and on SQLite alike.

A revision is created as a draft, and its state may change only along the revision
machine's transitions in editorial/workflow/registry.py: nothing moves back to draft,
nothing is published but an approved revision. That closes the two-step path around the frozen-content check (move the
state back to draft, change the body, move it on again). An article's live revision must be
a published revision of that article.

The transitions and the frozen columns are written out here, not imported: a migration
must mean the same thing whatever the code becomes. tests/articles/test_database_guards.py
checks that they still equal the registry's transitions and CONTENT_FIELDS; when either
changes, that test fails until a new migration brings the triggers up to date.

SQLite drops a table's triggers when a migration rebuilds the table (most ALTERs do); a
later migration that alters these tables must create them again (the same test checks
that every trigger exists after all migrations).
"""

import importlib

from django.db import migrations

# CONTENT_FIELDS, then what is derived from them, then what ties the revision to its article.
FROZEN_COLUMNS = (
    "title",
    "summary",
    "summary_patient",
    "summary_caregiver",
    "summary_clinician",
    "body",
    "content_hash",
    "body_html",
    "article_id",
    "number",
)

# (from, to) of every revision-machine action that moves the state.
TRANSITIONS = (
    ("draft", "submitted"),
    ("draft", "withdrawn"),
    ("submitted", "withdrawn"),
    ("under_review", "withdrawn"),
    ("submitted", "under_review"),
    ("under_review", "approved"),
    ("under_review", "changes_requested"),
    ("under_review", "rejected"),
    ("approved", "published"),
    ("published", "superseded"),
    ("published", "retracted"),
)

FROZEN_MESSAGE = "submitted content is frozen"
MOVE_MESSAGE = "not a workflow transition"
BORN_MESSAGE = "every revision starts as a draft"
LIVE_MESSAGE = "the live revision of an article must be one of its published revisions"


def _pairs() -> str:
    return ", ".join(f"('{a}', '{b}')" for a, b in TRANSITIONS)


def _columns(row: str) -> str:
    return ", ".join(f"{row}.{column}" for column in FROZEN_COLUMNS)


POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION articles_revision_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state IS DISTINCT FROM 'draft' THEN
            RAISE EXCEPTION USING
                MESSAGE = 'a revision cannot start as ' || coalesce(NEW.state, 'null')
                    || ': {BORN_MESSAGE}',
                ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.state IS DISTINCT FROM OLD.state
            AND (OLD.state::text, NEW.state::text) NOT IN ({_pairs()}) THEN
        RAISE EXCEPTION USING
            MESSAGE = 'revision ' || OLD.id || ' cannot move from ' || OLD.state || ' to '
                || NEW.state || ': {MOVE_MESSAGE}',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.state <> 'draft' AND ({_columns("NEW")}) IS DISTINCT FROM ({_columns("OLD")}) THEN
        RAISE EXCEPTION USING
            MESSAGE = 'revision ' || OLD.id || ': {FROZEN_MESSAGE}',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION articles_article_live_revision() RETURNS trigger AS $$
BEGIN
    IF NEW.live_revision_id IS NULL THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.live_revision_id IS NOT DISTINCT FROM OLD.live_revision_id THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM articles_revision
        WHERE id = NEW.live_revision_id AND article_id = NEW.id AND state = 'published'
    ) THEN
        RAISE EXCEPTION USING
            MESSAGE = 'article ' || NEW.id || ': {LIVE_MESSAGE}',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_revision_frozen ON articles_revision;
DROP FUNCTION IF EXISTS articles_revision_frozen();
DROP TRIGGER IF EXISTS articles_revision_guard ON articles_revision;
CREATE TRIGGER articles_revision_guard BEFORE INSERT OR UPDATE ON articles_revision
    FOR EACH ROW EXECUTE FUNCTION articles_revision_guard();

DROP TRIGGER IF EXISTS articles_article_live_revision ON articles_article;
CREATE TRIGGER articles_article_live_revision BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_live_revision();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS articles_revision_guard ON articles_revision;
DROP FUNCTION IF EXISTS articles_revision_guard();
DROP TRIGGER IF EXISTS articles_article_live_revision ON articles_article;
DROP FUNCTION IF EXISTS articles_article_live_revision();
"""


def _sqlite_changed(column: str) -> str:
    return f"NEW.{column} IS NOT OLD.{column}"


def _sqlite_frozen_reference(event: str, when: str) -> str:
    return f"""
    CREATE TRIGGER IF NOT EXISTS articles_reference_frozen_{event.lower()}
    BEFORE {event} ON articles_reference FOR EACH ROW WHEN {when}
    BEGIN SELECT RAISE(ABORT, 'the references of a submitted revision are frozen'); END
    """


def _submitted(revision_id: str) -> str:
    return f"(SELECT state FROM articles_revision WHERE id = {revision_id}) <> 'draft'"


def _sqlite_live(event: str, when: str) -> str:
    return f"""
    CREATE TRIGGER IF NOT EXISTS articles_article_live_revision_{event.lower()}
    BEFORE {event} ON articles_article FOR EACH ROW
    WHEN NEW.live_revision_id IS NOT NULL{when} AND NOT EXISTS (
        SELECT 1 FROM articles_revision
        WHERE id = NEW.live_revision_id AND article_id = NEW.id AND state = 'published'
    )
    BEGIN SELECT RAISE(ABORT, '{LIVE_MESSAGE}'); END
    """


SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS articles_revision_born_draft
    BEFORE INSERT ON articles_revision FOR EACH ROW WHEN NEW.state IS NOT 'draft'
    BEGIN SELECT RAISE(ABORT, 'revision refused: {BORN_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS articles_revision_state_machine
    BEFORE UPDATE ON articles_revision FOR EACH ROW
    WHEN NEW.state IS NOT OLD.state AND (OLD.state || '>' || NEW.state) NOT IN (
        {", ".join(f"'{a}>{b}'" for a, b in TRANSITIONS)}
    )
    BEGIN SELECT RAISE(ABORT, 'revision state change refused: {MOVE_MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS articles_revision_frozen
    BEFORE UPDATE ON articles_revision FOR EACH ROW
    WHEN OLD.state <> 'draft' AND ({" OR ".join(map(_sqlite_changed, FROZEN_COLUMNS))})
    BEGIN SELECT RAISE(ABORT, 'revision change refused: {FROZEN_MESSAGE}'); END
    """,
    _sqlite_frozen_reference("INSERT", _submitted("NEW.revision_id")),
    _sqlite_frozen_reference(
        "UPDATE", f"{_submitted('OLD.revision_id')} OR {_submitted('NEW.revision_id')}"
    ),
    _sqlite_frozen_reference("DELETE", _submitted("OLD.revision_id")),
    _sqlite_live("INSERT", ""),
    _sqlite_live("UPDATE", " AND NEW.live_revision_id IS NOT OLD.live_revision_id"),
]

SQLITE_TRIGGERS = [
    "articles_revision_born_draft",
    "articles_revision_state_machine",
    "articles_revision_frozen",
    "articles_reference_frozen_insert",
    "articles_reference_frozen_update",
    "articles_reference_frozen_delete",
    "articles_article_live_revision_insert",
    "articles_article_live_revision_update",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
        # Back to 0003's frozen-content trigger (its CREATE is idempotent).
        frozen = importlib.import_module("articles.migrations.0003_frozen_content_trigger")
        schema_editor.execute(frozen.CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_single_line_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
