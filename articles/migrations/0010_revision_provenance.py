"""How each revision was drafted (by people, with an AI tool's help, or by a drafting
pipeline, with the pipeline's name, model and version) and an internal note.

Frozen from submission like the content: a trigger refuses any change to these columns once
a revision has left draft, on PostgreSQL and SQLite alike (the kind, pipeline, model and
version are also in the content hash; the note is not). Adding the columns makes SQLite
rebuild the revision table, which drops its triggers: 0005's, 0007's and 0009's are created
again.
"""

import importlib

import django.core.validators
from django.db import migrations, models

CHANGES = importlib.import_module("articles.migrations.0007_change_classes_and_public_notices")
CHECKS = importlib.import_module("articles.migrations.0009_revision_checks")

PROVENANCE_COLUMNS = (
    "drafting",
    "drafting_pipeline",
    "drafting_model",
    "drafting_model_version",
    "drafting_note",
)
PROVENANCE_MESSAGE = "how a submitted revision was drafted is frozen"

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION articles_revision_provenance_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.state <> 'draft'
            AND ({", ".join(f"NEW.{c}" for c in PROVENANCE_COLUMNS)})
                IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in PROVENANCE_COLUMNS)}) THEN
        RAISE EXCEPTION USING
            MESSAGE = 'revision ' || OLD.id || ': {PROVENANCE_MESSAGE}',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_revision_provenance_frozen ON articles_revision;
CREATE TRIGGER articles_revision_provenance_frozen BEFORE UPDATE ON articles_revision
    FOR EACH ROW EXECUTE FUNCTION articles_revision_provenance_frozen();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS articles_revision_provenance_frozen ON articles_revision;
DROP FUNCTION IF EXISTS articles_revision_provenance_frozen();
"""

SQLITE_CREATE = f"""
CREATE TRIGGER IF NOT EXISTS articles_revision_provenance_frozen
BEFORE UPDATE ON articles_revision FOR EACH ROW
WHEN OLD.state <> 'draft'
    AND ({" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in PROVENANCE_COLUMNS)})
BEGIN SELECT RAISE(ABORT, 'revision change refused: {PROVENANCE_MESSAGE}'); END
"""

SQLITE_TRIGGERS = ["articles_revision_provenance_frozen"]


def _earlier_sqlite_triggers() -> list[str]:
    return [*CHANGES.GUARDS.SQLITE_TRIGGERS, *CHANGES.SQLITE_TRIGGERS, *CHECKS.SQLITE_TRIGGERS]


def drop_sqlite_guards(apps, schema_editor):
    """SQLite rebuilds the revision table to add the columns; the references' triggers name
    that table and would break the rebuild, so every guard is dropped first."""
    if schema_editor.connection.vendor == "sqlite":
        for name in _earlier_sqlite_triggers():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_sqlite_guards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        CHANGES.forwards(apps, schema_editor)
        schema_editor.execute(CHECKS.SQLITE_CREATE)


def forwards(apps, schema_editor):
    # 0005's and 0007's triggers (idempotent), which SQLite dropped with the old table.
    CHANGES.forwards(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CHECKS.SQLITE_CREATE)
        schema_editor.execute(SQLITE_CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif schema_editor.connection.vendor == "sqlite":
        for name in [*SQLITE_TRIGGERS, *_earlier_sqlite_triggers()]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_revision_checks'),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_guards, restore_sqlite_guards),
        migrations.AddField(
            model_name='revision',
            name='drafting',
            field=models.CharField(choices=[('human', 'Written by people'), ('ai_assisted', 'Written by people with the help of an AI tool'), ('ai_generated', 'Drafted by an AI system')], default='human', max_length=16, verbose_name='how it was drafted'),
        ),
        migrations.AddField(
            model_name='revision',
            name='drafting_model',
            field=models.CharField(blank=True, default='', max_length=100, validators=[django.core.validators.RegexValidator('[\\x00-\\x1f\\x7f]', code='control_characters', inverse_match=True, message='Use one line of text: no line breaks, tabs or other control characters.')], verbose_name='AI model'),
        ),
        migrations.AddField(
            model_name='revision',
            name='drafting_model_version',
            field=models.CharField(blank=True, default='', max_length=100, validators=[django.core.validators.RegexValidator('[\\x00-\\x1f\\x7f]', code='control_characters', inverse_match=True, message='Use one line of text: no line breaks, tabs or other control characters.')], verbose_name='model version'),
        ),
        migrations.AddField(
            model_name='revision',
            name='drafting_note',
            field=models.TextField(blank=True, default='', help_text='The prompt or source the draft came from; never shown to the public.', verbose_name='internal drafting note'),
        ),
        migrations.AddField(
            model_name='revision',
            name='drafting_pipeline',
            field=models.CharField(blank=True, default='', max_length=100, validators=[django.core.validators.RegexValidator('[\\x00-\\x1f\\x7f]', code='control_characters', inverse_match=True, message='Use one line of text: no line breaks, tabs or other control characters.')], verbose_name='drafting pipeline'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
