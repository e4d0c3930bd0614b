"""HTTP plumbing shared by the public views: conditional requests and fixed answers."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.http import parse_http_date_safe

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
        if if_none_match.strip() == "*":
            return True
        return etag in (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
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


def not_modified_response(etag: str, last_modified: LastModified) -> HttpResponse:
    return with_validators(HttpResponse(status=304), etag, last_modified)


def json_response(body: str | bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, content_type=JSON, status=status)


def json_error(message: str, status: int = 400, code: str = "invalid") -> HttpResponse:
    return json_response(json.dumps(error_body(code, message)), status=status)
