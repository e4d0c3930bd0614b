"""A full version of the body for each audience (patients, caregivers, clinicians), and its
sanitised HTML rendered at submission.

Frozen from submission like the body: a trigger refuses any change to these columns once a
revision has left draft, on PostgreSQL and SQLite alike (the versions are in the content hash
whenever one is written; their HTML is derived from them, as body_html is from the body).
Adding the columns makes SQLite rebuild the revision table, which drops its triggers: 0005's,
0007's, 0009's and 0010's are dropped first and created again, as 0010 does.
"""

import importlib

from django.db import migrations, models

PROVENANCE = importlib.import_module("articles.migrations.0010_revision_provenance")

# The versions, then what is derived from them.
AUDIENCE_COLUMNS = ("body_patient", "body_caregiver", "body_clinician", "audience_body_html")
AUDIENCE_MESSAGE = "submitted content is frozen (its versions for each audience)"

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION articles_revision_audience_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.state <> 'draft'
            AND ({", ".join(f"NEW.{c}" for c in AUDIENCE_COLUMNS)})
                IS DISTINCT FROM ({", ".join(f"OLD.{c}" for c in AUDIENCE_COLUMNS)}) THEN
        RAISE EXCEPTION USING
            MESSAGE = 'revision ' || OLD.id || ': {AUDIENCE_MESSAGE}',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_revision_audience_frozen ON articles_revision;
CREATE TRIGGER articles_revision_audience_frozen BEFORE UPDATE ON articles_revision
    FOR EACH ROW EXECUTE FUNCTION articles_revision_audience_frozen();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS articles_revision_audience_frozen ON articles_revision;
DROP FUNCTION IF EXISTS articles_revision_audience_frozen();
"""

SQLITE_CREATE = f"""
CREATE TRIGGER IF NOT EXISTS articles_revision_audience_frozen
BEFORE UPDATE ON articles_revision FOR EACH ROW
WHEN OLD.state <> 'draft'
    AND ({" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in AUDIENCE_COLUMNS)})
BEGIN SELECT RAISE(ABORT, 'revision change refused: {AUDIENCE_MESSAGE}'); END
"""

SQLITE_TRIGGERS = ["articles_revision_audience_frozen"]


def _earlier_sqlite_triggers() -> list[str]:
    return [*PROVENANCE._earlier_sqlite_triggers(), *PROVENANCE.SQLITE_TRIGGERS]


def drop_sqlite_guards(apps, schema_editor):
    """SQLite rebuilds the revision table to add the columns; the references' triggers name
    that table and would break the rebuild, so every guard is dropped first."""
    if schema_editor.connection.vendor == "sqlite":
        for name in _earlier_sqlite_triggers():
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def restore_sqlite_guards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        PROVENANCE.forwards(apps, schema_editor)


def forwards(apps, schema_editor):
    # 0005's, 0007's, 0009's and 0010's triggers (idempotent), which SQLite dropped with the
    # old table.
    PROVENANCE.forwards(apps, schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif schema_editor.connection.vendor == "sqlite":
        for name in [*SQLITE_TRIGGERS, *_earlier_sqlite_triggers()]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_article_updated_index'),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_guards, restore_sqlite_guards),
        migrations.AddField(
            model_name='revision',
            name='audience_body_html',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text="The sanitised HTML of each audience's version, by audience (only those written), rendered at submission like body_html."),
        ),
        migrations.AddField(
            model_name='revision',
            name='body_caregiver',
            field=models.TextField(blank=True, default='', help_text='The whole article written for caregivers; blank: they read the body.', verbose_name='version for caregivers'),
        ),
        migrations.AddField(
            model_name='revision',
            name='body_clinician',
            field=models.TextField(blank=True, default='', help_text='The whole article written for clinicians; blank: they read the body.', verbose_name='version for clinicians'),
        ),
        migrations.AddField(
            model_name='revision',
            name='body_patient',
            field=models.TextField(blank=True, default='', help_text='The whole article written for patients (Markdown, citing the same references); blank: patients read the body.', verbose_name='version for patients'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
