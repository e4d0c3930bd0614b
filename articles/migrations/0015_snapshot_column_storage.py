"""On PostgreSQL, the stored renderings' large text columns are compressed with lz4 instead
of pglz (several times faster to write and to read back, for a few per cent more space), and
their gzip copies are stored as they are, not run through a second compression that can only
fail. Rows keep their compression until they are next written (rebuild_public rewrites them).
SQLite has no such settings: nothing to do there."""

from django.db import migrations

TABLE = "articles_publicsnapshot"
TEXT = ("detail_json", "page_html", "audience_html")
GZIP = ("detail_json_gz", "page_html_gz")


def _alter(schema_editor, clauses: list[str]) -> None:
    quote = schema_editor.quote_name
    schema_editor.execute(f"ALTER TABLE {quote(TABLE)} {', '.join(clauses)}")


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    _alter(schema_editor, [f"ALTER COLUMN {quote(c)} SET STORAGE EXTERNAL" for c in GZIP])
    lz4 = ", ".join(f"ALTER COLUMN {quote(c)} SET COMPRESSION lz4" for c in TEXT)
    # A server built without lz4 refuses it: those columns then stay with pglz.
    schema_editor.execute(
        "DO $$ BEGIN "
        f"EXECUTE 'ALTER TABLE {quote(TABLE)} {lz4}'; "
        "EXCEPTION WHEN feature_not_supported THEN "
        "RAISE NOTICE 'lz4 is not available: the stored renderings stay compressed with pglz'; "
        "END $$"
    )


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    _alter(
        schema_editor,
        [f"ALTER COLUMN {quote(c)} SET STORAGE EXTENDED" for c in GZIP]
        + [f"ALTER COLUMN {quote(c)} SET COMPRESSION DEFAULT" for c in TEXT],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_public_profiles_and_credits"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
