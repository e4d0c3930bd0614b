"""The public renderings of an article, built once when something they show changes.

A published revision never changes, so everything the public is served (the detail
JSON, the list entry, the page) is rendered here and stored in PublicSnapshot. Who
reviewed the revision is passed in as plain data: this module reads no workflow code.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import content
from .models import (
    Article,
    PublicCatalogue,
    PublicSnapshot,
    Revision,
    RevisionState,
    SnapshotState,
)
from .renderings import (
    AUDIENCE_LABELS,
    AUDIENCE_PLACEHOLDER,
    AUDIENCES,
    CREDIT_GROUPS,
    ReviewCredit,
    absolute,
    audience_fragments,
    detail_data,
    dumps,
    json_ld,
)

__all__ = [
    "AUDIENCES",
    "AUDIENCE_LABELS",
    "AUDIENCE_PLACEHOLDER",
    "NotPublishable",
    "ReviewCredit",
    "build_public_snapshot",
    "build_retraction_snapshot",
    "remove_public_snapshot",
]

logger = logging.getLogger(__name__)


class NotPublishable(ValueError):
    """Raised when asked to render a revision the public may not see."""


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
    return snapshot


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


def build_public_snapshot(
    article: Article, *, reviewed_by: Sequence[ReviewCredit]
) -> PublicSnapshot | None:
    """Render and store what the public sees of the article's live revision.

    The content is hashed again first: if it no longer matches the hash the board
    approved (changed behind the services' back, e.g. by QuerySet.update() on SQLite,
    where no trigger stops it), nothing of it is rendered, the article is taken off
    the public side, and None is returned. The error log says which revision.
    """
    article = Article.objects.select_related("specialty").get(pk=article.pk)
    revision = Revision.objects.filter(pk=article.live_revision_id).first()
    if revision is None or revision.state != RevisionState.PUBLISHED:
        raise NotPublishable(f"{article.slug} has no published revision to show.")
    references = list(revision.references.order_by("position"))
    stored_hash = content.content_hash(revision, references)
    if stored_hash != revision.content_hash:
        logger.error(
            "Withdrawn from public view: %s revision %s no longer matches the content the "
            "board approved (approved hash %s, stored content hashes to %s). Investigate "
            "how it changed; republishing needs a new revision through review.",
            article.slug,
            revision.number,
            revision.content_hash,
            stored_hash,
        )
        remove_public_snapshot(article)
        return None
    # Rendered again from the approved Markdown, which the content hash covers.
    body_html = content.render_body(revision.body, (r.position for r in references))
    data = detail_data(article, revision, references, reviewed_by, body_html)
    fragments = audience_fragments(data)
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
        "body_html": mark_safe(body_html),  # noqa: S308 - sanitised by nh3 in render_body
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
        detail_json=dumps(data),
        list_entry_json=dumps(entry),
        list_entry_html=render_to_string(
            "articles/_list_entry.html", {"entry": entry, "updated": revision.published_at}
        ),
        page_html=render_to_string("articles/article_detail.html", context).replace(
            AUDIENCE_PLACEHOLDER, fragments["general"], 1
        ),
        audience_html=dumps(fragments),
    )


def build_retraction_snapshot(article: Article, *, revision: Revision) -> PublicSnapshot:
    """Replace what the public sees with the retraction notice and its public reason only."""
    if revision.state != RevisionState.RETRACTED or revision.article_id != article.pk:
        raise NotPublishable("Only a retracted revision of this article gives a retraction notice.")
    notice = {
        "error": {"code": "retracted", "message": "This article has been retracted.", "fields": {}},
        "slug": article.slug,
        "retraction_reason": revision.retraction_reason,
        "editorial_policy_url": absolute(reverse("public-editorial-policy")),
    }
    return _store(
        article,
        revision,
        state=SnapshotState.RETRACTED,
        specialty_slug="",
        title="",
        summary="",
        published_at=None,
        detail_json=dumps(notice),
        list_entry_json="",
        list_entry_html="",
        page_html=render_to_string("articles/retracted.html", {"notice": notice}),
        audience_html="",
    )
