"""Every button the admin shows, and the one service each one calls.

django-fsm-2's FSMAdminMixin is not used: it calls the model's transition and save()
directly. Here a button is a form; a valid form is handed to exactly one service.

Who may press which button now is policy's: buttons carry policy's action names, except
that the board's "vote" is offered as its three decisions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from .. import policy, services
from . import forms as f


@dataclass(frozen=True)
class Action:
    label: str
    form: Callable[..., forms.Form]
    run: Callable[[Any, Any, dict], Any]  # (object, actor, cleaned_data)
    done: str
    explain: str = ""
    danger: bool = False

    @property
    def needs_input(self) -> bool:
        return bool(self.form().fields)


def _comment(required: bool, label: str = "") -> Callable[..., forms.Form]:
    return lambda *args, **kwargs: f.CommentForm(*args, required=required, label=label, **kwargs)


REVISION_ACTIONS: dict[str, Action] = {
    "start_review": Action(
        "Start review",
        f.ConfirmForm,
        lambda rev, actor, data: services.revision_start_review(revision=rev, actor=actor),
        "Review started.",
        "Opens the revision to the board. Needs at least one accepted reviewer.",
    ),
    "approve": Action(
        "Approve",
        _comment(False, "Comment (optional)"),
        lambda rev, actor, data: services.revision_approve(
            revision=rev, actor=actor, comment=data["comment"]
        ),
        "Your approval is recorded.",
        "The revision is approved once the quorum of board approvals is reached.",
    ),
    "request_changes": Action(
        "Request changes",
        _comment(True, "What must change (sent to the author)"),
        lambda rev, actor, data: services.revision_request_changes(
            revision=rev, actor=actor, comment=data["comment"]
        ),
        "Changes requested; the author has been told.",
        "Sends the revision back to its author at once.",
    ),
    "reject": Action(
        "Reject",
        _comment(True, "Why the revision is rejected (sent to the author)"),
        lambda rev, actor, data: services.revision_reject(
            revision=rev, actor=actor, comment=data["comment"]
        ),
        "Revision rejected; the author has been told.",
        "Rejects the revision at once. This cannot be undone.",
        danger=True,
    ),
    "schedule_publication": Action(
        "Schedule publication",
        f.ScheduleForm,
        lambda rev, actor, data: services.revision_schedule_publication(
            revision=rev, actor=actor, publish_at=data["publish_at"]
        ),
        "Publication schedule saved.",
        "The approved revision goes live at this time.",
    ),
    "publish": Action(
        "Publish now",
        f.ConfirmForm,
        lambda rev, actor, data: services.revision_publish(revision=rev, actor=actor),
        "Published: this revision is now what the public reads.",
        "Replaces the live version of the article, if any, with this approved revision.",
    ),
    "unpublish": Action(
        "Unpublish",
        _comment(True, "Public reason for the retraction"),
        lambda rev, actor, data: services.revision_unpublish(
            revision=rev, actor=actor, reason=data["comment"]
        ),
        "Unpublished: the article has left the public site.",
        "Retracts the article from the public site; readers see the reason.",
        danger=True,
    ),
}

ASSIGNMENT_ACTIONS: dict[str, Action] = {
    "accept": Action(
        "Accept",
        f.AcceptForm,
        lambda a, actor, data: services.assignment_accept(
            assignment=a,
            actor=actor,
            has_conflict=data["has_conflict"],
            conflict_statement=data["conflict_statement"],
        ),
        "Invitation accepted. Thank you.",
        "Declare any conflict of interest before you accept.",
    ),
    "decline": Action(
        "Decline",
        f.DeclineForm,
        lambda a, actor, data: services.assignment_decline(
            assignment=a, actor=actor, reason=data["reason"]
        ),
        "Invitation declined.",
        danger=True,
    ),
    "review": Action(
        "Submit review",
        f.ReviewForm,
        lambda a, actor, data: services.review_complete(
            assignment=a,
            actor=actor,
            recommendation=data["recommendation"],
            comments_for_author=data["comments_for_author"],
            confidential_comments=data["confidential_comments"],
        ),
        "Review submitted. Thank you.",
        "Once submitted, a review cannot be changed.",
    ),
    "cancel": Action(
        "Cancel",
        f.CancelForm,
        lambda a, actor, data: services.assignment_cancel(
            assignment=a, actor=actor, reason=data["reason"]
        ),
        "Assignment cancelled.",
        "Withdraws the invitation or the review in progress.",
        danger=True,
    ),
}

# Admin button name -> policy action name, where they differ.
POLICY_ACTION = {"approve": "vote", "request_changes": "vote", "reject": "vote"}


def may_attempt(user: Any, name: str, revision: Any) -> bool:
    """The role half of a revision button; the service still checks the state."""
    return policy.may_attempt(user, POLICY_ACTION.get(name, name), revision)


def revision_buttons(user: Any, revision: Any) -> list[str]:
    """policy.allowed_actions as the admin offers them: the vote as the board's three
    decisions, the author's own actions (edit, submit, withdraw) left to the API."""
    allowed = policy.allowed_actions(user, revision)
    return [name for name in REVISION_ACTIONS if POLICY_ACTION.get(name, name) in allowed]
