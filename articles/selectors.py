"""Reads of content. The public side reads only stored renderings (PublicSnapshot)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import QuerySet
from django.dispatch import receiver
from django.utils.http import http_date

from . import seals
from .models import (
    ProfileSnapshot,
    PublicCatalogue,
    PublicCredit,
    PublicNotice,
    PublicSnapshot,
    SnapshotState,
)
from .profiles import profile_seal_value

# -- the public side's reads: stored renderings only --------------------------


class _Read(NamedTuple):
    """One of the public side's fixed reads, written for Django's cursor (`%s`) and for the
    driver's own (`?` for sqlite3)."""

    sql: str
    driver_sql: str


def _read(sql: str) -> _Read:
    qmark = connection.vendor == "sqlite"
    return _Read(sql, sql.replace("%s", "?") if qmark else sql)


def _public_read(read: _Read, params: Sequence[Any], *, many: bool = False) -> Any:
    """Run a fixed read and return its first row (or, with `many`, all its rows).

    Normally on the driver's own cursor: these reads run on every public request, and
    Django's cursor wrapper costs about as much as the query. A driver error is still
    Django's error (so a database that is down answers 503 through
    DatabaseUnavailableMiddleware); the translation is only paid for when there is an error.
    Django's own cursor whenever queries are being recorded (DEBUG, or a test counting
    them), so every query stays visible where it is counted.
    """
    db = connections[DEFAULT_DB_ALIAS]
    if db.queries_logged:
        with db.cursor() as cursor:
            cursor.execute(read.sql, params)
            return cursor.fetchall() if many else cursor.fetchone()
    if db.connection is None:
        db.ensure_connection()
    try:
        cursor = db.connection.cursor()
        try:
            cursor.execute(read.driver_sql, params)
            return cursor.fetchall() if many else cursor.fetchone()
        finally:
            cursor.close()
    except db.Database.Error:
        with db.wrap_database_errors:
            raise


SNAPSHOT_COLUMNS = {
    "meta": ("state", "etag", "last_modified"),
    "sealed": ("state", "etag", "last_modified", "seals"),
    "json": ("state", "etag", "last_modified", "seals", "detail_json"),
    "page": ("state", "etag", "last_modified", "seals", "page_html"),
    "page_audience": ("state", "etag", "last_modified", "seals", "page_html", "audience_html"),
}
# Served as they are stored, so read as the bytes they are sent as: no decoding on the way
# out of the database and no encoding on the way into the response.
BYTES_COLUMNS = ("detail_json", "page_html")
_snapshot_reads: dict[str, _Read] = {}


def _select(column: str) -> str:
    name = connection.ops.quote_name(column)
    if column not in BYTES_COLUMNS:
        return name
    if connection.vendor == "postgresql":
        return f"convert_to({name}, 'UTF8')"
    return f"CAST({name} AS BLOB)"


def _snapshot_read(kind: str) -> _Read:
    read = _snapshot_reads.get(kind)
    if read is None:
        quote = connection.ops.quote_name
        columns = ", ".join(_select(c) for c in SNAPSHOT_COLUMNS[kind])
        table = quote(PublicSnapshot._meta.db_table)
        sql = f"SELECT {columns} FROM {table} WHERE {quote('slug')} = %s"  # noqa: S608 - names from the model
        read = _snapshot_reads[kind] = _read(sql)
    return read


class LastModified(NamedTuple):
    timestamp: int
    http: str


@functools.lru_cache(maxsize=4096)
def _last_modified(value: datetime | str) -> LastModified:
    # SQLite hands raw columns back as text; PostgreSQL as aware datetimes. Parsed and
    # formatted once per stored value, since the same few are served again and again.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return LastModified(int(value.timestamp()), http_date(value.timestamp()))


class StoredRendering(NamedTuple):
    """One stored rendering as the public views serve it: `body` is the page's or the JSON's
    bytes (the gzip copy's, from public_snapshot_compressed); `body` and `audience` are
    empty when only the validators were asked for ("meta")."""

    state: str
    etag: str
    last_modified: LastModified
    body: bytes = b""
    audience: str = ""


def public_snapshot(slug: str, kind: str) -> StoredRendering | None:
    """The rendering stored for this slug, read from its row at every request.

    Only published articles and retraction notices have a row, so an unknown slug and
    one never published both answer None. What is served is always the current row, so a
    retraction takes effect the moment it commits. A served column whose seal does not
    match (edited in the database) answers None too, so it is never served.

    Once this process has served the row's page or JSON checked, the next request reads
    only the row's state, validators and seals; while those are the state and seals the
    values were checked under, the values are served and the page or JSON is not read
    again (see _checked). Otherwise a query reads the whole row and its values are checked
    against its seals.
    """
    columns = SNAPSHOT_COLUMNS[kind]
    checked = _checked.get((slug, kind))
    if checked is not None:
        sealed = _public_read(_snapshot_read("sealed"), (slug,))
        if sealed is None:
            return None
        state, etag, modified, stored_seals = sealed
        if checked[0] == state and checked[1] == seals.seals_of(stored_seals, columns[4:]):
            return StoredRendering(state, etag, _last_modified(modified), *checked[2])
    row = _public_read(_snapshot_read(kind), (slug,))
    if row is None:
        return None
    state, etag, modified, *served = row
    if served:
        stored_seals, body, *served = served
        served = [body if isinstance(body, bytes) else bytes(body), *served]
        if not all(
            seals.intact(slug, state, stored_seals, column, value)
            for column, value in zip(columns[4:], served, strict=True)
        ):
            return None
        entry = (state, seals.seals_of(stored_seals, columns[4:]), served)
        seals.remember(_checked, (slug, kind), entry, CHECKED_LIMIT)
    return StoredRendering(state, etag, _last_modified(modified), *served)


# The renderings this process has served, by slug and kind: the row's state and the seals of
# the served columns when they were read, and the values, checked against those seals. Under
# one key a seal is the seal of one value only, so a row read later with the same state and
# seals holds these values, unless a value was edited in the database under its old seal;
# then the value sealed, not the edit, is served. Any change to the row through the
# application (a retraction, a new rendering) changes its state or a seal, and the row is
# read whole again: one query either way, two only for a row that changed since. Bounded:
# the oldest go first.
CHECKED_LIMIT = 256
_checked: dict[tuple[str, str], tuple[str, tuple[object, ...], list]] = {}


def forget_checked() -> None:
    """Forget every value this process has checked, as a newly started process has none: the
    next request for each reads it whole and checks it against its seal."""
    _checked.clear()
    _checked_pages.clear()
    seals.forget_verified()


COMPRESSED_COLUMNS = {"json": "detail_json_gz", "page": "page_html_gz"}
_compressed_reads: dict[str, _Read] = {}


def public_snapshot_compressed(slug: str, kind: str) -> StoredRendering | None:
    """The gzip copy stored for this slug's JSON ("json") or page ("page"), in one query, as
    a StoredRendering whose body is bytes; None when there is none to serve (no such row, a
    row built without one, or a copy that does not match its seal): then the caller serves
    the bytes as they are, which are checked against their own seal."""
    column = COMPRESSED_COLUMNS[kind]
    read = _compressed_reads.get(kind)
    if read is None:
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in ("state", "etag", "last_modified", "seals", column))
        table = quote(PublicSnapshot._meta.db_table)
        read = _compressed_reads[kind] = _read(
            f"SELECT {names} FROM {table} WHERE {quote('slug')} = %s AND {quote('encodings')} = %s"  # noqa: S608 - names from the model
        )
    row = _public_read(read, (slug, "gzip"))
    if row is None:
        return None
    state, etag, modified, stored_seals, data = row
    data = bytes(data)
    if not seals.intact(slug, state, stored_seals, column, seals.compressed_value(etag, data)):
        return None
    return StoredRendering(state, etag, _last_modified(modified), data)


def sealed_listing(snapshots: Iterable[PublicSnapshot]) -> list[PublicSnapshot]:
    """The rows of a listing whose title and summary are as rendered (feeds, sitemaps);
    each row needs slug, state, seals, title and summary loaded."""
    return [
        row
        for row in snapshots
        if seals.intact(
            row.slug,
            row.state,
            row.seals,
            seals.LISTING,
            seals.listing_value(row.title, row.summary),
        )
    ]


def public_listing(*, specialty: str = "", query: str = "") -> QuerySet[PublicSnapshot]:
    """Published articles' stored list entries, newest first, optionally filtered."""
    snapshots = PublicSnapshot.objects.filter(state=SnapshotState.PUBLISHED)
    if specialty:
        snapshots = snapshots.filter(specialty_slug=specialty)
    if query:
        snapshots = snapshots.filter(title__icontains=query)
    return snapshots.order_by("-published_at", "-id")


LIST_COLUMNS = ("list_entry_json", "list_entry_html")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _seal_of(column: str) -> str:
    """SQL for the text of one column's seal in a row's seals, as seals.seal_text finds it:
    plain string functions, which no stored text can make fail."""
    seals_column = connection.ops.quote_name("seals")
    marker = seals.seal_marker(column)
    find = "strpos" if connection.vendor == "postgresql" else "instr"
    return f"substr({seals_column}, {find}({seals_column}, '{marker}') + {len(marker)}, 64)"


@functools.cache
def _listing_reads(column: str, by_specialty: bool, by_title: bool) -> tuple[_Read, _Read, _Read]:
    """(count, page, seals) for a listing. The page read carries, for the whole listing, the
    total from the catalogue in its first column, so one query answers it; the seals read is
    the same page with only the slug and the seal of each entry in place of the entry."""
    quote = connection.ops.quote_name
    where = [f"{quote('state')} = %s"]
    if by_specialty:
        where.append(f"{quote('specialty_slug')} = %s")
    if by_title:
        where.append(f"UPPER({quote('title')}) LIKE UPPER(%s) ESCAPE '\\'")
    source = f"FROM {quote(PublicSnapshot._meta.db_table)} WHERE {' AND '.join(where)}"
    total = "NULL"
    if not by_specialty and not by_title:
        catalogue = quote(PublicCatalogue._meta.db_table)
        total = f"(SELECT {quote('published')} FROM {catalogue} WHERE {quote('id')} = 1)"  # noqa: S608 - names from the model
    seals_column = quote("seals")
    order = f"ORDER BY {quote('published_at')} DESC, {quote('id')} DESC LIMIT %s OFFSET %s"
    return (
        _read(f"SELECT COUNT(*) {source}"),
        _read(f"SELECT {total}, {quote(column)}, {quote('slug')}, {seals_column} {source} {order}"),
        _read(f"SELECT {total}, {quote('slug')}, {_seal_of(column)} {source} {order}"),
    )


# The pages of the listing last checked, by what was asked: the total, slug and entry seal of
# each row read then, and the entries those rows gave. A page whose rows have the same slugs
# and seals in the same order holds the same entries (a seal is the seal of one value), so
# the entries themselves are not read or checked again; a page that differs in anything is
# read whole and checked afresh. Every request still reads its page's rows.
_checked_pages: dict[tuple, tuple[list, tuple[str, ...]]] = {}
CHECKED_PAGES_LIMIT = 64


@receiver(setting_changed)
def _forget_checked_under_another_key(setting: str, **kwargs: object) -> None:
    if setting in ("SECRET_KEY", "SECRET_KEY_FALLBACKS"):
        _checked.clear()
        _checked_pages.clear()


def public_listing_page(
    *, column: str, specialty: str = "", query: str = "", offset: int = 0, limit: int = 20
) -> tuple[int, tuple[str, ...]]:
    """(total, stored list entries) for one page of published articles, newest first.

    Indexed queries written out directly: this is the busiest read after the detail, and
    building it through the ORM costs more than running it. The whole listing takes one
    query, its total coming from the catalogue; a filtered one, or a page past the end,
    counts as well. An entry whose seal does not match is left out (and logged), never
    served. The entries come back as the same tuple for as long as the rows they come from
    are unchanged, so a caller may remember what it built from them by that tuple.
    """
    if column not in LIST_COLUMNS:
        raise ValueError(column)
    count_read, page_read, seals_read = _listing_reads(column, bool(specialty), bool(query))
    params: list = [SnapshotState.PUBLISHED.value]
    if specialty:
        params.append(specialty)
    if query:
        params.append(f"%{_escape_like(query)}%")
    asked = (column, specialty, query, offset, limit)
    checked = _checked_pages.get(asked)
    if checked is not None:
        keys = _public_read(seals_read, (*params, limit, offset), many=True)
        if keys == checked[0]:
            return _listing_total(keys, count_read, params), checked[1]
    rows = _public_read(page_read, (*params, limit, offset), many=True)
    state = SnapshotState.PUBLISHED.value
    entries = tuple(seals.intact_rows([row[1:] for row in rows], state, column))
    if len(_checked_pages) >= CHECKED_PAGES_LIMIT:
        _checked_pages.clear()
    if len(entries) == len(rows):
        keys = [(row[0], row[2], seals.seal_text(row[3], column)) for row in rows]
        _checked_pages[asked] = (keys, entries)
    else:
        # A page with an entry left out is not kept: a repair need not change the row's seal
        # (a rebuild seals the same bytes alike), so only reading the entry again sees it.
        _checked_pages.pop(asked, None)
    return _listing_total(rows, count_read, params), entries


def _listing_total(rows: list, count_read: _Read, params: list) -> int:
    """The total the page's rows carry (the whole listing's), or else counted."""
    total = rows[0][0] if rows else None
    if total is None:
        total = _public_read(count_read, params)[0]
    return total


# -- the public record of changes (/corrections/) -------------------------------
NOTICE_FIELDS = ("slug", "kind", "at", "title", "note", "seal")


def sealed_notices(rows: Iterable[PublicNotice]) -> list[PublicNotice]:
    """The rows exactly as rendered; one changed in the database is left out (and logged)."""
    return [
        row
        for row in rows
        if seals.intact_one(
            row.slug,
            row.kind,
            row.seal,
            seals.NOTICE,
            seals.notice_value(row.at.replace(microsecond=0).isoformat(), row.title, row.note),
        )
    ]


def public_notice_page(*, offset: int = 0, limit: int = 20) -> tuple[int, list[PublicNotice]]:
    """(total, rows) of one page of corrections, retractions and reinstatements, newest
    first; two indexed queries."""
    notices = PublicNotice.objects.only(*NOTICE_FIELDS).order_by("-at", "-id")
    total = notices.count()
    if offset >= total:
        return total, []
    return total, sealed_notices(notices[offset : offset + limit])


# -- reviewers' and board members' public profiles (/reviewers/<slug>/) ----------
def public_profile(slug: str) -> ProfileSnapshot | None:
    """The stored profile at this address, in one indexed query: None when there is none (the
    person never consented, or withdrew) or when it does not match its seal."""
    row = ProfileSnapshot.objects.filter(slug=slug).first()
    if row is None:
        return None
    if not seals.intact_one(
        row.slug, seals.PROFILE, row.seal, seals.PROFILE, profile_seal_value(row)
    ):
        return None
    return row


def public_profile_credits(slug: str) -> list[PublicCredit]:
    """The published articles that name this person with their profile, newest first, in
    one query; each credit (and the title it shows) exactly as rendered."""
    rows = (
        PublicCredit.objects.filter(person=slug, snapshot__state=SnapshotState.PUBLISHED)
        .select_related("snapshot")
        .only(
            "person",
            "role",
            "seal",
            "snapshot__slug",
            "snapshot__state",
            "snapshot__seals",
            "snapshot__title",
            "snapshot__summary",
            "snapshot__last_modified",
            "snapshot__published_at",
        )
        .order_by("-snapshot__published_at", "-snapshot_id")
    )
    credited = [
        row
        for row in rows
        if seals.intact_one(row.person, row.role, row.seal, seals.CREDIT, row.snapshot.slug)
    ]
    listed = set(map(id, sealed_listing(row.snapshot for row in credited)))
    return [row for row in credited if id(row.snapshot) in listed]


def profile_last_modified(profile: ProfileSnapshot, credits: list[PublicCredit]) -> LastModified:
    """When the profile page last changed: the profile, or an article it lists."""
    changed = [profile.last_modified, *(credit.snapshot.last_modified for credit in credits)]
    return _last_modified(max(changed))
