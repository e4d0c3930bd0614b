"""Where a reviewer's assignment stands, in words: its state, its due date and what happens
next. The registry decides what the reviewer may do about it."""

from __future__ import annotations

from django.utils import formats, timezone

from editorial import workflow
from reviewers.models import AssignmentState, ReviewAssignment

from .status import Standing

S = AssignmentState


def _day(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y") if value else ""


def review_standing(assignment: ReviewAssignment, *, has_draft: bool = False) -> Standing:
    what = "re-review" if assignment.is_rereview else "review"
    due = _day(assignment.due_at)
    state = assignment.state
    label = f"{what.capitalize()}: {assignment.get_state_display().lower()}"
    if state in (S.INVITED, S.ACCEPTED):
        step = "accept" if state == S.INVITED else "review"
        if not workflow.fits_state(workflow.action(step), assignment):
            return Standing(label, f"The {what} is closed; nothing more is needed.", "stopped")
        if assignment.due_at < timezone.now():
            due = f"{due} (overdue)"
    if state == S.INVITED:
        return Standing(label, f"Accept (declaring any conflict) or decline. Due {due}.", "todo")
    if state == S.ACCEPTED:
        draft = "continue your draft" if has_draft else "write it"
        return Standing(label, f"Read the article and {draft}; due {due}.", "todo")
    if state == S.COMPLETED:
        return Standing(
            label,
            f"Submitted on {_day(assignment.completed_at)}. The board decides; you will "
            "hear the outcome by e-mail.",
            "done",
        )
    if state == S.DECLINED:
        return Standing(label, "You declined; nothing more is needed.", "stopped")
    return Standing(label, "The editors no longer need this review.", "stopped")
