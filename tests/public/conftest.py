"""Helpers for the public side: marked content and every anonymous path."""

from __future__ import annotations

import pytest

from articles.models import Revision
from editorial import services

API = "/api/v1/public/articles/"
UNKNOWN_SLUG = "no-such-article-anywhere"


def marked_content(marker: str, references: int = 2) -> dict:
    """Content in which every field the public could see carries the marker."""
    return {
        "title": f"Title {marker}",
        "summary": f"Summary {marker}",
        "summary_patient": f"Patient summary {marker}",
        "summary_caregiver": f"Caregiver summary {marker}",
        "summary_clinician": f"Clinician summary {marker}",
        "body": f"Body {marker} paragraph [1].\n\nMore on {marker} [2].",
        "body_patient": f"Patient version {marker} [1].",
        "body_caregiver": f"Caregiver version {marker} [2].",
        "body_clinician": f"Clinician version {marker} [1, 2].",
        "references": [
            {"kind": "research", "title": f"Study {marker} {i}", "source": f"Journal {marker}",
             "year": 2024, "doi": f"10.1/{marker.lower()}.{i}"}
            for i in range(1, references + 1)
        ],
    }  # fmt: skip


def mark(revision: Revision, author, marker: str) -> Revision:
    """The revision with the marker in every field the public could see, and an internal
    drafting note the public must never see, whatever the revision's state."""
    return services.revision_edit(
        revision=revision,
        actor=author,
        drafting_note=f"LEAK-drafting-note {marker}",
        **marked_content(marker),
    )


def shown_profile(person, **details):
    """The person's public profile, with the details given, shown with their consent."""
    return services.public_profile_update(actor=person, person=person, consent=True, **details)


def everyone_shown(reviewers, board) -> list[str]:
    """Every reviewer and board member of the cast shows a public profile (board members are
    given names first: a profile is shown under a name); their slugs."""
    for n, member in enumerate(board, start=1):
        services.person_update(actor=None, person=member, first_name="Dr Board", last_name=str(n))
    people = [*(r.user for r in reviewers), *board]
    return [shown_profile(person).slug for person in people]


def public_paths(slugs: list[str], terms: list[str], people: list[str] = ()) -> list[str]:
    """Every anonymous GET that could show an article's text; `people`: the slugs of public
    profiles, whose pages list articles."""
    paths = [
        "/",
        API,
        f"{API}?specialty=cardiology",
        "/articles/",
        "/articles/feed.atom",
        "/corrections/",
        "/corrections/feed/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-pages.xml",
        "/sitemap-reviewers.xml",
        "/robots.txt",
        "/editorial-policy/",
        f"{API}{UNKNOWN_SLUG}/",
        f"{API}{UNKNOWN_SLUG}/review-record/",
        f"/articles/{UNKNOWN_SLUG}/",
        f"/articles/{UNKNOWN_SLUG}/report/",
        f"/reviewers/{UNKNOWN_SLUG}/",
        *(f"/reviewers/{person}/" for person in people),
    ]
    for term in terms:
        paths += [f"{API}?q={term}", f"/articles/?q={term}"]
    for slug in slugs:
        paths += [
            f"{API}{slug}/",
            f"{API}{slug}/review-record/",
            f"{API}{slug}/?audience=patient",
            f"{API}{slug}/?audience=clinician",
            f"{API}{slug}/?audience=caregiver",
            f"/articles/{slug}/",
            f"/articles/{slug}/?audience=caregiver",
            f"/articles/{slug}/?audience=patient",
            f"/articles/{slug}/report/",
            f"/articles/{slug}/report/sent/",
        ]
    return paths


def fetch_all(client, paths: list[str]) -> dict[str, tuple[int, str]]:
    return {path: _fetch(client, path) for path in paths}


def _fetch(client, path: str) -> tuple[int, str]:
    client.cookies.clear()  # each request is a first-time anonymous visitor
    response = client.get(path)
    assert response.status_code < 500, path
    return response.status_code, response.content.decode()


@pytest.fixture
def anonymous(client):
    return client
