"""On PostgreSQL, the database itself refuses changes to submitted content.

The model refuses them too; this also catches QuerySet.update() and raw SQL, so
the content hash the board approved always describes what is stored.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION articles_revision_frozen() RETURNS trigger AS $$
BEGIN
    IF OLD.state <> 'draft' AND (
        NEW.title, NEW.summary, NEW.summary_patient, NEW.summary_caregiver,
        NEW.summary_clinician, NEW.body, NEW.content_hash, NEW.body_html
    ) IS DISTINCT FROM (
        OLD.title, OLD.summary, OLD.summary_patient, OLD.summary_caregiver,
        OLD.summary_clinician, OLD.body, OLD.content_hash, OLD.body_html
    ) THEN
        RAISE EXCEPTION USING
            MESSAGE = 'revision ' || OLD.id || ' was submitted; its content is frozen',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION articles_reference_frozen() RETURNS trigger AS $$
DECLARE
    revision_state text;
BEGIN
    SELECT state INTO revision_state FROM articles_revision
        WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.revision_id ELSE NEW.revision_id END;
    IF revision_state IS NOT NULL AND revision_state <> 'draft' THEN
        RAISE EXCEPTION USING
            MESSAGE = 'the references of a submitted revision are frozen',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.revision_id <> NEW.revision_id THEN
        SELECT state INTO revision_state FROM articles_revision WHERE id = OLD.revision_id;
        IF revision_state <> 'draft' THEN
            RAISE EXCEPTION USING
                MESSAGE = 'the references of a submitted revision are frozen',
                ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS articles_revision_frozen ON articles_revision;
CREATE TRIGGER articles_revision_frozen BEFORE UPDATE ON articles_revision
    FOR EACH ROW EXECUTE FUNCTION articles_revision_frozen();

DROP TRIGGER IF EXISTS articles_reference_frozen ON articles_reference;
CREATE TRIGGER articles_reference_frozen BEFORE INSERT OR UPDATE OR DELETE ON articles_reference
    FOR EACH ROW EXECUTE FUNCTION articles_reference_frozen();
"""

DROP = """
DROP TRIGGER IF EXISTS articles_revision_frozen ON articles_revision;
DROP TRIGGER IF EXISTS articles_reference_frozen ON articles_reference;
DROP FUNCTION IF EXISTS articles_revision_frozen();
DROP FUNCTION IF EXISTS articles_reference_frozen();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_public_snapshot")]

    operations = [migrations.RunPython(forwards, backwards)]
