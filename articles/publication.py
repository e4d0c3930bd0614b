"""The public renderings of an article, built once when something they show changes.

A published revision never changes, so everything the public is served (the detail
JSON, the list entry, the page) is rendered here and stored in PublicSnapshot. Who
reviewed the revision is passed in as plain data: this module reads no workflow code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from .models import (
    Article,
    PublicCatalogue,
    PublicSnapshot,
    Reference,
    ReferenceKind,
    Revision,
    RevisionState,
    SnapshotState,
)
from .selectors import snapshot_cache_keys

AUDIENCES = ("patient", "caregiver", "clinician")
AUDIENCE_LABELS = {
    "general": "Anyone curious about the topic",
    "patient": "I have this condition",
    "caregiver": "I care for someone with it",
    "clinician": "I am a health professional",
}
SUMMARY_HEADINGS = {
    "general": "Summary",
    "patient": "Summary for patients",
    "caregiver": "Summary for caregivers",
    "clinician": "Summary for clinicians",
}
AUDIENCE_PLACEHOLDER = "<!--imprimatur:audience-->"
ROLE_LABELS = {"board": "Medical Advisory Board", "reviewer": "Peer reviewer"}
CREDIT_GROUPS = (("board", "Approved by"), ("reviewer", "Peer reviewed by"))


class NotPublishable(ValueError):
    """Raised when asked to render a revision the public may not see."""


@dataclass(frozen=True)
class ReviewCredit:
    """One person shown as having reviewed the revision."""

    name: str
    credentials: str
    role: str  # "board" or "reviewer"


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reference_data(ref: Reference) -> dict[str, Any]:
    return {
        "position": ref.position,
        "kind": ref.kind,
        "kind_label": ReferenceKind(ref.kind).label if ref.kind in ReferenceKind.values else "",
        "title": ref.title,
        "source": ref.source,
        "year": ref.year,
        "doi": ref.doi,
        "doi_url": f"https://doi.org/{ref.doi}" if ref.doi else None,
        "pmid": ref.pmid,
        "pmid_url": f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" if ref.pmid else None,
        "url": ref.url or None,
    }


def detail_data(
    article: Article, revision: Revision, references: Sequence[Reference],
    reviewed_by: Sequence[ReviewCredit],
) -> dict[str, Any]:  # fmt: skip
    """The public detail document, as the JSON API serves it (with no audience chosen)."""
    page = reverse("public-article-page", args=[article.slug])
    return {
        "slug": article.slug,
        "url": _absolute(page),
        "api_url": _absolute(reverse("public-api-article", args=[article.slug])),
        "title": revision.title,
        "specialty": {"slug": article.specialty.slug, "name": article.specialty.name},
        "audience": None,
        "summary": revision.summary,
        "summaries": {a: getattr(revision, f"summary_{a}") for a in AUDIENCES},
        "body_html": revision.body_html,
        "references": [reference_data(r) for r in references],
        "reviewed_by": [asdict(c) for c in reviewed_by],
        "review": {
            "status": "approved",
            "status_label": "Reviewed by the Medical Advisory Board",
            "submitted_at": _iso(revision.submitted_at),
            "review_started_at": _iso(revision.review_started_at),
            "approved_at": _iso(revision.decided_at),
        },
        "revision": revision.number,
        "content_hash": revision.content_hash,
        "first_published": _iso(article.first_published_at),
        "last_updated": _iso(revision.published_at),
        "last_reviewed": _iso(article.last_reviewed_on),
        "next_review_due": _iso(article.next_review_due),
        "disclaimer": settings.EDITORIAL["DISCLAIMER"],
        "editorial_policy_url": _absolute(reverse("public-editorial-policy")),
    }


def json_ld(data: dict[str, Any]) -> str:
    """schema.org MedicalWebPage, escaped so it can sit inside a <script> element."""
    document = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": data["title"],
        "headline": data["title"],
        "description": data["summary"],
        "url": data["url"],
        "inLanguage": "en-GB",
        "specialty": {"@type": "MedicalSpecialty", "name": data["specialty"]["name"]},
        "datePublished": data["first_published"],
        "dateModified": data["last_updated"],
        "lastReviewed": data["last_reviewed"],
        "reviewedBy": [
            {
                "@type": "Person",
                "name": c["name"],
                **({"honorificSuffix": c["credentials"]} if c["credentials"] else {}),
                "jobTitle": ROLE_LABELS.get(c["role"], ""),
            }
            for c in data["reviewed_by"]
        ],
        "citation": [
            {
                "@type": "CreativeWork",
                "@id": f"{data['url']}#ref-{r['position']}",
                "name": r["title"],
                **({"publisher": r["source"]} if r["source"] else {}),
                **({"datePublished": str(r["year"])} if r["year"] else {}),
                **({"url": link} if (link := r["doi_url"] or r["url"] or r["pmid_url"]) else {}),
            }
            for r in data["references"]
        ],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _audience_fragments(data: dict[str, Any]) -> dict[str, str]:
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
            },
        )
    return fragments


def _store(article: Article, revision: Revision, **fields: Any) -> PublicSnapshot:
    digest = hashlib.sha256()
    for name in ("state", "detail_json", "list_entry_json", "list_entry_html", "page_html",
                 "audience_html"):  # fmt: skip
        digest.update(fields.get(name, "").encode("utf-8") + b"\x00")
    etag = f'"{revision.content_hash[:16]}-{digest.hexdigest()[:16]}"'
    # The row lock serialises rebuilds of one article, which keeps the catalogue count exact.
    existing = PublicSnapshot.objects.select_for_update().filter(article=article).first()
    if existing is not None and existing.etag == etag and existing.revision_id == revision.pk:
        return existing
    now = timezone.now().replace(microsecond=0)
    # Last-Modified has one-second resolution: never let a change share its second.
    if existing is not None and existing.last_modified >= now:
        now = existing.last_modified + timedelta(seconds=1)
    snapshot, _ = PublicSnapshot.objects.update_or_create(
        article=article,
        defaults={
            "revision": revision,
            "slug": article.slug,
            "etag": etag,
            "last_modified": now,
            **fields,
        },
    )
    _count_change(existing.state if existing else None, fields["state"])
    _forget(article.slug)
    return snapshot


def _forget(slug: str) -> None:
    keys = snapshot_cache_keys(slug)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _count_change(was: str | None, now: str | None) -> None:
    delta = (now == SnapshotState.PUBLISHED) - (was == SnapshotState.PUBLISHED)
    if delta:
        PublicCatalogue.objects.get_or_create(pk=1)
        PublicCatalogue.objects.filter(pk=1).update(published=F("published") + delta)


def remove_public_snapshot(article: Article) -> None:
    """Take the article off the public side entirely (it has nothing to show)."""
    existing = PublicSnapshot.objects.select_for_update().filter(article=article).first()
    if existing is not None:
        existing.delete()
        _count_change(existing.state, None)
        _forget(existing.slug)


def build_public_snapshot(
    article: Article, *, reviewed_by: Sequence[ReviewCredit]
) -> PublicSnapshot:
    """Render and store what the public sees of the article's live revision."""
    article = Article.objects.select_related("specialty").get(pk=article.pk)
    revision = Revision.objects.filter(pk=article.live_revision_id).first()
    if revision is None or revision.state != RevisionState.PUBLISHED:
        raise NotPublishable(f"{article.slug} has no published revision to show.")
    references = list(revision.references.order_by("position"))
    data = detail_data(article, revision, references, reviewed_by)
    fragments = _audience_fragments(data)
    entry = {
        k: data[k]
        for k in (
            "slug",
            "url",
            "api_url",
            "title",
            "summary",
            "specialty",
            "last_updated",
            "last_reviewed",
        )
    }
    context = {
        "article": data,
        "json_ld": mark_safe(json_ld(data)),  # noqa: S308 - built and escaped by json_ld()
        "audience_placeholder": mark_safe(AUDIENCE_PLACEHOLDER),  # noqa: S308 - a constant
        "body_html": mark_safe(revision.body_html),  # noqa: S308 - sanitised by nh3 at submit
        "credit_groups": [
            {"role": role, "label": label, "people": [c for c in reviewed_by if c.role == role]}
            for role, label in CREDIT_GROUPS
            if any(c.role == role for c in reviewed_by)
        ],
        "dates": {
            "submitted": revision.submitted_at,
            "review_started": revision.review_started_at,
            "approved": revision.decided_at,
            "last_updated": revision.published_at,
            "last_reviewed": article.last_reviewed_on,
            "next_review_due": article.next_review_due,
        },
    }
    return _store(
        article,
        revision,
        state=SnapshotState.PUBLISHED,
        specialty_slug=article.specialty.slug,
        title=revision.title,
        summary=revision.summary,
        published_at=revision.published_at,
        detail_json=_dumps(data),
        list_entry_json=_dumps(entry),
        list_entry_html=render_to_string(
            "articles/_list_entry.html", {"entry": entry, "updated": revision.published_at}
        ),
        page_html=render_to_string("articles/article_detail.html", context).replace(
            AUDIENCE_PLACEHOLDER, fragments["general"], 1
        ),
        audience_html=_dumps(fragments),
    )


def build_retraction_snapshot(article: Article, *, revision: Revision) -> PublicSnapshot:
    """Replace what the public sees with the retraction notice and its public reason only."""
    if revision.state != RevisionState.RETRACTED or revision.article_id != article.pk:
        raise NotPublishable("Only a retracted revision of this article gives a retraction notice.")
    notice = {
        "detail": "This article has been retracted.",
        "slug": article.slug,
        "retraction_reason": revision.retraction_reason,
        "editorial_policy_url": _absolute(reverse("public-editorial-policy")),
    }
    return _store(
        article,
        revision,
        state=SnapshotState.RETRACTED,
        specialty_slug="",
        title="",
        summary="",
        published_at=None,
        detail_json=_dumps(notice),
        list_entry_json="",
        list_entry_html="",
        page_html=render_to_string("articles/retracted.html", {"notice": notice}),
        audience_html="",
    )
