"""The stored renderings' table in the model's column order: small columns first, large last.

SQLite keeps a row's columns in the table's order, and reading a column that sits after a
large text means walking that text's overflow pages. The columns added since the table was
made (the seals, the renderer's version, the encodings) were appended after the page and the
JSON, so every public read of a seal walked some 60 kB of overflow pages, twenty times over
for a page of the listing. On SQLite the table is rebuilt in the model's order (Django's own
table rebuild, the one any altered column goes through); the migration state records the same
order, so later rebuilds keep it. PostgreSQL keeps large values out of line (TOAST), so its
table is left as it is.
"""

from django.db import migrations

ORDER = (
    "id",
    "article",
    "revision",
    "slug",
    "state",
    "etag",
    "renderer_version",
    "encodings",
    "seals",
    "last_modified",
    "published_at",
    "built_at",
    "specialty_slug",
    "title",
    "summary",
    "list_entry_json",
    "list_entry_html",
    "detail_json",
    "audience_html",
    "page_html",
    "detail_json_gz",
    "page_html_gz",
)


class OrderColumns(migrations.operations.base.Operation):
    """Put a model's fields in the given order, and on SQLite rebuild its table so."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name: str, order: tuple[str, ...]) -> None:
        self.model_name = model_name
        self.order = order

    def deconstruct(self):
        return self.__class__.__name__, [self.model_name, self.order], {}

    def state_forwards(self, app_label, state) -> None:
        model_state = state.models[app_label, self.model_name.lower()]
        if set(model_state.fields) != set(self.order):
            raise ValueError(f"{self.model_name}'s fields are not {self.order}")
        model_state.fields = {name: model_state.fields[name] for name in self.order}
        state.reload_model(app_label, self.model_name.lower(), delay=True)

    def _rebuild(self, app_label, schema_editor, state) -> None:
        if schema_editor.connection.vendor == "sqlite":
            schema_editor._remake_table(state.apps.get_model(app_label, self.model_name))

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        self._rebuild(app_label, schema_editor, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        # The earlier order was an accident of history, not something to restore.
        pass

    def describe(self) -> str:
        return f"Order the columns of {self.model_name}"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_snapshot_column_storage"),
    ]

    operations = [OrderColumns("PublicSnapshot", ORDER)]
