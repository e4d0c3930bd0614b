"""The site's icon: /favicon.svg and /favicon.ico, linked from every page (public, workspace
and admin) with the icon's version in the address, so a browser keeps them for a year and
asks again only when the icon changes. Served by the application, not from static files:
stored pages link it, and must keep working whatever the static files are called."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_safe

from .http import etag_matches

FOLDER = Path(__file__).resolve().parent.parent / "static" / "articles"
ICONS = {"favicon.svg": "image/svg+xml", "favicon.ico": "image/vnd.microsoft.icon"}
LINKED = "public, max-age=31536000, immutable"
# Asked for without the version (a browser looking for /favicon.ico by itself).
UNVERSIONED = "public, max-age=604800"


@functools.cache
def _icon(name: str) -> bytes:
    return (FOLDER / name).read_bytes()


@functools.cache
def version() -> str:
    """Changes whenever either icon does."""
    return hashlib.sha256(b"".join(_icon(name) for name in ICONS)).hexdigest()[:12]


def linked_url(name: str) -> str:
    return f"/{name}?v={version()}"


@require_safe
def icon(request: HttpRequest, name: str) -> HttpResponse:
    etag = f'"{version()}"'
    if etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(_icon(name), content_type=ICONS[name])
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = LINKED if request.GET.get("v") == version() else UNVERSIONED
    return response
