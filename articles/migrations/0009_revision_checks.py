"""What the checks at submission found (evidence findings and reading levels), stored with
the revision, outside its content hash.

Set in the same update that submits the revision, and frozen once set: a trigger refuses any
change to a revision's checks after it left draft, unless they were empty (a revision
submitted before the checks existed may be measured later, once). Adding a column may make
SQLite rebuild the revision table, which drops its triggers: 0005's and 0007's are dropped
first and created again here, as 0007 does.
"""

import importlib

from django.db import migrations, models

GUARDS = importlib.import_module("articles.migrations.0005_state_machine_trigger")
CHANGE_GUARDS = importlib.import_module("articles.migrations.0007_change_classes_and_public_notices")

CHECKS_MESSAGE = "the checks of a submitted revision are frozen"

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION articles_revision_checks_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.state <> 'draft' AND OLD.checks IS NOT NULL
            AND NEW.checks IS DISTINCT FROM OLD.checks THEN
        RAISE EXCEPTION USING
            MESSAGE = 'revision ' || OLD.id || ': {CHECKS_MESSAGE}',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_revision_checks_frozen ON articles_revision;
CREATE TRIGGER articles_revision_checks_frozen BEFORE UPDATE ON articles_revision
    FOR EACH ROW EXECUTE FUNCTION articles_revision_checks_frozen();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS articles_revision_checks_frozen ON articles_revision;
DROP FUNCTION IF EXISTS articles_revision_checks_frozen();
"""

SQLITE_CREATE = f"""
CREATE TRIGGER IF NOT EXISTS articles_revision_checks_frozen
BEFORE UPDATE ON articles_revision FOR EACH ROW
WHEN OLD.state <> 'draft' AND OLD.checks IS NOT NULL AND NEW.checks IS NOT OLD.checks
BEGIN SELECT RAISE(ABORT, 'revision change refused: {CHECKS_MESSAGE}'); END
"""

SQLITE_TRIGGERS = ["articles_revision_checks_frozen"]


def drop_sqlite_guards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in [*GUARDS.SQLITE_TRIGGERS, *CHANGE_GUARDS.SQLITE_TRIGGERS]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_sqlite_guards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        CHANGE_GUARDS.forwards(apps, schema_editor)


def forwards(apps, schema_editor):
    # 0005's and 0007's triggers (idempotent), which SQLite may have dropped in a rebuild.
    CHANGE_GUARDS.forwards(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif schema_editor.connection.vendor == "sqlite":
        for name in [*SQLITE_TRIGGERS, *CHANGE_GUARDS.SQLITE_TRIGGERS, *GUARDS.SQLITE_TRIGGERS]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_revision_last_activity'),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_guards, restore_sqlite_guards),
        migrations.AddField(
            model_name='revision',
            name='checks',
            field=models.JSONField(blank=True, editable=False, help_text='What the checks at submission found (articles.checks): evidence findings and reading levels. Describes the content; not part of its hash.', null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
