"""HTTP plumbing shared by the public views: conditional requests and fixed answers."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_http_date_safe
from django.views.decorators.csrf import csrf_exempt

from ..selectors import LastModified

JSON = "application/json"
HTML = "text/html; charset=utf-8"
MAX_AGE = 60
CACHE_CONTROL = f"public, max-age={MAX_AGE}"
# Pages carry no script; the JSON-LD block is data, which CSP does not execute.
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def _quality(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        return 0.0
    return value if 0.0 <= value <= 1.0 else 0.0


@functools.lru_cache(maxsize=256)
def _gzip_accepted(header: str) -> bool:
    """RFC 9110 12.5.3: gzip (or x-gzip), or `*` when gzip is not named, with a q-value above
    zero and not below the one the client gives identity by name (or by `*`); identity is
    the answer to everything else."""
    named: dict[str, float] = {}
    for part in header.split(","):
        coding, _, params = part.partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                quality = _quality(value.strip())
        named[coding] = quality
    anything = named.get("*")
    gzip = named.get("gzip", named.get("x-gzip", anything))
    identity = named.get("identity", anything or 0.0)
    return gzip is not None and gzip > 0 and gzip >= identity


def accepted_encoding(request: HttpRequest) -> str:
    """ "gzip" when the client accepts it at least as readily as the bytes as they are, else ""."""
    header = request.META.get("HTTP_ACCEPT_ENCODING")
    return "gzip" if header and _gzip_accepted(header) else ""


def encoded_etag(etag: str, encoding: str) -> str:
    """Each encoding of a representation has its own (strong) ETag."""
    return f'{etag[:-1]}-{encoding}"' if encoding else etag


def error_body(code: str, message: str) -> dict:
    """The API's one error shape, which the public API shares with the authenticated one."""
    return {"error": {"code": code, "message": message, "fields": {}}}


NOT_FOUND_JSON = json.dumps(error_body("not_found", "No published article has this address."))


def query_param(request: HttpRequest, name: str) -> str | None:
    """A query parameter, without building request.GET when there is no query string."""
    return request.GET.get(name) if request.META.get("QUERY_STRING") else None


def is_conditional(request: HttpRequest) -> bool:
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def not_modified(request: HttpRequest, etag: str, last_modified: LastModified) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since when both are sent."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return etag_matches(request, etag)
    since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if since:
        parsed = parse_http_date_safe(since)
        return parsed is not None and last_modified.timestamp <= parsed
    return False


def with_validators(response: HttpResponse, etag: str, last_modified: LastModified) -> HttpResponse:
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = last_modified.http
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def stored_response(
    body: str | bytes,
    content_type: str,
    etag: str,
    last_modified: LastModified,
    *,
    status: int = 200,
    encoding: str = "",
    vary: str = "Accept-Encoding",
) -> HttpResponse:
    """A stored rendering with its validators, its caching policy, and the request headers
    it varies on; all headers given at once, the body handed over as bytes."""
    headers = {
        "Content-Type": content_type,
        "ETag": etag,
        "Last-Modified": last_modified.http,
        "Cache-Control": CACHE_CONTROL,
        "Vary": vary,
    }
    if encoding:
        headers["Content-Encoding"] = encoding
    data = body.encode() if isinstance(body, str) else body
    return HttpResponse(data, status=status, headers=headers)


def not_modified_response(
    etag: str, last_modified: LastModified, headers: dict[str, str] | None = None
) -> HttpResponseNotModified:
    """A bodiless 304 with the validators, the caching policy and any other `headers`, all
    given at once."""
    given = {"ETag": etag, "Last-Modified": last_modified.http, "Cache-Control": CACHE_CONTROL}
    if headers:
        given.update(headers)
    return HttpResponseNotModified(headers=given)


def etag_matches(request: HttpRequest, etag: str) -> bool:
    """If-None-Match against a current representation: `*` or any listed tag, weak or not."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is None:
        return False
    if if_none_match.strip() == "*":
        return True
    return etag in (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only; anything else is 405 in the API's error shape. No CSRF check:
    nothing here reads a cookie or changes anything, so a POST gets the 405 it deserves
    rather than the CSRF failure page."""

    @functools.wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = json_error(
                "The public API only reads: use GET.", status=405, code="method_not_allowed"
            )
            response.headers["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return csrf_exempt(guarded)


def json_response(body: str | bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, content_type=JSON, status=status)


def json_error(message: str, status: int = 400, code: str = "invalid") -> HttpResponse:
    return json_response(json.dumps(error_body(code, message)), status=status)


def revalidated(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the feed and the sitemaps, which are built at each request: an ETag from the bytes
    built, and a bodiless 304 when the client holds them already (If-None-Match, `*`
    included). What it saves is the transfer, not the building."""

    @functools.wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if hasattr(response, "render") and callable(response.render):
            response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        if etag_matches(request, etag):
            built, response = response, HttpResponseNotModified()
            # The stored copy takes the 304's headers: keep the page's own policy.
            if "Content-Security-Policy" in built.headers:
                response.headers["Content-Security-Policy"] = built["Content-Security-Policy"]
        response.headers["ETag"] = etag
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response

    return answer
