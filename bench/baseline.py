"""Bare Django views serving the bytes the real endpoints served, from memory.

Bench-only: mounted by bench/urls.py, never by config/urls.py. The bytes are written
by bench.public before the load starts and read once per process.
"""

from functools import cache
from pathlib import Path

from django.http import HttpResponse

RESULTS = Path(__file__).resolve().parent / "results"


@cache
def stored(name: str) -> bytes:
    return (RESULTS / f"baseline-{name}.bin").read_bytes()


def detail(request):
    return HttpResponse(stored("detail"), content_type="application/json")


def listing(request):
    return HttpResponse(stored("list"), content_type="application/json")


def page(request):
    return HttpResponse(stored("page"), content_type="text/html; charset=utf-8")


def revalidate(request):
    etag = stored("etag").decode()
    if request.META.get("HTTP_IF_NONE_MATCH") == etag:
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    return HttpResponse(stored("detail"), content_type="application/json")


def read(request):
    """The bare detail, after the one indexed read of the row every public request makes (its
    state, validators and seals, as the detail reads them once it has checked the JSON): what
    no implementation that reads the row at each request can do better than."""
    from articles import selectors

    selectors._public_read(selectors._snapshot_read("sealed"), (stored("slug").decode(),))
    return HttpResponse(stored("detail"), content_type="application/json")
