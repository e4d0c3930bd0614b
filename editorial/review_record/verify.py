"""Checking a published article from the outside, as anyone can: fetch its public JSON and
its review record, recompute the content hash from the JSON, and compare it with the record,
the approvals and the published event. Only HTTP and the standard library."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

API_PREFIX = "/api/v1/public/articles/"
PAGE = re.compile(r"^/articles/(?P<slug>[^/]+)/?$")
API = re.compile(r"^/api/v1/public/articles/(?P<slug>[^/]+)(?:/review-record)?/?$")
DEFAULT_PROVENANCE = {"kind": "human", "pipeline": "", "model": "", "version": ""}
REFERENCE_FIELDS = ("position", "kind", "title", "source", "year", "doi", "pmid")
AUDIENCES = ("patient", "caregiver", "clinician")


class NotAnArticle(ValueError):
    pass


def article_api_url(url: str) -> str:
    """The public JSON's address for an article's page, its JSON or its review record."""
    parts = urlsplit(url)
    match = PAGE.match(parts.path) or API.match(parts.path)
    if parts.scheme not in ("http", "https") or match is None:
        raise NotAnArticle(
            f"{url} is not the address of a published article's page (/articles/<slug>/) "
            "or its public JSON."
        )
    return urlunsplit((parts.scheme, parts.netloc, f"{API_PREFIX}{match['slug']}/", "", ""))


def recompute(content: dict[str, Any]) -> str:
    """SHA-256 of the canonical serialisation of the public JSON's `content`."""
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fetch_json(url: str, timeout: float) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return json.loads(response.read().decode("utf-8"))


@dataclass
class Verdict:
    content_hash: str
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _shown_matches_content(article: dict[str, Any], content: dict[str, Any]) -> list[str]:
    """What the JSON shows (title, summaries, each audience's version of the article,
    references, drafting) is what the hashed content holds."""
    problems = []
    fields = content.get("fields", {})
    shown = {"title": article.get("title"), "summary": article.get("summary")}
    shown |= {f"summary_{a}": v for a, v in (article.get("summaries") or {}).items()}
    for name, value in shown.items():
        if fields.get(name) != value:
            problems.append(f"The {name.replace('_', ' ')} shown is not the approved one.")
    refs = [
        {**{f: r.get(f) for f in REFERENCE_FIELDS}, "url": r.get("url") or ""}
        for r in article.get("references", [])
    ]
    if refs != content.get("references"):
        problems.append("The references shown are not the approved ones.")
    approved = content.get("audience_bodies") or {}
    versions = article.get("versions") or {}
    for audience in AUDIENCES:
        shown = (versions.get(audience) or {}).get("body", "")
        if shown != approved.get(audience, ""):
            problems.append(f"The version for {audience}s shown is not the approved one.")
    drafting = {k: (article.get("drafting") or {}).get(k) for k in DEFAULT_PROVENANCE}
    if drafting != content.get("provenance", DEFAULT_PROVENANCE):
        problems.append("How the article says it was drafted is not what was approved.")
    return problems


def verify(article: dict[str, Any], record: dict[str, Any]) -> Verdict:
    """Every check of the public JSON against itself and against its review record."""
    content = article.get("content")
    if not isinstance(content, dict):
        return Verdict("", ["The public JSON carries no content to hash."])
    verdict = Verdict(recompute(content))
    digest = verdict.content_hash
    checks = [
        (article.get("content_hash") == digest, "the public JSON's content_hash"),
        (record.get("content_hash") == digest, "the review record's content_hash"),
        (record.get("revision") == article.get("revision"), "the revision number"),
    ]
    approvals = record.get("approvals") or []
    checks.append((bool(approvals), "at least one board approval"))
    checks += [
        (a.get("content_hash") == digest, f"the hash {a.get('member')} approved") for a in approvals
    ]
    published = [
        e
        for e in record.get("audit", {}).get("events", [])
        if e.get("action") == "published" and e.get("revision") == article.get("revision")
    ]
    checks.append(
        (any(e.get("content_hash") == digest for e in published), "the published event's hash")
    )
    for passed, what in checks:
        if passed:
            verdict.checked.append(what)
        else:
            verdict.problems.append(f"Mismatch: {what} does not match the recomputed hash.")
    verdict.problems += _shown_matches_content(article, content)
    return verdict
