"""Workspace test helpers: a signed-in client per person, and the editor's POST data."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from articles.models import AUDIENCE_BODY_FIELDS, CONTENT_FIELDS, Revision

from ..signin import signed_in


@pytest.fixture
def login():
    return signed_in


def edit_url(revision: Revision) -> str:
    return reverse("workspace:revision_edit", args=[revision.pk])


def draft_post(
    revision: Revision | None = None,
    *,
    references: list[dict[str, Any]] | None = None,
    initial: int | None = None,
    intent: str = "save",
    **fields: str,
) -> dict[str, Any]:
    """What the editor's form sends: the content fields and the references formset (each
    reference with its position), starting from the revision's saved content."""
    data: dict[str, Any] = {
        name: getattr(revision, name) if revision else ""
        for name in (*CONTENT_FIELDS, *AUDIENCE_BODY_FIELDS)
    }
    if revision is not None and revision.change_class:
        data |= {"change_class": revision.change_class, "change_note": revision.change_note}
    data.update(fields)
    if references is None:
        references = [
            {
                "kind": r.kind,
                "title": r.title,
                "source": r.source,
                "year": r.year or "",
                "doi": r.doi,
                "pmid": r.pmid,
                "url": r.url,
            }
            for r in revision.references.order_by("position")
        ]
    data["refs-TOTAL_FORMS"] = str(len(references))
    data["refs-INITIAL_FORMS"] = str(len(references) if initial is None else initial)
    data["refs-MIN_NUM_FORMS"] = "0"
    data["refs-MAX_NUM_FORMS"] = "1000"
    for i, ref in enumerate(references):
        ref = {"ORDER": i + 1, **ref}
        for key, value in ref.items():
            if key == "DELETE":
                if value:
                    data[f"refs-{i}-DELETE"] = "on"
                continue
            data[f"refs-{i}-{key}"] = "" if value is None else value
    data["intent"] = intent
    return data


def reference(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "guideline",
        "title": f"Guideline number {n}",
        "source": "NICE",
        "year": 2023,
        "doi": f"10.1000/guide.{n}",
        "pmid": "",
        "url": "",
        **extra,
    }
