"""Reminders: what `editorial_tick` tells people who have something waiting on them, each
reminder once.

Every reminder has a key: its kind, what it is about, and the date it is about where that
can move (an assignment's due date, an article's next re-review). The key is written
(`Reminder`) in the transaction that enqueues the e-mail, under a unique constraint: a run
that finds it there sends nothing, and of two runs at the same moment only the first to
commit sends. A due date that was extended, or a re-review that was moved, makes a new key
and may be reminded of again. A reminder that finds no one to write to is not recorded, so
it goes out once someone may act on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Revision
from reviewers.models import AssignmentState, ReviewAssignment

from .. import policy, workflow
from ..models import Reminder, ReminderKind
from ..notifications import assignment_link, authorship, local, queue, revision_link, title
from ..selectors import reminders as due


@dataclass
class Notice:
    """One reminder to send, if its key has not been sent before."""

    kind: str
    key: str
    subject: str
    body: str
    to: list[Any]
    cc: list[Any] = field(default_factory=list)
    revision: Revision | None = None


# -- keys: what a reminder is about -------------------------------------------------------------
def _invited(assignment: ReviewAssignment) -> str:
    return f"assignment:{assignment.pk}"


def _due(assignment: ReviewAssignment) -> str:
    """The assignment and the due date the reminder is about."""
    return f"assignment:{assignment.pk}:due:{assignment.due_at.isoformat()}"


def _revision(revision: Revision) -> str:
    return f"revision:{revision.pk}"


def _next_review(article: Article) -> str:
    return f"article:{article.pk}:due:{article.next_review_due.isoformat()}"


# -- the reminders -------------------------------------------------------------------------------


def _invitation(assignment: ReviewAssignment) -> Notice:
    revision = assignment.revision
    return Notice(
        ReminderKind.INVITATION_UNANSWERED,
        _invited(assignment),
        f"Reminder: invitation to review {title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYou were invited on "
        f"{local(assignment.invited_at)} to review “{title(revision)}” and have not answered "
        f"yet. {authorship(assignment)} Please accept (declaring any conflict of interest) "
        "or decline, so the editors can plan. The review is due by "
        f"{local(assignment.due_at)}.\n\n"
        f"{assignment_link(assignment)}",
        [assignment.reviewer.user],
        revision=revision,
    )


def _due_soon(assignment: ReviewAssignment) -> Notice:
    revision = assignment.revision
    return Notice(
        ReminderKind.REVIEW_DUE_SOON,
        _due(assignment),
        f"Review due soon: {title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYour review of “{title(revision)}” is "
        f"due by {local(assignment.due_at)}. If you need more time, ask the editor.\n\n"
        f"{assignment_link(assignment)}",
        [assignment.reviewer.user],
        revision=revision,
    )


def _overdue(assignment: ReviewAssignment) -> Notice:
    revision = assignment.revision
    waiting = "answer" if assignment.state == AssignmentState.INVITED else "review"
    return Notice(
        ReminderKind.REVIEW_OVERDUE,
        _due(assignment),
        f"Review overdue: {title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYour {waiting} on “{title(revision)}” "
        f"was due by {local(assignment.due_at)}. Please send it, or tell the editor "
        f"(copied) when you can.\n\n{assignment_link(assignment)}",
        [assignment.reviewer.user],
        cc=workflow.assignment_editors(assignment),
        revision=revision,
    )


def _ready(revision: Revision) -> Notice:
    return Notice(
        ReminderKind.READY_FOR_REVIEW,
        _revision(revision),
        f"Ready for review: {title(revision)}",
        f"The required reviews of “{title(revision)}” (revision {revision.number}) are in, "
        "and its review has not been started. Start review to bring it to the Medical "
        f"Advisory Board.\n\n{revision_link(revision)}",
        workflow.users_who_may(workflow.action("start_review"), revision),
        revision=revision,
    )


def _approved(revision: Revision) -> Notice:
    return Notice(
        ReminderKind.APPROVED_UNPUBLISHED,
        _revision(revision),
        f"Approved, not yet published: {title(revision)}",
        f"“{title(revision)}” (revision {revision.number}) was approved by the Medical "
        f"Advisory Board on {local(revision.decided_at)} and is neither published nor "
        f"scheduled for publication.\n\n{revision_link(revision)}",
        workflow.users_who_may(workflow.action("publish"), revision),
        revision=revision,
    )


def _rereview(article: Article) -> Notice:
    revision = article.live_revision
    due_on = article.next_review_due.isoformat()  # a date: no time zone to convert
    return Notice(
        ReminderKind.REREVIEW_DUE,
        _next_review(article),
        f"Re-review due: {title(revision)}",
        f"The published “{title(revision)}” is due for re-review on {due_on}. It is in the "
        f"“re-review due” queue.\n\n{revision_link(revision)}",
        workflow.users_for_whom(policy.can_plan_rereview, article),
        revision=revision,
    )


@dataclass(frozen=True)
class Kind:
    """What is due now, the key of a reminder about one of them, and the reminder."""

    find: Callable[[datetime], Iterable[Any]]
    key: Callable[[Any], str]
    build: Callable[[Any], Notice]


KINDS: dict[str, Kind] = {
    ReminderKind.INVITATION_UNANSWERED: Kind(due.invitation_unanswered_list, _invited, _invitation),
    ReminderKind.REVIEW_DUE_SOON: Kind(due.review_due_soon_list, _due, _due_soon),
    ReminderKind.REVIEW_OVERDUE: Kind(due.review_overdue_list, _due, _overdue),
    ReminderKind.READY_FOR_REVIEW: Kind(due.ready_for_review_list, _revision, _ready),
    ReminderKind.APPROVED_UNPUBLISHED: Kind(due.approved_unpublished_list, _revision, _approved),
    ReminderKind.REREVIEW_DUE: Kind(due.rereview_due_list, _next_review, _rereview),
}


def reminder_send(notice: Notice, *, now: datetime | None = None) -> bool:
    """Record the reminder and enqueue its e-mail in one transaction, unless it was sent
    before (or is being sent by a concurrent run) or there is no one to send it to."""
    if not notice.to and not notice.cc:
        return False
    try:
        with transaction.atomic():
            Reminder.objects.create(
                kind=notice.kind,
                key=notice.key,
                revision=notice.revision,
                recipients=sorted({person.pk for person in [*notice.to, *notice.cc]}),
                sent_at=now or timezone.now(),
            )
            queue(notice.subject, notice.body, notice.to, cc=notice.cc)
    except IntegrityError:
        # Sent before, or a concurrent run recorded the same key first and sends it.
        return False
    return True


def reminders_send(*, now: datetime | None = None) -> dict[str, int]:
    """Send every reminder that is due and was not sent before; how many of each kind."""
    now = now or timezone.now()
    sent = {}
    for name, kind in KINDS.items():
        waiting = {kind.key(item): item for item in kind.find(now)}
        # Who to write to is worked out only for what has not been sent already.
        done = set(
            Reminder.objects.filter(kind=name, key__in=list(waiting)).values_list("key", flat=True)
        )
        sent[name] = sum(
            reminder_send(kind.build(item), now=now)
            for key, item in waiting.items()
            if key not in done
        )
    return sent
