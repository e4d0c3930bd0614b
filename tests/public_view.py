"""What an anonymous reader actually gets, read through the public JSON API and pages.

Tests outside tests/public use these to say "the public sees X": they read what the
public views serve (the stored renderings), not the workflow tables, so a stale or
leaking rendering fails them.
"""

from __future__ import annotations

from typing import Any

from django.test import Client

API = "/api/v1/public/articles/"


def public_detail(slug: str) -> tuple[int, dict[str, Any]]:
    """(status, JSON) of the article's public detail; its page must answer the same status."""
    client = Client()
    response = client.get(f"{API}{slug}/")
    page = client.get(f"/articles/{slug}/")
    assert page.status_code == response.status_code, (slug, page.status_code)
    return response.status_code, response.json()


def public_list() -> list[tuple[str, int, str]]:
    """(slug, revision number, content hash) of every article the public list shows, newest
    first, each read from its own detail, which must be served."""
    client = Client()
    slugs, number = [], 1
    while True:
        listing = client.get(API, {"page": number}).json()
        slugs += [entry["slug"] for entry in listing["results"]]
        if listing["next"] is None:
            break
        number += 1
    assert len(slugs) == listing["count"]
    shown = []
    for slug in slugs:
        status, data = public_detail(slug)
        assert status == 200, (slug, status, data)
        shown.append((slug, data["revision"], data["content_hash"]))
    return shown


def public_slugs() -> list[str]:
    return [slug for slug, _, _ in public_list()]
