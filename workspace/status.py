"""Where an author's article stands, in words: its latest revision's state and what happens
next. Worded from the revision's state and dates; the registry decides what the author may
do about it (the links come from `workflow.allowed`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import formats, timezone

from articles.models import Revision, RevisionState

S = RevisionState


@dataclass(frozen=True)
class Standing:
    state: str  # the latest revision's state, in words
    next_step: str  # what happens next
    tone: str  # "todo" (the author's move), "wait" (someone else's), "done" or "stopped"


def _day(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y") if value else ""


def standing(latest: Revision | None, *, reviews_in: int | None = None) -> Standing:
    """`reviews_in`: completed reviews of the latest revision, when known (under review, it
    tells waiting for reviewers from the board voting)."""
    if latest is None:
        return Standing("No revision", "Start a revision.", "todo")
    label = f"Revision {latest.number}: {latest.get_state_display().lower()}"
    state = latest.state
    if state == S.DRAFT:
        return Standing(label, "Your draft: finish it, preview it, then submit it.", "todo")
    if state == S.SUBMITTED:
        return Standing(label, "Waiting for reviewers: the editors are inviting them.", "wait")
    if state == S.UNDER_REVIEW:
        required = settings.EDITORIAL["REQUIRED_REVIEWS"]
        if reviews_in is not None and reviews_in >= required:
            return Standing(label, "The reviews are in: the board is voting.", "wait")
        return Standing(label, "Waiting for reviewers; then the board votes.", "wait")
    if state == S.APPROVED:
        if latest.publish_at:
            when = formats.date_format(timezone.localtime(latest.publish_at), "j F Y, H:i")
            return Standing(label, f"Approved; publication scheduled for {when}.", "wait")
        return Standing(label, "Approved; waiting for the editors to publish it.", "wait")
    if state == S.PUBLISHED:
        return Standing(
            label,
            f"Published on {_day(latest.published_at)}. To change it, start the next revision.",
            "done",
        )
    if state == S.CHANGES_REQUESTED:
        return Standing(
            label,
            "The board asked for changes: read the decision, then start the next revision.",
            "todo",
        )
    if state == S.REJECTED:
        return Standing(label, "The board declined to publish it: read the decision.", "stopped")
    if state == S.WITHDRAWN:
        return Standing(label, "You withdrew it; you may start a new revision.", "stopped")
    if state == S.RETRACTED:
        return Standing(
            label, "Retracted from the public site; you may start a new revision.", "stopped"
        )
    return Standing(label, "A newer revision has replaced it.", "done")
