"""On PostgreSQL, the database itself refuses UPDATE and DELETE of audit rows.

TRUNCATE is left to database privileges: the test runner empties tables with it.
Elsewhere (SQLite) the model and the admin refuse; this migration does nothing.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION editorial_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'the audit history is append-only: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS editorial_auditevent_append_only ON editorial_auditevent;
CREATE TRIGGER editorial_auditevent_append_only
    BEFORE UPDATE OR DELETE ON editorial_auditevent
    FOR EACH ROW EXECUTE FUNCTION editorial_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS editorial_auditevent_append_only ON editorial_auditevent;
DROP FUNCTION IF EXISTS editorial_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_role_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
