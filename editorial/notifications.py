"""E-mails to the people concerned. Always queued with on_commit: a rolled-back
change sends nothing.

Who hears of an action is the workflow registry's answer (`workflow.recipients`): the
author for the board's decisions, the reviewer for their own assignment, and otherwise
exactly those whom policy lets take the next step now, so an editor or board member who
wrote the article is never asked to act on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Revision
from reviewers.models import AssignmentState, Recommendation, ReReview, ReviewAssignment

from . import workflow


def _queue(subject: str, body: str, people: Iterable[Any]) -> None:
    to = sorted({person.email for person in people if person.email})
    if not to:
        return
    # robust: the change is committed by now; a mail server that fails is logged, and
    # neither turns the user's request into an error nor stops the next callbacks.
    transaction.on_commit(
        lambda: send_mail(
            f"[Imprimatur] {subject}", body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False
        ),
        robust=True,
    )


def _title(revision: Revision) -> str:
    return revision.title or revision.article.slug


def revision_link(revision: Revision) -> str:
    """The revision's own page in the editorial office."""
    return settings.SITE_URL + reverse("admin:articles_revision_change", args=[revision.pk])


def _due(assignment: ReviewAssignment) -> str:
    return timezone.localtime(assignment.due_at).date().isoformat()


def _submitted(revision: Revision, comment: str) -> tuple[str, str]:
    return (
        f"New submission: {_title(revision)}",
        f"Revision {revision.number} of “{_title(revision)}” was submitted and awaits "
        f"reviewer assignment.\n\n{revision_link(revision)}",
    )


def _invited(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    return (
        f"Invitation to review: {_title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYou are invited to review "
        f"“{_title(revision)}”. Please accept (declaring any conflict of interest) "
        f"or decline. The review is due on {_due(assignment)}.\n\n{revision_link(revision)}",
    )


def _invited_to_rereview(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    return (
        f"Invitation to re-review: {_title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYou are invited to re-review the "
        f"published text of “{_title(revision)}” (revision {revision.number}): is it still "
        "accurate, or does it need an update? Please accept (declaring any conflict of "
        f"interest) or decline. The re-review is due on {_due(assignment)}.\n\n"
        f"{revision_link(revision)}",
    )


def _update_opened(rereview: ReReview, comment: str) -> tuple[str, str]:
    """To the author: an update is wanted, why, and what the reviewers found."""
    title = _title(rereview.revision)
    reasons = [
        a.comments_for_author
        for a in rereview.assignments.filter(
            state=AssignmentState.COMPLETED, recommendation=Recommendation.NEEDS_UPDATE
        ).order_by("completed_at", "pk")
    ]
    body = (
        f"The periodic re-review of “{title}” found that it needs an update. A new draft, "
        "copied from the published text, is waiting for you; the published text stays "
        "online until the update is published."
    )
    if comment:
        body += f"\n\nFrom the Medical Advisory Board:\n{comment}"
    for number, reason in enumerate(reasons, start=1):
        body += f"\n\nReviewer {number}:\n{reason}"
    return f"Update needed: {title}", body


def _cancelled(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    body = (
        f"Dear {assignment.reviewer.display_name},\n\nYour review of “{_title(revision)}” is "
        "no longer needed; thank you for your time."
    )
    if comment:
        body += f"\n\nThe editor's note: {comment}"
    return f"Review no longer needed: {_title(revision)}", body


def _extended(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    return (
        f"New due date: {_title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYour review of “{_title(revision)}” is "
        f"now due on {_due(assignment)}.\n\n{revision_link(revision)}",
    )


def _decision(headline: str) -> Callable[[Revision, str], tuple[str, str]]:
    def build(revision: Revision, comment: str) -> tuple[str, str]:
        body = f"“{_title(revision)}” (revision {revision.number}): {headline}."
        if comment:
            body += f"\n\nComment from the Medical Advisory Board:\n{comment}"
        return f"{headline}: {_title(revision)}", body

    return build


# Every action the registry says someone is told of has its message here (a system check
# makes sure of it).
MESSAGES: dict[str, Callable[[Any, str], tuple[str, str]]] = {
    "submit": _submitted,
    "assign_reviewer": _invited,
    "cancel": _cancelled,
    "extend_due": _extended,
    "approve": _decision("Approved for publication"),
    "request_changes": _decision("Changes requested"),
    "reject": _decision("Rejected"),
    "publish": _decision("Published"),
    "unpublish": _decision("Retracted"),
    "assign_rereviewer": _invited_to_rereview,
    "open_update": _update_opened,
}


def tell(act: workflow.Action, obj: Any, *, comment: str = "") -> None:
    """Queue the notice of an action to the people the registry names for it."""
    subject, body = MESSAGES[act.name](obj, comment)
    _queue(subject, body, workflow.recipients(act, obj))


def awaiting_vote(revision: Revision) -> None:
    """The reviews are in: the board members who may vote on the revision now are asked to."""
    _queue(
        f"Awaiting your vote: {_title(revision)}",
        f"The reviews of “{_title(revision)}” are in. The revision awaits the Medical "
        f"Advisory Board's vote.\n\n{revision_link(revision)}",
        workflow.users_who_may(workflow.action("vote"), revision),
    )
