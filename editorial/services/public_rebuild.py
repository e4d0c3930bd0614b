"""Rebuilding the stored public renderings: the stale ones (or all), a batch of articles per
transaction, in worker processes.

A batch locks its articles first, as the workflow's services do (so a publication or a
retraction of one of them waits for the batch, or the batch for it), then reads their live
revisions, references, credits, evidence and histories in a number of queries that does not
grow with the batch, renders each article, and writes the batch in a few statements under
the same locks (articles.snapshot_batch), exactly as the one-article path would write it.
A rendering of a revision retracted meanwhile is never written back: the retraction either
committed before the lock was granted, and the batch reads it, or waits for the batch and
rewrites the row itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import DatabaseError, connection, connections, transaction
from django.db.models import Q

from articles import versions
from articles.models import (
    Article,
    PublicSnapshot,
    Reference,
    Revision,
    RevisionState,
    SnapshotState,
)
from articles.publication import (
    HistoryEntry,
    Rendering,
    ReviewCredit,
    render_published,
    render_retraction,
)
from articles.snapshot_batch import store_renderings

from ..selectors.evidence import Events, decided_approval_counts, evidence_events
from ..selectors.history import public_histories
from ..selectors.public import retraction_dates, review_credit_lists
from .public_snapshots import Witness, public_snapshot_refresh

logger = logging.getLogger(__name__)

BATCH = 100
# What a batch reads of the rows it rewrites: the JSON for its sealed body (articles.
# publication.stored_body); the page and the gzip copies are never read back.
STORED_STATE = ("article_id", "revision_id", "slug", "state", "etag", "renderer_version",
                "last_modified", "seals", "detail_json")  # fmt: skip
# A batch that meets a lock timeout or a busy SQLite file is tried again, then one by one.
ATTEMPTS = 3


@dataclass
class BatchReport:
    rebuilt: int = 0
    # (slug, why) of each article the renderer refused, or that was public and is no more.
    withdrawn: list[tuple[str, str]] = field(default_factory=list)


def public_rebuild_ids(*, everything: bool = False) -> list[int]:
    """The articles whose rendering to rebuild, in id order: those with something to show
    (or a stored row) whose rendering is missing or stale; every one of them if asked."""
    shown = Q(public_snapshot__isnull=False) | Q(
        revisions__state__in=[RevisionState.PUBLISHED, RevisionState.RETRACTED]
    )
    articles = Article.objects.filter(shown)
    if not everything:
        current = versions.current()
        articles = articles.filter(
            Q(public_snapshot__isnull=True)
            | Q(public_snapshot__renderer_version__lt=current)
            | Q(public_snapshot__renderer_version__gt=current)
        )
    return list(articles.values_list("pk", flat=True).distinct().order_by("pk"))


def _withdrawn(before: PublicSnapshot | None, after: str | None) -> bool:
    was_public = before is not None and before.state == SnapshotState.PUBLISHED
    return was_public and after != SnapshotState.PUBLISHED


@dataclass
class _Record:
    """What a batch of articles' renderings are made from, read in a few queries."""

    live: dict[int, Revision]  # the published live revisions, by id
    references: dict[int, list[Reference]]  # by revision, in order
    credits: dict[int, list[ReviewCredit]]  # by revision
    events: dict[int, Events]  # by revision
    approvals: dict[int, int]  # by revision
    histories: dict[int, list[HistoryEntry]]  # by article
    retracted: dict[int, Revision]  # by article with no live revision: its last retracted one
    retracted_on: dict[int, date | None]  # by retracted revision

    def witness(self) -> Witness:
        return Witness(events=self.events, approvals=self.approvals, histories=self.histories)


def _read(articles: list[Article]) -> _Record:
    # Read after the article locks are held: a publication or retraction has committed.
    live = {
        revision.pk: revision
        for revision in Revision.objects.filter(
            pk__in=[a.live_revision_id for a in articles if a.live_revision_id],
            state=RevisionState.PUBLISHED,
        )
    }
    references: dict[int, list[Reference]] = {pk: [] for pk in live}
    for reference in Reference.objects.filter(revision_id__in=list(live)).order_by(
        "revision_id", "position"
    ):
        references[reference.revision_id].append(reference)
    retracted: dict[int, Revision] = {}
    for revision in Revision.objects.filter(
        article_id__in=[a.pk for a in articles if a.live_revision_id is None],
        state=RevisionState.RETRACTED,
    ).order_by("article_id", "-number"):
        retracted.setdefault(revision.article_id, revision)
    revisions = list(live.values())
    return _Record(
        live=live,
        references=references,
        credits=review_credit_lists(revisions),
        events=evidence_events(revisions),
        approvals=decided_approval_counts(revisions),
        histories=public_histories([a.pk for a in articles]),
        retracted=retracted,
        retracted_on=retraction_dates(list(retracted.values())),
    )


def _render(
    article: Article, record: _Record, witness: Witness, stored: PublicSnapshot | None
) -> Rendering | None:
    """The article's rendering as public_snapshot_refresh would make it, from the record."""
    revision = record.live.get(article.live_revision_id)
    if revision is not None:
        return render_published(
            article,
            revision,
            record.references[revision.pk],
            reviewed_by=record.credits[revision.pk],
            witness=witness,
            stored=stored,
        )
    retracted = record.retracted.get(article.pk)
    if article.live_revision_id is None and retracted is not None:
        return render_retraction(
            article,
            revision=retracted,
            retracted_on=record.retracted_on[retracted.pk],
            history=witness.history(article),
        )
    # Never published, or pointing at a revision that is not published (only a hand edit
    # does that): the one-article path says what to show and what to record.
    public_snapshot_refresh(article=article, witness=witness, force=True)
    return None


@transaction.atomic
def public_snapshots_rebuild_batch(ids: Sequence[int]) -> BatchReport:
    """Rewrite these articles' stored renderings from the record (keeping only a body whose
    seal shows the running renderer made it from the same content), in one transaction and a
    number of queries that does not grow with the batch; an article whose evidence no longer
    holds is withdrawn and reported."""
    report = BatchReport()
    articles = list(
        Article.objects.select_for_update(no_key=True, of=("self",))
        .select_related("specialty")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    existing: dict[int, PublicSnapshot | None] = {
        row.article_id: row
        for row in PublicSnapshot.objects.select_for_update()
        .filter(article_id__in=ids)
        .only(*STORED_STATE)
    }
    record = _read(articles)
    renderings = []
    for article in articles:
        witness = record.witness()
        before = existing.get(article.pk)
        rendering = _render(article, record, witness, before)
        if rendering is not None:
            renderings.append(rendering)
        report.withdrawn += witness.refusals
        after = rendering.fields["state"] if rendering is not None else None
        if not witness.refusals and _withdrawn(before, after):
            report.withdrawn.append((before.slug, "it has no published revision."))
    store_renderings(renderings, existing, force=True)
    report.rebuilt = len(articles)
    return report


def _rebuild_with_retries(ids: Sequence[int]) -> BatchReport:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return public_snapshots_rebuild_batch(ids)
        except DatabaseError as exc:
            logger.warning("Rebuild batch from article %s: attempt %s: %s", ids[0], attempt, exc)
            time.sleep(0.2 * attempt)
    report = BatchReport()
    for pk in ids:
        part = public_snapshots_rebuild_batch([pk])
        report.rebuilt += part.rebuilt
        report.withdrawn += part.withdrawn
    return report


def _batches(ids: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _worker_start() -> None:
    # The parent closed its connections before forking: each worker opens its own.
    connections.close_all()


def _in_memory_database() -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def default_workers() -> int:
    return os.cpu_count() or 1


def public_snapshots_rebuild(
    ids: Sequence[int],
    *,
    workers: int = 1,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> BatchReport:
    """Rebuild these articles' renderings, a batch per transaction, across worker processes
    (each with its own database connection); `progress(done, total)` after each batch."""
    total = BatchReport()
    done = 0
    chunks = list(_batches(ids, batch))
    if workers > 1 and len(chunks) > 1 and not _in_memory_database():
        # Forked, so each worker has the running settings and code without starting again.
        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(chunks)), initializer=_worker_start) as pool:
            results = pool.imap_unordered(_rebuild_with_retries, chunks)
            for report in results:
                done = _add(total, report, done, len(ids), progress)
    else:
        for chunk in chunks:
            done = _add(total, _rebuild_with_retries(chunk), done, len(ids), progress)
    return total


def _add(
    total: BatchReport,
    report: BatchReport,
    done: int,
    count: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    total.rebuilt += report.rebuilt
    total.withdrawn += report.withdrawn
    done += report.rebuilt
    if progress:
        progress(done, count)
    return done
