"""E-mails to the people concerned. Each is a task (`editorial.tasks.send_email`) enqueued
once the change has committed: a rolled-back change enqueues nothing, and the request never
waits for a mail server.

Who hears of an action is the workflow registry's answer (`workflow.recipients`): the
author for the board's decisions, the reviewer for their own assignment, the editor for a
reviewer's answer, and otherwise exactly those whom policy lets take the next step now, so
an editor or board member who wrote the article is never asked to act on it. Reviewers who
completed a review hear the revision's outcome.

Every e-mail links to the page of the exact revision, assignment or report it is about:
staff to the editorial office (the admin), authors to the revision in the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Revision
from reviewers.models import AssignmentState, Recommendation, ReReview, ReviewAssignment

from . import policy, selectors, tasks, workflow
from .models import ReaderReport


def queue(subject: str, body: str, people: Iterable[Any], *, cc: Iterable[Any] = ()) -> bool:
    """Enqueue one e-mail to these people (copying `cc`) after the transaction commits.
    Whether there was anyone to write to."""
    to = sorted({person.email for person in people if person.email})
    copied = sorted({person.email for person in cc if person.email} - set(to))
    if not to:
        to, copied = copied, []
    if not to:
        return False
    # robust: the change is committed by now; a queue that refuses is logged, and neither
    # turns the user's request into an error nor stops the next callbacks.
    transaction.on_commit(
        lambda: tasks.send_email.enqueue(
            subject=f"[Imprimatur] {subject}", body=body, to=to, cc=copied
        ),
        robust=True,
    )
    return True


# -- links and dates ---------------------------------------------------------------------------
def revision_link(revision: Revision) -> str:
    """The revision's own page in the editorial office."""
    return settings.SITE_URL + reverse("admin:articles_revision_change", args=[revision.pk])


def assignment_link(assignment: ReviewAssignment) -> str:
    """The review assignment's own page in the editorial office."""
    return settings.SITE_URL + reverse(
        "admin:reviewers_reviewassignment_change", args=[assignment.pk]
    )


def report_link(report: ReaderReport) -> str:
    """The reader's report in the editors' queue."""
    return settings.SITE_URL + reverse("admin:editorial_readerreport_change", args=[report.pk])


def reviewer_link(assignment: ReviewAssignment) -> str:
    """The link that opens this one assignment without a password, when the service that
    sent the notice has just issued one; otherwise the assignment's page in the office."""
    return getattr(assignment, "link_url", "") or assignment_link(assignment)


def author_link(revision: Revision) -> str:
    """The revision as its author reads it, in the API."""
    return settings.SITE_URL + reverse("revision-detail", args=[revision.pk])


def local(moment: datetime) -> str:
    """A moment in the site's time zone (TIME_ZONE), named, whatever zone is active."""
    zone = timezone.get_default_timezone()
    return timezone.localtime(moment, zone).strftime("%Y-%m-%d %H:%M ") + str(zone)


def title(revision: Revision) -> str:
    return revision.title or revision.article.slug


def authorship(assignment: ReviewAssignment) -> str:
    """What a reviewer's invitation says of who wrote the article: the name, so a conflict of
    interest can be declared, unless review is double-anonymous."""
    name = selectors.author_for(assignment.reviewer.user, assignment.revision.article)
    if name is None:
        return "Review is double-anonymous: the author's name is withheld from reviewers."
    return f"The article is by {name}."


# -- the registry's actions ---------------------------------------------------------------------
def _submitted(revision: Revision, comment: str) -> tuple[str, str]:
    return (
        f"New submission: {title(revision)}",
        f"Revision {revision.number} of “{title(revision)}” was submitted and awaits "
        f"reviewer assignment.\n\n{revision_link(revision)}",
    )


def _invited(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    return (
        f"Invitation to review: {title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYou are invited to review "
        f"“{title(revision)}”. {authorship(assignment)} Please accept (declaring any "
        f"conflict of interest) or decline. The review is due by {local(assignment.due_at)}.\n\n"
        "This link opens your invitation, and once you accept, your review; no password "
        f"is needed. Keep it to yourself:\n{reviewer_link(assignment)}",
    )


def _invited_to_rereview(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    return (
        f"Invitation to re-review: {title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYou are invited to re-review the "
        f"published text of “{title(revision)}” (revision {revision.number}): is it still "
        f"accurate, or does it need an update? {authorship(assignment)} Please accept "
        "(declaring any conflict of interest) or decline. The re-review is due by "
        f"{local(assignment.due_at)}.\n\n"
        "This link opens your invitation, and once you accept, your re-review; no password "
        f"is needed. Keep it to yourself:\n{reviewer_link(assignment)}",
    )


def _update_opened(rereview: ReReview, comment: str) -> tuple[str, str]:
    """To the author: an update is wanted, why, and what the reviewers found."""
    name = title(rereview.revision)
    draft = rereview.article.revisions.order_by("-number").first()
    found = rereview.assignments.filter(
        state=AssignmentState.COMPLETED, recommendation=Recommendation.NEEDS_UPDATE
    ).select_related("reviewer")
    named = policy.can_see_reviewer_names(rereview.article.created_by, rereview.revision)
    body = (
        f"The periodic re-review of “{name}” found that it needs an update. A new draft, "
        "copied from the published text, is waiting for you; the published text stays "
        f"online until the update is published.\n\n{author_link(draft)}"
    )
    if comment:
        body += f"\n\nFrom the Medical Advisory Board:\n{comment}"
    for number, a in enumerate(found.order_by("completed_at", "pk"), start=1):
        label = f"Reviewer {number}" + (f" — {a.reviewer}" if named else "")
        body += f"\n\n{label}:\n{a.comments_for_author}"
    return f"Update needed: {name}", body


def _cancelled(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    body = (
        f"Dear {assignment.reviewer.display_name},\n\nYour review of “{title(revision)}” is "
        "no longer needed; thank you for your time."
    )
    if comment:
        body += f"\n\nThe editor's note: {comment}"
    body += f"\n\n{assignment_link(assignment)}"
    return f"Review no longer needed: {title(revision)}", body


def _extended(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    return (
        f"New due date: {title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYour review of “{title(revision)}” is "
        f"now due by {local(assignment.due_at)}.\n\n{assignment_link(assignment)}",
    )


def _new_link(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
    revision = assignment.revision
    return (
        f"Your new link: {title(revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nHere is a new link to your "
        f"{'re-review' if assignment.is_rereview else 'review'} of “{title(revision)}”, due by "
        f"{local(assignment.due_at)}. Earlier links no longer work.\n\n"
        f"{reviewer_link(assignment)}",
    )


def new_link_asked(assignment: ReviewAssignment, why: str) -> None:
    """A reviewer whose link no longer works asks for a new one: the editors who may send
    it are told (the reviewer's profile and the decision to send stay theirs)."""
    revision = assignment.revision
    reason = {"expired": "it has expired", "revoked": "it was revoked"}.get(
        why, "the review is no longer open"
    )
    queue(
        f"A reviewer asks for a new link: {title(revision)}",
        f"{assignment.reviewer.display_name} opened their link to the "
        f"{'re-review' if assignment.is_rereview else 'review'} of “{title(revision)}” "
        f"(revision {revision.number}), which no longer works because {reason}, and asks "
        "for a new one. Send it from the assignment's page if they should still review.\n\n"
        f"{assignment_link(assignment)}",
        workflow.assignment_editors(assignment),
    )


def _answered(headline: str) -> Callable[[ReviewAssignment, str], tuple[str, str]]:
    """What the editor hears when a reviewer accepts, declines or completes."""

    def build(assignment: ReviewAssignment, comment: str) -> tuple[str, str]:
        revision = assignment.revision
        body = (
            f"{assignment.reviewer.display_name} {headline} the review of "
            f"“{title(revision)}” (revision {revision.number})."
        )
        if assignment.state == AssignmentState.ACCEPTED and assignment.has_conflict:
            body += " They declared a conflict of interest: their review will not count."
        if assignment.state == AssignmentState.DECLINED and comment:
            body += f"\n\nTheir reason: {comment}"
        body += f"\n\n{assignment_link(assignment)}"
        return f"Review {headline}: {title(revision)}", body

    return build


def _decision(headline: str) -> Callable[[Revision, str], tuple[str, str]]:
    def build(revision: Revision, comment: str) -> tuple[str, str]:
        body = f"“{title(revision)}” (revision {revision.number}): {headline}."
        if comment:
            body += f"\n\nComment from the Medical Advisory Board:\n{comment}"
        body += f"\n\n{author_link(revision)}"
        return f"{headline}: {title(revision)}", body

    return build


def _correction_opened(report: Any, comment: str) -> tuple[str, str]:
    revision = report.correction
    return (
        f"Correction requested: {title(revision)}",
        f"A reader reported a problem with “{title(revision)}”, and an editor opened a "
        f"correction: revision {revision.number} is a draft for you to correct. Say what was "
        "wrong in its change note (readers see it with the correction), then submit it."
        + (f"\n\nThe editor's note: {comment}" if comment else "")
        + f"\n\n{revision_link(revision)}",
    )


# Every action the registry says someone is told of has its message here (a system check
# makes sure of it).
MESSAGES: dict[str, Callable[[Any, str], tuple[str, str]]] = {
    "submit": _submitted,
    "assign_reviewer": _invited,
    "accept": _answered("accepted"),
    "decline": _answered("declined"),
    "review": _answered("completed"),
    "cancel": _cancelled,
    "extend_due": _extended,
    "send_link": _new_link,
    "approve": _decision("Approved for publication"),
    "request_changes": _decision("Changes requested"),
    "reject": _decision("Rejected"),
    "publish": _decision("Published"),
    "unpublish": _decision("Retracted"),
    "open_correction": _correction_opened,
    "assign_rereviewer": _invited_to_rereview,
    "open_update": _update_opened,
}

# The outcomes a revision's reviewers hear of, each in their own e-mail.
OUTCOMES = {
    "approve": "approved for publication",
    "request_changes": "sent back to the author for changes",
    "reject": "rejected",
    "publish": "published",
}


def tell(act: workflow.Action, obj: Any, *, comment: str = "") -> None:
    """Queue the notice of an action to the people the registry names for it."""
    subject, body = MESSAGES[act.name](obj, comment)
    queue(subject, body, workflow.recipients(act, obj))
    if act.name in OUTCOMES:
        tell_reviewers(obj, OUTCOMES[act.name])


def tell_reviewers(revision: Revision, outcome: str) -> None:
    """Each reviewer who completed a review of the revision hears what became of it (the
    board's comment to the author is not theirs to read)."""
    completed = ReviewAssignment.objects.filter(
        revision=revision, rereview=None, state=AssignmentState.COMPLETED
    ).select_related("reviewer__user")
    for assignment in completed:
        queue(
            f"Outcome of your review: {title(revision)}",
            f"Dear {assignment.reviewer.display_name},\n\n“{title(revision)}” (revision "
            f"{revision.number}), which you reviewed, was {outcome}. Thank you for your "
            f"review.\n\n{assignment_link(assignment)}",
            [assignment.reviewer.user],
        )


def awaiting_vote(revision: Revision) -> None:
    """The reviews are in: the board members who may vote on the revision now are asked to."""
    queue(
        f"Awaiting your vote: {title(revision)}",
        f"The reviews of “{title(revision)}” are in. The revision awaits the Medical "
        f"Advisory Board's vote.\n\n{revision_link(revision)}",
        workflow.users_who_may(workflow.action("vote"), revision),
    )


def reader_report_received(report: ReaderReport) -> None:
    """A new reader's report: the editors who may take it on are told (the reader's words and
    address stay in the queue, out of mailboxes)."""
    queue(
        f"New reader's report: {title(report.revision)}",
        f"A reader's report ({report.get_kind_display().lower()}) about "
        f"“{title(report.revision)}” (revision {report.revision.number}, as published) "
        f"awaits an editor.\n\n{report_link(report)}",
        workflow.users_who_may(workflow.action("acknowledge_report"), report),
    )
