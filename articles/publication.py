"""The public renderings of an article, built once when something they show changes.

A published revision never changes, so everything the public is served (the detail
JSON, the list entry, the page) is rendered here and stored in PublicSnapshot. Who
reviewed the revision is passed in as plain data: this module reads no workflow code.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import content, overdue, seals, versions
from .audiences import (
    AUDIENCE_LABELS,
    AUDIENCE_PLACEHOLDER,
    audience_fragments,
    body_fragments,
)
from .models import (
    Article,
    PublicCatalogue,
    PublicCredit,
    PublicNotice,
    PublicSnapshot,
    Reference,
    Revision,
    RevisionState,
    SnapshotState,
)
from .renderings import (
    AUDIENCES,
    NOTICE_KINDS,
    HistoryEntry,
    ReviewCredit,
    absolute,
    detail_data,
    dumps,
    last_updated,
    page_context,
)

__all__ = [
    "AUDIENCES",
    "AUDIENCE_LABELS",
    "AUDIENCE_PLACEHOLDER",
    "HistoryEntry",
    "NotPublishable",
    "PublicationWitness",
    "ReviewCredit",
    "build_public_snapshot",
    "build_retraction_snapshot",
    "remove_public_snapshot",
]

logger = logging.getLogger(__name__)


class NotPublishable(ValueError):
    """Raised when asked to render a revision the public may not see."""


class PublicationWitness(Protocol):
    """What the workflow tells the renderer about a revision, and hears back from it.

    The public side cannot read the workflow's records (articles imports nothing of
    editorial), so the workflow hands in an object with these two methods.
    """

    def missing_evidence(self, revision: Revision) -> str:
        """Why the record does not show this revision's content as approved and published
        (a quorum of eligible board approvals of its content hash, and the published event
        with that hash), or "" when it does."""
        ...

    def refused(self, article: Article, revision: Revision, reason: str) -> None:
        """Record that the revision was not rendered for the public, and why."""
        ...

    def history(self, article: Article) -> Sequence[HistoryEntry]:
        """The article's public record of changes, newest first: only what was published
        (a note is public once its revision is), retractions and reinstatements."""
        ...


# The level a rebuild can afford at 100,000 articles: within a few per cent of level 9's size.
GZIP_LEVEL = 6
# Looked up again under the row lock unless the caller already holds it (a batch rebuild).
LOOK_UP = object()


def compressed(text: str) -> bytes:
    # mtime=0: the same text always gives the same bytes.
    return gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL, mtime=0)


@dataclass
class Rendering:
    """One article's public rendering, rendered and not yet stored: the columns it shows
    (`fields`), the history whose notices go to the public record of changes, and the body
    HTML (of a published revision) its seals cover."""

    article: Article
    revision: Revision
    fields: dict[str, Any]
    history: Sequence[HistoryEntry] = ()
    review_due: date | None = None
    body_html: str = ""
    # Who the rendering names with a public profile (PublicCredit rows stored with it).
    credits: Sequence[ReviewCredit] = ()


def _sealed(rendering: Rendering) -> tuple[str, dict[str, Any]]:
    """The row's ETag, and its columns with their gzip copies, version and seals."""
    article, revision, fields = rendering.article, rendering.revision, dict(rendering.fields)
    digest = hashlib.sha256()
    for name in ("state", "detail_json", "list_entry_json", "list_entry_html", "page_html",
                 "audience_html"):  # fmt: skip
        digest.update(fields.get(name, "").encode("utf-8") + b"\x00")
    # The review date ends the ETag, so the views can tell from it alone when the page
    # becomes overdue (articles.overdue).
    due = overdue.etag_suffix(rendering.review_due)
    etag = f'"{revision.content_hash[:16]}-{digest.hexdigest()[:16]}{due}"'
    fields["detail_json_gz"] = compressed(fields["detail_json"])
    fields["page_html_gz"] = compressed(fields["page_html"])
    fields["encodings"] = "gzip"
    fields["renderer_version"] = versions.current()
    body = {}
    if rendering.body_html:
        body[seals.BODY] = seals.body_value(
            versions.body_renderer(), revision.content_hash, rendering.body_html
        )
    fields["seals"] = seals.seal(
        article.slug,
        fields["state"],
        {
            **fields,
            **body,
            seals.LISTING: seals.listing_value(fields.get("title", ""), fields.get("summary", "")),
            **{
                column: seals.compressed_value(etag, fields[column])
                for column in seals.COMPRESSED_COLUMNS
            },
        },
    )
    return etag, fields


def row_values(
    rendering: Rendering, existing: PublicSnapshot | None, *, force: bool
) -> dict[str, Any] | None:
    """Every column of the article's stored row as the rendering makes it (its id and
    built_at aside), given the row stored now (None for none); None when the stored row
    already is that rendering and not `force`d to be rewritten."""
    etag, fields = _sealed(rendering)
    unchanged = (
        existing is not None
        and existing.etag == etag
        and existing.revision_id == rendering.revision.pk
        and existing.renderer_version == fields["renderer_version"]
    )
    if unchanged and not force:
        return None
    now = timezone.now().replace(microsecond=0)
    if unchanged:
        # Rewritten from scratch (the stored bytes may have been edited), but what it should
        # be has not changed: keep the validators readers' caches hold.
        now = existing.last_modified
    elif existing is not None and existing.last_modified >= now:
        # Last-Modified has one-second resolution: never let a change share its second.
        now = existing.last_modified + timedelta(seconds=1)
    values = {
        "article": rendering.article,
        "revision": rendering.revision,
        "slug": rendering.article.slug,
        "etag": etag,
        "last_modified": now,
    }
    values.update(fields)
    return values


def _store(rendering: Rendering, *, force: bool = False, existing: Any = LOOK_UP) -> PublicSnapshot:
    if existing is LOOK_UP:
        # The row lock serialises rebuilds of one article, which keeps the catalogue exact.
        existing = (
            PublicSnapshot.objects.select_for_update().filter(article=rendering.article).first()
        )
    values = row_values(rendering, existing, force=force)
    if values is None:
        return existing
    was = existing.state if existing is not None else None
    if existing is None:
        snapshot = PublicSnapshot.objects.create(**values)
    else:
        snapshot = existing
        for name, value in values.items():
            setattr(snapshot, name, value)
        snapshot.save()
    # Who it names with a public profile is in the detail JSON, so in the ETag: an unchanged
    # rendering has unchanged credits.
    store_credits(snapshot, rendering.credits, fresh=existing is None)
    _count_change(was, values["state"])
    return snapshot


def published_delta(was: str | None, now: str | None) -> int:
    """How a row going from state `was` to `now` (None: no row) changes the public list."""
    return (now == SnapshotState.PUBLISHED) - (was == SnapshotState.PUBLISHED)


def _count_change(was: str | None, now: str | None) -> None:
    count_published(published_delta(was, now))


def count_published(delta: int) -> None:
    if delta:
        PublicCatalogue.objects.get_or_create(pk=1)
        PublicCatalogue.objects.filter(pk=1).update(published=F("published") + delta)


def store_credits(
    snapshot: PublicSnapshot, credits: Sequence[ReviewCredit], *, fresh: bool = False
) -> None:
    """Record who with a public profile this article's rendering names (none for a
    retraction notice), each credit sealed to the article. `fresh`: the rendering was just
    created, so there is nothing to replace."""
    if not fresh:
        PublicCredit.objects.filter(snapshot=snapshot).delete()
    rows = credit_rows(snapshot, credits)
    if rows:
        PublicCredit.objects.bulk_create(rows)


def credit_rows(snapshot: PublicSnapshot, credits: Sequence[ReviewCredit]) -> list[PublicCredit]:
    """The unsaved PublicCredit rows of a stored rendering: one per person it names who has a
    public profile, sealed to the article's slug."""
    return [
        PublicCredit(
            snapshot=snapshot,
            person=credit.profile,
            role=credit.role,
            seal=seals.seal_one(credit.profile, credit.role, seals.CREDIT, snapshot.slug),
        )
        for credit in credits
        if credit.profile
    ]


def store_public_notices(article: Article, history: Sequence[HistoryEntry]) -> None:
    """Rewrite the article's rows of the public record of changes (/corrections/): its
    corrections, retraction and reinstatements, each sealed."""
    PublicNotice.objects.filter(article=article).delete()
    PublicNotice.objects.bulk_create(notice_rows(article, history))


def notice_rows(article: Article, history: Sequence[HistoryEntry]) -> list[PublicNotice]:
    """The article's rows of the public record of changes, unsaved."""
    rows = []
    # Oldest first, so entries of the same second list newest first by their id too.
    for entry in reversed(history):
        if entry.kind not in NOTICE_KINDS:
            continue
        at = entry.at.replace(microsecond=0)
        value = seals.notice_value(at.isoformat(), entry.title, entry.note)
        rows.append(
            PublicNotice(
                article=article,
                slug=article.slug,
                kind=entry.kind,
                at=at,
                title=entry.title,
                note=entry.note,
                seal=seals.seal_one(article.slug, entry.kind, seals.NOTICE, value),
            )
        )
    return rows


def remove_public_snapshot(article: Article) -> None:
    """Take the article off the public side entirely (it has nothing to show), its entries
    in the record of changes with it."""
    PublicNotice.objects.filter(article=article).delete()
    existing = PublicSnapshot.objects.select_for_update().filter(article=article).first()
    if existing is not None:
        existing.delete()
        _count_change(existing.state, None)


def _refuse(article: Article, revision: Revision, witness: PublicationWitness, reason: str) -> None:
    logger.error(
        "Withdrawn from public view: %s revision %s: %s Investigate how it came about; "
        "republishing needs a revision through review.",
        article.slug,
        revision.number,
        reason,
    )
    witness.refused(article, revision, reason)
    remove_public_snapshot(article)


def build_public_snapshot(
    article: Article,
    *,
    reviewed_by: Sequence[ReviewCredit],
    witness: PublicationWitness,
    force: bool = False,
) -> PublicSnapshot | None:
    """Render and store what the public sees of the article's live revision.

    Nothing is rendered unless the evidence holds at this last step: the stored content
    hashes to the revision's content hash, and the witness finds that hash approved by a
    quorum of eligible board members and published. A revision changed or promoted behind
    the services' back (by SQL, by QuerySet.update()) fails one of those; then the article
    is taken off the public side, the witness records why, and None is returned.
    ``force`` rewrites the stored rendering even when it looks unchanged.
    """
    article = Article.objects.select_related("specialty").get(pk=article.pk)
    revision = Revision.objects.filter(pk=article.live_revision_id).first()
    references = list(revision.references.order_by("position")) if revision else []
    return build_loaded_snapshot(
        article, revision, references, reviewed_by=reviewed_by, witness=witness, force=force
    )


def build_loaded_snapshot(
    article: Article,
    revision: Revision | None,
    references: Sequence[Reference],
    *,
    reviewed_by: Sequence[ReviewCredit],
    witness: PublicationWitness,
    force: bool = False,
    existing: Any = LOOK_UP,
) -> PublicSnapshot | None:
    """build_public_snapshot from rows the caller read: the article with its specialty, its
    live revision and that revision's references in order, and, when the caller holds its
    lock, the stored row (or None)."""
    rendering = render_published(
        article, revision, references, reviewed_by=reviewed_by, witness=witness
    )
    if rendering is None:
        return None
    store_public_notices(article, rendering.history)
    return _store(rendering, force=force, existing=existing)


def render_published(
    article: Article,
    revision: Revision | None,
    references: Sequence[Reference],
    *,
    reviewed_by: Sequence[ReviewCredit],
    witness: PublicationWitness,
    stored: PublicSnapshot | None = None,
) -> Rendering | None:
    """The rendering of the article's live revision, from rows the caller read, once the
    evidence holds (as build_public_snapshot says); None, with the article taken off the
    public side, when it does not. A batch rebuild stores many of these at once, and hands
    in the `stored` row (its seals and detail_json read), whose body it may keep."""
    if revision is None or revision.state != RevisionState.PUBLISHED:
        raise NotPublishable(f"{article.slug} has no published revision to show.")
    stored_hash = content.content_hash(revision, references)
    if stored_hash != revision.content_hash:
        _refuse(
            article,
            revision,
            witness,
            f"its stored content hashes to {stored_hash}, not to the content hash "
            f"{revision.content_hash} it carries.",
        )
        return None
    missing = witness.missing_evidence(revision)
    if missing:
        _refuse(article, revision, witness, missing)
        return None
    history = list(witness.history(article))
    # From the approved Markdown, which the content hash covers: the HTML stored at submission
    # is not (a copy edited in the database would otherwise be shown). A rebuild keeps the
    # body of the stored row when its seal shows this renderer made it from this content.
    positions = [r.position for r in references]
    body_html = stored_body(stored, revision)
    if body_html is None:
        body_html = content.render_body(revision.body, positions)
    audience_html = content.render_audience_bodies(revision, positions)
    data = detail_data(
        article, revision, references, reviewed_by, body_html, history, audience_html
    )
    updated = last_updated(history) or revision.published_at
    fragments = audience_fragments(data)
    # Serving an audience is a swap of strings in the stored page: its part of the page for
    # the general one, and its own body for the general body where it has one.
    bodies = body_fragments(data)
    entry = {k: data[k] for k in LIST_ENTRY_KEYS}
    context = page_context(
        article, revision, data, reviewed_by, body_html, history=history, updated=updated
    )
    fields = {
        "state": SnapshotState.PUBLISHED,
        "specialty_slug": article.specialty.slug,
        "title": revision.title,
        "summary": revision.summary,
        # Lists and the feed order by it: a minor change does not bring an article back up.
        "published_at": updated,
        "detail_json": dumps(data),
        "list_entry_json": dumps(entry),
        "list_entry_html": render_to_string(
            "articles/_list_entry.html", {"entry": entry, "updated": updated}
        ),
        "page_html": render_to_string("articles/article_detail.html", context).replace(
            AUDIENCE_PLACEHOLDER, fragments["general"], 1
        ),
        "audience_html": dumps({**fragments, "bodies": bodies} if bodies else fragments),
    }
    return Rendering(
        article,
        revision,
        fields,
        history,
        article.next_review_due,
        body_html,
        credits=reviewed_by,
    )


def stored_body(row: PublicSnapshot | None, revision: Revision) -> str | None:
    """The body HTML a stored row shows, if its seal says the running renderer made it from
    the revision's content hash (which the caller checked the content against): the bytes a
    rendering of the approved Markdown would give. None otherwise."""
    if row is None or row.state != SnapshotState.PUBLISHED or row.revision_id != revision.pk:
        return None
    try:
        body = json.loads(row.detail_json)["body_html"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(body, str):
        return None
    value = seals.body_value(versions.body_renderer(), revision.content_hash, body)
    return body if seals.body_intact(row.slug, row.state, row.seals, value) else None


LIST_ENTRY_KEYS = (
    "slug",
    "url",
    "api_url",
    "title",
    "summary",
    "specialty",
    "last_updated",
    "last_reviewed",
)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def build_retraction_snapshot(
    article: Article,
    *,
    revision: Revision,
    retracted_on: date | None,
    force: bool = False,
    history: Sequence[HistoryEntry] = (),
    existing: Any = LOOK_UP,
) -> PublicSnapshot:
    """Replace what the public sees with the retraction notice: the retracted article's
    title (approved and published before), the day of the retraction and its public reason;
    nothing of its body, summaries or references."""
    rendering = render_retraction(
        article, revision=revision, retracted_on=retracted_on, history=history
    )
    store_public_notices(article, history)
    return _store(rendering, force=force, existing=existing)


def render_retraction(
    article: Article,
    *,
    revision: Revision,
    retracted_on: date | None,
    history: Sequence[HistoryEntry] = (),
) -> Rendering:
    """The retraction notice build_retraction_snapshot stores, rendered."""
    if revision.state != RevisionState.RETRACTED or revision.article_id != article.pk:
        raise NotPublishable("Only a retracted revision of this article gives a retraction notice.")
    notice = {
        "error": {"code": "retracted", "message": "This article has been retracted.", "fields": {}},
        "slug": article.slug,
        "title": revision.title,
        "retracted_on": retracted_on.isoformat() if retracted_on else None,
        "reason": revision.retraction_reason,
        # The earlier name of "reason", kept for clients written against it.
        "retraction_reason": revision.retraction_reason,
        "editorial_policy_url": absolute(reverse("public-editorial-policy")),
    }
    fields = {
        "state": SnapshotState.RETRACTED,
        "specialty_slug": "",
        "title": "",
        "summary": "",
        "published_at": None,
        "detail_json": dumps(notice),
        "list_entry_json": "",
        "list_entry_html": "",
        "page_html": render_to_string(
            "articles/retracted.html", {"notice": notice, "retracted_on": retracted_on}
        ),
        "audience_html": "",
    }
    return Rendering(article, revision, fields, history)
