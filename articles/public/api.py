"""GET /api/v1/public/articles/ and /api/v1/public/articles/{slug}/: stored JSON, anonymous."""

from __future__ import annotations

import hashlib
import json

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from .. import overdue, selectors
from ..models import SnapshotState
from ..publication import AUDIENCES
from ..renderings import absolute
from .http import (
    CACHE_CONTROL,
    JSON,
    NOT_FOUND_JSON,
    accepted_encoding,
    encoded_etag,
    etag_matches,
    is_conditional,
    json_error,
    json_response,
    not_modified,
    not_modified_response,
    query_param,
    read_only,
    stored_response,
)

PAGE_SIZE = 20
VARY_ENCODING = {"Vary": "Accept-Encoding"}
MAX_QUERY = 100
BAD_AUDIENCE = "audience must be one of: " + ", ".join(AUDIENCES) + "."


def chosen_audience(value: str | None) -> str | None:
    """The audience asked for, None for none; ValueError for one we do not know."""
    if value is None or value in ("", "general"):
        return None
    if value not in AUDIENCES:
        raise ValueError(value)
    return value


def with_audience(body: str, audience: str) -> str:
    """The stored document for the audience asked for: its summary, and its own version of
    the body in body_html where there is one (the text for everyone otherwise)."""
    data = json.loads(body)
    data["audience"] = audience
    data["summary"] = data["summaries"].get(audience) or data["summary"]
    version = (data.get("versions") or {}).get(audience)
    if version is not None:
        data["body_html"] = version["body_html"]
        data["body_version"] = audience
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@read_only
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        audience = chosen_audience(query_param(request, "audience"))
    except ValueError:
        return json_error(BAD_AUDIENCE)
    # The stored gzip copy is the JSON as stored: with no audience chosen and not overdue.
    encoding = "" if audience else accepted_encoding(request)
    if is_conditional(request):
        meta = selectors.public_snapshot(slug, "meta")
        if meta is not None and meta.state == SnapshotState.PUBLISHED:
            etag = overdue.served_etag(meta.etag)
            etag = f'{etag[:-1]}-{audience}"' if audience else etag
            if etag == meta.etag:
                etag = encoded_etag(etag, encoding)
            if not_modified(request, etag, meta.last_modified):
                return not_modified_response(etag, meta.last_modified, VARY_ENCODING)
    if encoding:
        response = _compressed_detail(request, slug, encoding)
        if response is not None:
            return response
    row = selectors.public_snapshot(slug, "json")
    if row is None:
        return json_response(NOT_FOUND_JSON, status=404)
    state, etag, last_modified, body = row.state, row.etag, row.last_modified, row.body
    if state == SnapshotState.RETRACTED:
        return stored_response(body, JSON, etag, last_modified, status=410)
    etag = overdue.served_etag(etag)
    body = overdue.json_now(body)
    if audience:
        etag = f'{etag[:-1]}-{audience}"'
        body = with_audience(body, audience)
    return stored_response(body, JSON, etag, last_modified)


def _compressed_detail(request: HttpRequest, slug: str, encoding: str) -> HttpResponse | None:
    """The stored gzip copy, or None to serve the JSON as it is (none stored, or overdue)."""
    row = selectors.public_snapshot_compressed(slug, "json")
    if row is None or overdue.served_etag(row.etag) != row.etag:
        return None
    status = 410 if row.state == SnapshotState.RETRACTED else 200
    etag = encoded_etag(row.etag, encoding)
    return stored_response(
        row.body, JSON, etag, row.last_modified, status=status, encoding=encoding
    )


def page_number(request: HttpRequest) -> int:
    raw = query_param(request, "page") or "1"
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValueError(raw)
    return int(raw)


def listing_filters(request: HttpRequest) -> dict[str, str]:
    """The specialty and search text asked for (NUL characters never get this far: the
    middleware refuses them for every address)."""
    if not request.META.get("QUERY_STRING"):
        return {"specialty": "", "query": ""}
    return {
        "specialty": request.GET.get("specialty", "").strip()[:100],
        "query": request.GET.get("q", "").strip()[:MAX_QUERY],
    }


def page_url(request: HttpRequest, number: int) -> str:
    if not request.META.get("QUERY_STRING"):
        return absolute(f"{request.path}?page={number}")
    params = request.GET.copy()
    params["page"] = str(number)
    return absolute(f"{request.path}?{params.urlencode()}")


# The list bodies last built, by their count and links: the entries they were built from,
# the bytes and their ETag. The selector hands back the very same entries only while the
# rows they come from are unchanged, so a body is reused only for identical entries.
_built_lists: dict[tuple[int, str | None, str | None], tuple[tuple[str, ...], bytes, str]] = {}
BUILT_LISTS_LIMIT = 64


def _list_body(
    count: int, nxt: str | None, prev: str | None, entries: tuple[str, ...]
) -> tuple[bytes, str]:
    """The list's bytes and ETag, built again only for entries not seen with these links."""
    built = _built_lists.get((count, nxt, prev))
    if built is not None and built[0] is entries:
        return built[1], built[2]
    body = (
        f'{{"count":{count},"next":{json.dumps(nxt)},"previous":{json.dumps(prev)},'
        f'"results":[{",".join(entries)}]}}'
    ).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if len(_built_lists) >= BUILT_LISTS_LIMIT:
        _built_lists.clear()
    _built_lists[count, nxt, prev] = (entries, body, etag)
    return body, etag


@read_only
def article_list(request: HttpRequest) -> HttpResponse:
    try:
        number = page_number(request)
    except ValueError:
        return json_error("page must be a whole number from 1.")
    filters = listing_filters(request)
    start = (number - 1) * PAGE_SIZE
    count, entries = selectors.public_listing_page(
        column="list_entry_json", offset=start, limit=PAGE_SIZE, **filters
    )
    if start and start >= count:
        return json_error("That page does not exist.", status=404, code="not_found")
    nxt = page_url(request, number + 1) if start + PAGE_SIZE < count else None
    prev = page_url(request, number - 1) if number > 1 else None
    body, etag = _list_body(count, nxt, prev, entries)
    if etag_matches(request, etag):
        response = HttpResponseNotModified()
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    return HttpResponse(
        body, headers={"Content-Type": JSON, "ETag": etag, "Cache-Control": CACHE_CONTROL}
    )
