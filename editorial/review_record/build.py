"""What the public review record of a published revision says, read from the workflow's
records: the approvals and the hash each approved, the counted peer reviews, how it was
drafted, its dates, and the audit events of the article's published revisions with the
latest signed checkpoint that covers them. Nothing confidential: no comments, conflicts,
vote notes, internal notes or unpublished revisions; no audit event's comment or data."""

from __future__ import annotations

import hmac
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from articles.models import Article, Revision, RevisionState
from articles.publication import ReviewCredit
from articles.renderings import drafting_data, responsibility_data
from reviewers.models import ReviewAssignment

from .. import audit, checkpoints
from ..models import AuditAction, AuditEvent
from ..selectors.counting import eligible_approvals, review_counted_list
from ..selectors.public import _board_name

# Revisions the public has been shown at some time.
PUBLISHED_STATES = (RevisionState.PUBLISHED, RevisionState.SUPERSEDED, RevisionState.RETRACTED)

# The steps of the record the public may see: a recusal would tell of a conflict, and the
# draft's own steps are not the public's.
PUBLIC_ACTIONS = (
    AuditAction.SUBMITTED,
    AuditAction.REVIEW_STARTED,
    AuditAction.REVIEW_COMPLETED,
    AuditAction.VOTE_CAST,
    AuditAction.APPROVED,
    AuditAction.PUBLICATION_SCHEDULED,
    AuditAction.PUBLISHED,
    AuditAction.SUPERSEDED,
    AuditAction.UNPUBLISHED,
    AuditAction.REREVIEW_OPENED,
    AuditAction.REREVIEW_ATTESTED,
    AuditAction.REREVIEW_UPDATE_OPENED,
)

HASH_RECIPE = {
    "algorithm": "SHA-256, as lower-case hexadecimal",
    "input": "the `content` member of the article's public JSON (`api_url`)",
    "serialisation": (
        "JSON with the keys of every object sorted, no whitespace (separators ',' and ':'), "
        "characters outside ASCII written as themselves (not \\u escapes), encoded as UTF-8"
    ),
    "python": (
        "hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, "
        "separators=(',', ':')).encode('utf-8')).hexdigest()"
    ),
    "content": (
        "`fields` holds the title, the summaries and the Markdown body; `references` the "
        "references in order; `audience_bodies` (patient, caregiver, clinician: the Markdown "
        'of the article written for each, "" for none) is present only when at least one '
        "is written; `provenance` (kind, pipeline, model, version) is present only when the "
        "revision was not simply written by people. The page's HTML is rendered from this "
        "Markdown."
    ),
    "command": "python manage.py verify_article <article URL>",
}


def reviewer_credited_by_name(assignment: ReviewAssignment) -> bool:
    """Whether the reviewer agreed, when submitting the review, to be named in the public
    record; otherwise they are "Reviewer n" with their credentials."""
    return assignment.credit_consent


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None


def _approvals(revision: Revision) -> list[dict[str, Any]]:
    votes = (
        eligible_approvals(revision).select_related("member__reviewer").order_by("created_at", "pk")
    )
    approvals = []
    for vote in votes:
        name, credentials = _board_name(vote.member)
        approvals.append(
            {
                "member": name,
                "credentials": credentials,
                "date": _iso(vote.created_at),
                "content_hash": vote.content_hash,
            }
        )
    return approvals


def _peer_reviews(revision: Revision) -> list[dict[str, Any]]:
    reviews = (
        review_counted_list(revision).select_related("reviewer").order_by("completed_at", "pk")
    )
    return [
        {
            "reviewer": review.reviewer.display_name
            if reviewer_credited_by_name(review)
            else f"Reviewer {number}",
            "credentials": review.reviewer.credentials,
            "completed": _iso(review.completed_at),
        }
        for number, review in enumerate(reviews, start=1)
    ]


EVENT_FIELDS = ("sequence", "created_at", "action", "revision__number", "from_state",
                "to_state", "previous_hash", "hash", "data__content_hash")  # fmt: skip


def _event(row: dict[str, Any]) -> dict[str, Any]:
    content_hash = row["data__content_hash"]
    return {
        "sequence": row["sequence"],
        "at": _iso(row["created_at"]),
        "action": row["action"],
        "revision": row["revision__number"],
        "from_state": row["from_state"],
        "to_state": row["to_state"],
        **({"content_hash": content_hash} if isinstance(content_hash, str) else {}),
        "previous_hash": row["previous_hash"],
        "hash": row["hash"],
    }


def _events(article: Article) -> list[dict[str, Any]]:
    rows = (
        AuditEvent.objects.filter(
            article=article,
            revision__state__in=PUBLISHED_STATES,
            action__in=PUBLIC_ACTIONS,
        )
        .order_by("sequence")
        .values(*EVENT_FIELDS)
    )
    return [_event(row) for row in rows]


def latest_checkpoint(sequence: int) -> dict[str, Any] | None:
    """The newest signed checkpoint of the audit chain (AUDIT_CHECKPOINT_FILE) if it covers
    the event `sequence`; one whose signature does not verify is never shown."""
    path = settings.AUDIT_CHECKPOINT_FILE
    if not path or not Path(path).is_file():
        return None
    try:
        found = checkpoints.read(Path(path))
    except (OSError, checkpoints.CheckpointError):
        return None
    keys = audit.known_keys()
    for _, checkpoint in reversed(found):
        key = keys.get(checkpoint.key_id)
        if key is not None and hmac.compare_digest(
            key.sign(checkpoint.signed_part()), checkpoint.signature
        ):
            if checkpoint.sequence < sequence:
                return None
            return {
                "sequence": checkpoint.sequence,
                "hash": checkpoint.hash,
                "events": checkpoint.events,
                "at": checkpoint.at,
                "key_id": checkpoint.key_id,
                "signature": checkpoint.signature,
            }
    return None


def review_record(article: Article, revision: Revision, *, api_url: str, url: str) -> dict:
    """The public review record of the article's live revision."""
    approvals = _approvals(revision)
    events = _events(article)
    approvers = [
        ReviewCredit(name=a["member"], credentials=a["credentials"], role="board")
        for a in approvals
    ]
    return {
        "slug": article.slug,
        "url": url,
        "api_url": api_url,
        "title": revision.title,
        "revision": revision.number,
        "content_hash": revision.content_hash,
        "how_to_check": HASH_RECIPE,
        "drafting": drafting_data(revision),
        "editorial_responsibility": responsibility_data(revision, approvers),
        "approvals": approvals,
        "peer_reviews": _peer_reviews(revision),
        "dates": {
            "submitted": _iso(revision.submitted_at),
            "review_started": _iso(revision.review_started_at),
            "approved": _iso(revision.decided_at),
            "published": _iso(revision.published_at),
            "first_published": _iso(article.first_published_at),
            "last_reviewed": _iso(article.last_reviewed_on),
        },
        "audit": {
            "about": (
                "The steps of this article's published revisions in the audit history, each "
                "sealed into a chain by its keyed hash over the previous one; the checkpoint "
                "is the chain's head as signed and kept outside the database."
            ),
            "events": events,
            "checkpoint": latest_checkpoint(events[-1]["sequence"]) if events else None,
        },
    }
