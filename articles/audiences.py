"""What each audience is given on an article's page and in its JSON: the choice of audience,
the summary and the version of the article written for it, or the text for everyone, said
plainly. The stored page holds the general fragments; serving an audience swaps in its own
(articles.public.pages), so every fragment is rendered here, once, at publication."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.template.loader import render_to_string

from .models import AUDIENCES, Revision

AUDIENCE_LABELS = {
    "general": "Anyone curious about the topic",
    "patient": "I have this condition",
    "caregiver": "I care for someone with it",
    "clinician": "I am a health professional",
}
# Who each version is for, as the page says it ("Written for patients"). Kept here, not taken
# from the models, so that the renderer's version (articles.versions) covers the words.
READERS = {
    "general": "everyone",
    "patient": "patients",
    "caregiver": "caregivers",
    "clinician": "clinicians",
}
SUMMARY_HEADINGS = {
    "general": "Summary",
    "patient": "Summary for patients",
    "caregiver": "Summary for caregivers",
    "clinician": "Summary for clinicians",
}
AUDIENCE_PLACEHOLDER = "<!--imprimatur:audience-->"


def versions_data(revision: Revision, audience_html: Mapping[str, str]) -> dict[str, Any]:
    """Each audience's own version of the body, its Markdown (hashed) and its HTML, or None
    where the audience has none and reads the body."""
    written = revision.audience_bodies
    return {
        a: {"body": written[a], "body_html": audience_html[a]} if a in written else None
        for a in AUDIENCES
    }


def audience_fragments(data: dict[str, Any]) -> dict[str, str]:
    """The audience part of the page for each audience: the choice, which version of the
    article the reader has, and their summary."""
    written = data.get("audience_versions", [])
    fragments = {}
    for audience in ("general", *AUDIENCES):
        summary = data["summaries"].get(audience) or data["summary"]
        fragments[audience] = render_to_string(
            "articles/_audience.html",
            {
                "chosen": audience,
                "choices": AUDIENCE_LABELS.items(),
                "heading": SUMMARY_HEADINGS[audience]
                if data["summaries"].get(audience) or audience == "general"
                else "Summary",
                "summary": summary,
                "readers": READERS[audience],
                "own_version": audience in written,
                "also_for": _in_words([READERS[a] for a in written]),
            },
        )
    return fragments


def _in_words(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return " and ".join(filter(None, [", ".join(items[:-1]), *items[-1:]]))


def body_fragment(body_html: str, version: str) -> str:
    """The body of the page as one version of it gives it ("general": the text for everyone)."""
    return f'<div class="body" id="article-body" data-version="{version}">\n{body_html}\n</div>'


def body_fragments(data: dict[str, Any]) -> dict[str, str]:
    """The body of the page for everyone and for each audience with its own version (none
    when no audience has one): what the page serves swaps one for the other."""
    versions = {a: v for a, v in data.get("versions", {}).items() if v is not None}
    if not versions:
        return {}
    return {
        "general": body_fragment(data["body_html"], "general"),
        **{a: body_fragment(v["body_html"], a) for a, v in versions.items()},
    }
