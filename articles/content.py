"""What a revision's content is: its canonical form and hash, its citations, its HTML."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import nh3

from .markdown import collector_paused, commonmark_with_tables
from .models import AUDIENCES, CONTENT_FIELDS, Drafting, Reference, Revision

# [1] or [1, 3] or [2-4]; not a Markdown link label such as [text](url) or [1][ref].
CITATION_RE = re.compile(r"\[(\d+(?:\s*[-\u2013,]\s*\d+)*)\](?![(\[:])")

REFERENCE_FIELDS = ("position", "kind", "title", "source", "year", "doi", "pmid", "url")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class", "id"}, "sup": {"class"}, "th": {"align"},
                      "td": {"align"}}  # fmt: skip


# The widest range a citation may span ([1-50]); past it, or backwards, only its first number
# counts as cited.
MAX_CITATION_RANGE = 50


def _citation_parts(marker: str) -> list[tuple[str, list[int]]]:
    """Each part of a citation's list ("1", "3-5"), as written and the numbers it names."""
    parts = []
    for part in re.split(r"\s*,\s*", marker):
        bounds = [int(b) for b in re.split(r"\s*[-\u2013]\s*", part)]
        low, high = bounds[0], bounds[-1]
        label = "\u2013".join(str(b) for b in bounds)
        if high < low or high - low > MAX_CITATION_RANGE:
            parts.append((label, [low]))
        else:
            parts.append((label, list(range(low, high + 1))))
    return parts


def cited_numbers(body: str) -> list[int]:
    """Every reference number the body cites, in order of first appearance."""
    seen: dict[int, None] = {}
    for match in CITATION_RE.finditer(body):
        for _label, numbers in _citation_parts(match.group(1)):
            seen.update(dict.fromkeys(numbers))
    return list(seen)


@dataclass(frozen=True)
class VersionsCitationReport:
    """The citation check over every version of the body: the citations naming no reference,
    by version ("general" for the body, or an audience), and the references no version cites."""

    unresolved: dict[str, list[int]]
    uncited: list[int]


def version_texts(revision: Revision) -> dict[str, str]:
    """The body ("general") and each audience's own version of it, where written."""
    return {"general": revision.body or "", **revision.audience_bodies}


def check_versions(texts: Mapping[str, str], positions: Iterable[int]) -> VersionsCitationReport:
    """Which citations of each version name no reference, and which references no version
    cites (a reference cited in one version only is cited)."""
    positions = set(positions)
    unresolved, cited = {}, set()
    for version, text in texts.items():
        numbers = cited_numbers(text)
        cited.update(numbers)
        missing = [n for n in numbers if n not in positions]
        if missing:
            unresolved[version] = missing
    return VersionsCitationReport(unresolved=unresolved, uncited=sorted(positions - cited))


# How a revision drafted by people, with nothing else said, is described: such a revision's
# canonical form has no "provenance" member, so it is byte for byte what it was before
# provenance was recorded and every hash approved before then still holds.
DEFAULT_PROVENANCE = {"kind": Drafting.HUMAN.value, "pipeline": "", "model": "", "version": ""}


def canonical_content(revision: Revision, references: Iterable[Reference]) -> dict:
    """All the content the public can see, in one stable structure: the content fields, the
    references in order, the versions written for each audience when there is any and,
    unless it is the default (written by people), how it was drafted.

    A revision without audience versions has no "audience_bodies" member, so it is byte for
    byte what it was before the versions existed, and every hash approved before still holds.
    """
    canonical = {
        "fields": {f: getattr(revision, f) for f in CONTENT_FIELDS},
        "references": [
            {f: getattr(ref, f) for f in REFERENCE_FIELDS}
            for ref in sorted(references, key=lambda r: r.position)
        ],
    }
    if versions := revision.audience_bodies:
        canonical["audience_bodies"] = {a: versions.get(a, "") for a in AUDIENCES}
    provenance = revision.provenance
    if provenance != DEFAULT_PROVENANCE:
        canonical["provenance"] = provenance
    return canonical


def canonical_bytes(canonical: dict) -> bytes:
    """The canonical serialisation: JSON with sorted keys, no spaces, UTF-8 (not escaped)."""
    payload = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return payload.encode("utf-8")


def content_hash(revision: Revision, references: Iterable[Reference]) -> str:
    """SHA-256 of the canonical serialisation: what the board approves is what is shown."""
    return hashlib.sha256(canonical_bytes(canonical_content(revision, references))).hexdigest()


def _citation_link(number: int, label: str, positions: set[int]) -> str:
    if number in positions:
        return f'<a href="#ref-{number}" class="citation">{label}</a>'
    return label


def _link_citations(html: str, positions: set[int]) -> str:
    def replace(match: re.Match) -> str:
        # A range is written out, each number linked to its reference: [1-3] reads [1, 2, 3].
        links = []
        for label, numbers in _citation_parts(match.group(1)):
            if len(numbers) == 1:
                links.append(_citation_link(numbers[0], label, positions))
            else:
                links.extend(_citation_link(n, str(n), positions) for n in numbers)
        return '<sup class="citation">[' + ", ".join(links) + "]</sup>"

    # Only link citations in text, never inside code blocks or tag attributes.
    parts = re.split(r"(<pre>.*?</pre>|<code>.*?</code>|<[^>]+>)", html, flags=re.DOTALL)
    return "".join(
        part if part.startswith("<") else CITATION_RE.sub(replace, part) for part in parts
    )


# CommonMark with tables. Raw HTML in the Markdown goes on to nh3, which keeps only the
# allow-listed tags and attributes (as an author would expect of <sup> or a table) and drops
# the rest. The parser takes time linear in the input, with a small constant even for runs of
# `[` or `[a](` (bench/render.py measures it), so no body within the size limit can hold a
# worker, or the workflow, for long.
_MARKDOWN = commonmark_with_tables()


def render_body(body: str, positions: Iterable[int]) -> str:
    """Author Markdown to sanitised HTML with numbered citations linked to the references."""
    return link_citations(sanitised_html(body), positions)


def sanitised_html(body: str) -> str:
    """Author Markdown to HTML through nh3's allow-list: author HTML is never trusted, and only
    http(s) and mailto links survive. The costly half of rendering, done outside any lock."""
    with collector_paused:
        html = _MARKDOWN.render(body)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def link_citations(html: str, positions: Iterable[int]) -> str:
    """Sanitised HTML with each [n] in its text linked to reference n."""
    return _link_citations(html, set(positions))


def render_audience_bodies(revision: Revision, positions: Iterable[int]) -> dict[str, str]:
    """The HTML of each audience's own version, by audience (only those written)."""
    positions = set(positions)
    return {a: render_body(text, positions) for a, text in revision.audience_bodies.items()}
