"""Keeping the public's stored renderings in step with what they show."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from articles.models import Article, PublicSnapshot, Revision, RevisionState
from articles.profiles import PublicPerson, remove_profile_snapshot, store_profile_snapshot
from articles.publication import (
    HistoryEntry,
    build_public_snapshot,
    build_retraction_snapshot,
    remove_public_snapshot,
)
from reviewers.models import PublicProfile

from .. import audit, selectors
from ..models import AuditAction
from ..selectors.evidence import Events, publication_evidence_missing
from ..selectors.history import public_history
from ..selectors.public import person_name

logger = logging.getLogger(__name__)


@dataclass
class Witness:
    """The workflow's side of articles.publication.PublicationWitness: it reads the
    evidence from the record, and writes each refusal into the audit history. A batch
    rebuild hands in what it read for many articles at once: the evidence events and
    approval counts of their revisions, and their histories."""

    refusals: list[tuple[str, str]] = field(default_factory=list)
    events: dict[int, Events] | None = None
    approvals: dict[int, int] | None = None
    histories: dict[int, list[HistoryEntry]] | None = None

    def missing_evidence(self, revision: Revision) -> str:
        if self.events is not None and revision.pk in self.events:
            return publication_evidence_missing(
                revision,
                events=self.events[revision.pk],
                approvals=(self.approvals or {}).get(revision.pk),
            )
        return publication_evidence_missing(revision)

    def history(self, article: Article) -> list[HistoryEntry]:
        if self.histories is not None and article.pk in self.histories:
            return self.histories[article.pk]
        return public_history(article)

    def refused(self, article: Article, revision: Revision, reason: str) -> None:
        self.refusals.append((article.slug, reason))
        try:
            audit.record(
                action=AuditAction.PUBLICATION_REFUSED,
                actor=None,
                article=article,
                revision=revision,
                from_state=revision.state,
                to_state=revision.state,
                comment=reason,
            )
        except audit.AuditKeyError as exc:
            # The chain itself refuses writes (its newest event is not ours: forged, or the
            # key changed): the refusal stands, only its record waits for the operator.
            logger.error("Could not record the refusal to publish %s: %s", article.slug, exc)


def public_snapshot_refresh(
    *, article: Article, witness: Witness | None = None, force: bool = False
) -> PublicSnapshot | None:
    """Render what the public sees of the article now: its live revision, a retraction
    notice if its last published revision was retracted, or nothing if never published.
    ``force`` rewrites the stored rendering even when it looks unchanged."""
    witness = witness or Witness()
    article = Article.objects.select_related("live_revision").get(pk=article.pk)
    live = article.live_revision
    if live is not None and live.state == RevisionState.PUBLISHED:
        credits = selectors.review_credit_list(live)
        return build_public_snapshot(article, reviewed_by=credits, witness=witness, force=force)
    if live is not None:
        # Only a hand edit (or a bug) points an article at a revision that is not published.
        witness.refused(article, live, f"its live revision is {live.state}, not published.")
    retracted = article.revisions.filter(state=RevisionState.RETRACTED).order_by("-number").first()
    if live is None and retracted is not None:
        return build_retraction_snapshot(
            article,
            revision=retracted,
            retracted_on=selectors.retraction_date(retracted),
            force=force,
            history=witness.history(article),
        )
    remove_public_snapshot(article)
    return None


def public_profile_refresh(*, user_id: int) -> bool:
    """Write the person's public profile page as it stands (their consent, the details they
    keep, the name, credentials and specialties the editors keep), or take it down when they
    do not consent; True when there is a page."""
    profile = PublicProfile.objects.select_related("user__reviewer").filter(user_id=user_id).first()
    if profile is None:
        return False
    name, credentials = person_name(profile.user)
    if not profile.is_public or not name:
        remove_profile_snapshot(profile.slug)
        return False
    reviewer = getattr(profile.user, "reviewer", None)
    specialties = reviewer.specialties.order_by("name") if reviewer is not None else []
    store_profile_snapshot(
        PublicPerson(
            slug=profile.slug,
            name=name,
            credentials=credentials,
            affiliation=profile.affiliation,
            orcid=profile.orcid,
            specialties=tuple((s.name, s.slug) for s in specialties),
            declared_interests=profile.declared_interests,
            public_since=profile.consented_at,
        )
    )
    return True
