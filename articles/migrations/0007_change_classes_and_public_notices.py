"""Change classes for the next revision of a published article (its class and public note),
and the public record of changes (`/corrections/`).

The class and note are the author's in draft, confirmed by the editor when review starts,
and frozen from then on: a trigger refuses any change to them once a revision is past
`submitted`, on PostgreSQL and SQLite alike. Adding the two columns makes SQLite rebuild the
revision table, which drops its triggers: 0005's are created again here.
"""

import importlib

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


GUARDS = importlib.import_module("articles.migrations.0005_state_machine_trigger")

CHANGE_COLUMNS = ("change_class", "change_note")
EDITABLE_STATES = ("draft", "submitted")
CHANGE_MESSAGE = "the change class and note of a revision in review are frozen"
_editable = ", ".join(f"'{state}'" for state in EDITABLE_STATES)

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION articles_revision_change_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.state NOT IN ({_editable})
            AND ({", ".join(f"NEW.{c}" for c in CHANGE_COLUMNS)})
                IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in CHANGE_COLUMNS)}) THEN
        RAISE EXCEPTION USING
            MESSAGE = 'revision ' || OLD.id || ': {CHANGE_MESSAGE}',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_revision_change_frozen ON articles_revision;
CREATE TRIGGER articles_revision_change_frozen BEFORE UPDATE ON articles_revision
    FOR EACH ROW EXECUTE FUNCTION articles_revision_change_frozen();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS articles_revision_change_frozen ON articles_revision;
DROP FUNCTION IF EXISTS articles_revision_change_frozen();
"""

SQLITE_CREATE = f"""
CREATE TRIGGER IF NOT EXISTS articles_revision_change_frozen
BEFORE UPDATE ON articles_revision FOR EACH ROW
WHEN OLD.state NOT IN ({_editable})
    AND ({" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in CHANGE_COLUMNS)})
BEGIN SELECT RAISE(ABORT, 'revision change refused: {CHANGE_MESSAGE}'); END
"""

SQLITE_TRIGGERS = ["articles_revision_change_frozen"]


def drop_sqlite_guards(apps, schema_editor):
    """SQLite rebuilds the revision table to add the columns; the references' triggers name
    that table and would break the rebuild, so every guard is dropped first and created
    again at the end."""
    if schema_editor.connection.vendor == "sqlite":
        for name in GUARDS.SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_sqlite_guards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        GUARDS.forwards(apps, schema_editor)


def forwards(apps, schema_editor):
    # 0005's triggers (idempotent), which SQLite dropped when it rebuilt the table.
    GUARDS.forwards(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif schema_editor.connection.vendor == "sqlite":
        # 0005's too, so the rebuilds that remove the columns work; the first operation,
        # undone last, creates those again.
        for name in [*SQLITE_TRIGGERS, *GUARDS.SQLITE_TRIGGERS]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_sealed_renderings'),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_guards, restore_sqlite_guards),
        migrations.AddField(
            model_name='revision',
            name='change_class',
            field=models.CharField(blank=True, choices=[('minor', 'Minor change (meaning unchanged)'), ('update', 'Update (new evidence or guidance)'), ('correction', 'Correction (an error in the published text)'), ('reinstatement', 'Reinstatement of a retracted article')], default='', help_text="Empty for an article's first publication.", max_length=16),
        ),
        migrations.AddField(
            model_name='revision',
            name='change_note',
            field=models.CharField(blank=True, default='', help_text='Shown to the public once published: what changed, what was wrong, or why a retracted article is reinstated.', max_length=300, validators=[django.core.validators.RegexValidator('[\\x00-\\x1f\\x7f]', code='control_characters', inverse_match=True, message='Use one line of text: no line breaks, tabs or other control characters.')]),
        ),
        migrations.CreateModel(
            name='PublicNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.CharField(max_length=120)),
                ('kind', models.CharField(max_length=16)),
                ('at', models.DateTimeField()),
                ('title', models.CharField(max_length=250)),
                ('note', models.TextField()),
                ('seal', models.CharField(max_length=64)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='public_notices', to='articles.article')),
            ],
            options={
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['-at', '-id'], name='notice_public_order')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
