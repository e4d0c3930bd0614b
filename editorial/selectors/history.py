"""An article's public record of changes ("Page history", the JSON's `history`, and the rows
of /corrections/): only published facts, newest first.

Each source reads one kind of fact from the record and yields HistoryEntry rows; adding a
source (a re-review's "reviewed", say) is one function and one line in SOURCES.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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


def _published_revisions(article: Article) -> list[Revision]:
    return list(
        article.revisions.filter(state__in=ONCE_PUBLISHED, published_at__isnull=False)
        .order_by("number")
        .only(
            "number",
            "state",
            "title",
            "published_at",
            "change_class",
            "change_note",
            "retraction_reason",
        )
    )


def publications(article: Article, revisions: list[Revision]) -> Iterable[HistoryEntry]:
    """Each publication: the first, then each later revision as its class says, with the
    note the board approved with it (minor changes may leave theirs to a standard line)."""
    for index, revision in enumerate(revisions):
        if index == 0:
            kind, note = "published", FIRST_PUBLISHED
        else:
            kind = KIND_OF_CLASS.get(revision.change_class, "update")
            note = revision.change_note or (
                MINOR_NOTE if kind == "minor" else UNCLASSED_NOTE if kind == "update" else ""
            )
        yield HistoryEntry(at=revision.published_at, kind=kind, note=note, title=revision.title)


def retractions(article: Article, revisions: list[Revision]) -> Iterable[HistoryEntry]:
    """Each retraction, when the audit history records it, with its public reason."""
    retracted = {r.pk: r for r in revisions if r.state == RevisionState.RETRACTED}
    if not retracted:
        return
    events = (
        AuditEvent.objects.filter(revision_id__in=retracted, action=AuditAction.UNPUBLISHED)
        .order_by("sequence")
        .values_list("revision_id", "created_at")
    )
    for revision_id, at in dict(events).items():
        revision = retracted[revision_id]
        yield HistoryEntry(
            at=at, kind="retracted", note=revision.retraction_reason, title=revision.title
        )


def attestations(article: Article, revisions: list[Revision]) -> Iterable[HistoryEntry]:
    """Each periodic re-review the board closed as still accurate: the text did not change,
    the dates did. The board's note stays internal."""
    attested = (
        ReReview.objects.filter(article=article, state=ReReviewState.ATTESTED)
        .select_related("revision")
        .only("closed_at", "revision__title")
        .order_by("closed_at", "pk")
    )
    for rereview in attested:
        yield HistoryEntry(
            at=rereview.closed_at,
            kind="reviewed",
            note=REVIEWED_NOTE,
            title=rereview.revision.title,
        )


Source = Callable[[Article, list[Revision]], Iterable[HistoryEntry]]
SOURCES: tuple[Source, ...] = (publications, retractions, attestations)


def public_history(article: Article) -> list[HistoryEntry]:
    """The article's public record of changes, newest first (same moment: later kind first,
    so a reinstatement sorts above the retraction it follows)."""
    revisions = _published_revisions(article)
    entries = [entry for source in SOURCES for entry in source(article, revisions)]
    order = {kind: i for i, kind in enumerate(("published", "minor", "update", "correction",
                                               "reviewed", "retracted", "reinstated"))}  # fmt: skip
    return sorted(entries, key=lambda e: (e.at, order.get(e.kind, 0)), reverse=True)
