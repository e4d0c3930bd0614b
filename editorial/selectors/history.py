"""An article's public record of changes ("Page history", the JSON's `history`, and the rows
of /corrections/): only published facts, newest first.

Each source reads one kind of fact from the record, for many articles at once (a rebuild
reads a batch of articles' histories in a few queries), and yields (article id, HistoryEntry)
pairs; adding a source (a re-review's "reviewed", say) is one function and one line in SOURCES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from articles.models import Article, ChangeClass, Revision, RevisionState
from articles.publication import HistoryEntry
from reviewers.models import ReReview, ReReviewState

from ..models import AuditAction, AuditEvent

FIRST_PUBLISHED = "First published."
REVIEWED_NOTE = "Reviewed, no changes needed."
MINOR_NOTE = "Minor corrections to wording or formatting."
# A later revision published before change classes existed: its kind was never recorded.
UNCLASSED_NOTE = "Revised and approved by the Medical Advisory Board."

# Revisions that were published (and stay part of the record: retracted ones too).
ONCE_PUBLISHED = (RevisionState.PUBLISHED, RevisionState.SUPERSEDED, RevisionState.RETRACTED)
KIND_OF_CLASS = {
    ChangeClass.MINOR: "minor",
    ChangeClass.UPDATE: "update",
    ChangeClass.CORRECTION: "correction",
    ChangeClass.REINSTATEMENT: "reinstated",
    "": "update",
}

# Each article's once-published revisions, in order of their numbers.
Published = dict[int, list[Revision]]
Entries = Iterable[tuple[int, HistoryEntry]]


def _published_revisions(article_ids: Sequence[int]) -> Published:
    published: Published = {pk: [] for pk in article_ids}
    revisions = (
        Revision.objects.filter(
            article_id__in=article_ids, state__in=ONCE_PUBLISHED, published_at__isnull=False
        )
        .order_by("article_id", "number")
        .only(
            "article_id",
            "number",
            "state",
            "title",
            "published_at",
            "change_class",
            "change_note",
            "retraction_reason",
        )
    )
    for revision in revisions:
        published[revision.article_id].append(revision)
    return published


def publications(article_ids: Sequence[int], published: Published) -> Entries:
    """Each publication: the first, then each later revision as its class says, with the
    note the board approved with it (minor changes may leave theirs to a standard line)."""
    for article_id, revisions in published.items():
        for index, revision in enumerate(revisions):
            if index == 0:
                kind, note = "published", FIRST_PUBLISHED
            else:
                kind = KIND_OF_CLASS.get(revision.change_class, "update")
                note = revision.change_note or (
                    MINOR_NOTE if kind == "minor" else UNCLASSED_NOTE if kind == "update" else ""
                )
            entry = HistoryEntry(
                at=revision.published_at, kind=kind, note=note, title=revision.title
            )
            yield article_id, entry


def retractions(article_ids: Sequence[int], published: Published) -> Entries:
    """Each retraction, when the audit history records it, with its public reason."""
    retracted = {
        r.pk: r for revisions in published.values() for r in revisions
        if r.state == RevisionState.RETRACTED
    }  # fmt: skip
    if not retracted:
        return
    events = (
        AuditEvent.objects.filter(revision_id__in=retracted, action=AuditAction.UNPUBLISHED)
        .order_by("sequence")
        .values_list("revision_id", "created_at")
    )
    # The last event of each revision (a retraction is recorded once; a later one would win).
    for revision_id, at in dict(events).items():
        revision = retracted[revision_id]
        entry = HistoryEntry(
            at=at, kind="retracted", note=revision.retraction_reason, title=revision.title
        )
        yield revision.article_id, entry


def attestations(article_ids: Sequence[int], published: Published) -> Entries:
    """Each periodic re-review the board closed as still accurate: the text did not change,
    the dates did. The board's note stays internal."""
    attested = (
        ReReview.objects.filter(article_id__in=article_ids, state=ReReviewState.ATTESTED)
        .select_related("revision")
        .only("article_id", "state", "closed_at", "revision__title", "revision__state")
        .order_by("article_id", "closed_at", "pk")
    )
    for rereview in attested:
        entry = HistoryEntry(
            at=rereview.closed_at,
            kind="reviewed",
            note=REVIEWED_NOTE,
            title=rereview.revision.title,
        )
        yield rereview.article_id, entry


Source = Callable[[Sequence[int], Published], Entries]
SOURCES: tuple[Source, ...] = (publications, retractions, attestations)
# Same moment: the later kind first, so a reinstatement sorts above the retraction it follows.
ORDER = {kind: i for i, kind in enumerate(("published", "minor", "update", "correction",
                                           "reviewed", "retracted", "reinstated"))}  # fmt: skip


def public_histories(article_ids: Sequence[int]) -> dict[int, list[HistoryEntry]]:
    """public_history of each article, in a query per source whatever their number."""
    published = _published_revisions(article_ids)
    entries: dict[int, list[HistoryEntry]] = {pk: [] for pk in article_ids}
    for source in SOURCES:
        for article_id, entry in source(article_ids, published):
            entries[article_id].append(entry)
    return {
        pk: sorted(found, key=lambda e: (e.at, ORDER.get(e.kind, 0)), reverse=True)
        for pk, found in entries.items()
    }


def public_history(article: Article) -> list[HistoryEntry]:
    """The article's public record of changes, newest first."""
    return public_histories([article.pk])[article.pk]
