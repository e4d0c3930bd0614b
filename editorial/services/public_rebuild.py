"""Rebuilding the stored public renderings: the stale ones (or all), a batch of articles per
transaction, in worker processes.

A batch locks its articles first, as the workflow's services do (so a publication or a
retraction of one of them waits for the batch, or the batch for it), then reads their live
revisions, references, credits and evidence in a handful of queries, renders each article
and writes it under the same locks. A rendering of a revision retracted meanwhile is never
written back: the retraction either committed before the lock was granted, and the batch
reads it, or waits for the batch and rewrites the row itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

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
from articles.publication import build_loaded_snapshot

from ..selectors.evidence import evidence_events
from ..selectors.public import article_credited_list, review_credit_lists
from .public_snapshots import Witness, public_snapshot_refresh

logger = logging.getLogger(__name__)

BATCH = 100
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


def _withdrawn(before: PublicSnapshot | None, after: PublicSnapshot | None) -> bool:
    was_public = before is not None and before.state == SnapshotState.PUBLISHED
    return was_public and (after is None or after.state != SnapshotState.PUBLISHED)


@transaction.atomic
def public_snapshots_rebuild_batch(ids: Sequence[int]) -> BatchReport:
    """Rewrite these articles' stored renderings from scratch, from the record, in one
    transaction; an article whose evidence no longer holds is withdrawn and reported."""
    report = BatchReport()
    articles = list(
        Article.objects.select_for_update(no_key=True, of=("self",))
        .select_related("specialty")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    existing = {
        row.article_id: row
        for row in PublicSnapshot.objects.select_for_update().filter(article_id__in=ids)
    }
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
    credits = review_credit_lists(list(live.values()))
    events = evidence_events(list(live.values()))
    for article in articles:
        witness = Witness(events=events)
        before = existing.get(article.pk)
        revision = live.get(article.live_revision_id)
        if revision is not None:
            after = build_loaded_snapshot(
                article,
                revision,
                references[revision.pk],
                reviewed_by=credits[revision.pk],
                witness=witness,
                force=True,
                existing=before,
            )
        else:
            # Retracted, never published, or pointing at a revision that is not published:
            # the one-article path says what to show and what to record.
            after = public_snapshot_refresh(article=article, witness=witness, force=True)
        report.withdrawn += witness.refusals
        if not witness.refusals and _withdrawn(before, after):
            report.withdrawn.append((before.slug, "it has no published revision."))
    report.rebuilt = len(articles)
    return report


def public_snapshots_refresh_for_person(*, user_id: int) -> int:
    """Rebuild, inside the caller's transaction, the articles that name this person (their
    name changed, or their public profile was given or withdrawn): a batch at a time, so a
    board member named on hundreds of articles takes a few queries per hundred of them."""
    ids = [article.pk for article in article_credited_list(user_id)]
    for chunk in _batches(ids, BATCH):
        public_snapshots_rebuild_batch(chunk)
    return len(ids)


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
