"""Storing many articles' public renderings at once (rebuild_public's batches): exactly the
rows articles.publication stores one article at a time, written in a few statements."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from django.db import connection
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.utils import timezone

from .models import PublicCredit, PublicNotice, PublicSnapshot
from .publication import (
    Rendering,
    count_published,
    credit_rows,
    notice_rows,
    published_delta,
    row_values,
)

# Every column a rebuild rewrites (all but the id): what save() writes for one row.
FIELDS = tuple(f for f in PublicSnapshot._meta.concrete_fields if not f.primary_key)


def store_renderings(
    renderings: Sequence[Rendering],
    existing: Mapping[int, PublicSnapshot | None],
    *,
    force: bool = False,
) -> None:
    """Store these renderings and their articles' rows of the public record of changes.

    `existing` holds each article's stored row as read under the caller's lock on the
    article (None when it has none); only its id, state, etag, revision, renderer version
    and last_modified are read. The caller's transaction makes the batch visible at once.
    """
    if not renderings:
        return
    PublicNotice.objects.filter(article_id__in=[r.article.pk for r in renderings]).delete()
    PublicNotice.objects.bulk_create(
        [row for r in renderings for row in notice_rows(r.article, r.history)]
    )
    built_at = timezone.now()
    created, updated, delta = [], [], 0
    written: list[tuple[PublicSnapshot, Rendering]] = []
    for rendering in renderings:
        before = existing.get(rendering.article.pk)
        values = row_values(rendering, before, force=force)
        if values is None:
            continue
        row = PublicSnapshot(built_at=built_at, **values)
        if before is None:
            created.append(row)
        else:
            row.pk = before.pk
            updated.append(row)
        written.append((row, rendering))
        delta += published_delta(before.state if before else None, values["state"])
    if updated:
        _update(updated)
        PublicCredit.objects.filter(snapshot_id__in=[row.pk for row in updated]).delete()
    if created:
        PublicSnapshot.objects.bulk_create(created)
    _store_credits(written)
    count_published(delta)


def _store_credits(written: Sequence[tuple[PublicSnapshot, Rendering]]) -> None:
    """The PublicCredit rows of the rewritten renderings (their old ones already deleted)."""
    PublicCredit.objects.bulk_create(
        [credit for row, rendering in written for credit in credit_rows(row, rendering.credits)]
    )


@functools.cache
def _update_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(field.column)} = %s" for field in FIELDS)
    table = quote(PublicSnapshot._meta.db_table)
    return f"UPDATE {table} SET {columns} WHERE {quote('id')} = %s"  # noqa: S608 - names from the model


def _update(rows: list[PublicSnapshot]) -> None:
    # One statement run for each row (pipelined by the driver where it can): bulk_update's
    # CASE per column costs more, in Python and in the database, than the rows themselves.
    params = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in FIELDS]
        + [row.pk]
        for row in rows
    ]
    with _binding_cursor() as cursor:
        cursor.executemany(_update_sql(), params)


def _binding_cursor() -> CursorWrapper:
    """A cursor that sends the values apart from the statement where the driver can (psycopg
    3, which Django otherwise has quote them into it): PostgreSQL then does not parse tens of
    kilobytes of quoted text per row, and the gzip copies travel as bytes. Logged and wrapped
    like any cursor. No statement is prepared (Django's connections keep that off)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    if not is_psycopg3:
        return connection.cursor()
    import psycopg

    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    wrapper = CursorDebugWrapper if connection.queries_logged else CursorWrapper
    return wrapper(raw, connection)
