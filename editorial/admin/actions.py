"""Every button the admin shows, and the registry action each one takes.

django-fsm-2's FSMAdminMixin is not used: it calls the model's transition and save()
directly. Here a button is a form; a valid form is handed to the service the registry
names for its action. Which buttons a person sees is `workflow.allowed`; the board's vote
is offered as its three decisions. `editorial.checks` makes sure every action the registry
offers in the admin has a button here, and no button takes an action the registry lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms

from .. import services, workflow
from ..policy import Actor, User
from . import consequences
from .forms import (
    AcceptForm,
    CancelForm,
    CommentForm,
    ConfirmForm,
    DeclineForm,
    ExtendDueForm,
    NoteForm,
    RecuseForm,
    ReinviteForm,
    ReviewForm,
    ScheduleForm,
    StartReviewForm,
    VoteReinstatementForm,
)


@dataclass(frozen=True)
class Button:
    action: str  # the registry's action name
    form: Callable[..., forms.Form]
    done: str
    explain: str = ""
    danger: bool = False
    fixed: dict[str, Any] = field(default_factory=dict)  # input the button itself supplies
    rename: dict[str, str] = field(default_factory=dict)  # form field -> service argument
    label_text: str = ""
    # For an action that cannot be undone: what it will do, in words, shown on a confirmation
    # page before it acts.
    confirm: Callable[[Any], list[str]] | None = None

    @property
    def label(self) -> str:
        return self.label_text or workflow.action(self.action).label

    @property
    def needs_input(self) -> bool:
        return bool(self.form().fields)

    def make_form(self, obj: Any, data: Any = None) -> forms.Form:
        """The button's form for this object (a form may narrow its choices to it)."""
        form = self.form(data)
        if hasattr(form, "narrow"):
            form.narrow(obj)
        return form

    def run(self, obj: Any, actor: Actor, data: dict) -> Any:
        """Hand the form's data to the action's one service."""
        act = workflow.action(self.action)
        arguments = {self.rename.get(k, k): v for k, v in data.items()}
        service = getattr(services, act.service)
        return service(**{act.machine: obj}, actor=actor, **self.fixed, **arguments)


def _comment(label: str) -> Callable[..., forms.Form]:
    return lambda *args, **kwargs: CommentForm(*args, label=label, **kwargs)


def _decision(decision: str, **kwargs: Any) -> Button:
    label = workflow.action(decision).needs.get("comment", "Comment (optional)").rstrip(".")
    return Button(
        "vote",
        _comment(label),
        fixed={"decision": decision},
        label_text=workflow.action(decision).label,
        **kwargs,
    )


# URL segment -> button.
REVISION_BUTTONS: dict[str, Button] = {
    "start_review": Button(
        "start_review",
        StartReviewForm,
        "Review started.",
        "Opens the revision to the board. Needs at least one accepted reviewer, except for a "
        "minor change. Confirm the change class the author chose, or correct it: from now on "
        "the class and its note are frozen.",
    ),
    "reinvite_reviewers": Button(
        "reinvite_reviewers",
        ReinviteForm,
        "Last round's reviewers invited again; each has been e-mailed.",
        "Invites again everyone who completed a review of the article's last reviewed "
        "revision and may still review it: no conflict declared, still in the Reviewers "
        "group, room under their limit, not invited here yet. Each gets the usual invitation.",
    ),
    "approve": _decision(
        "approve",
        done="Your approval is recorded.",
        explain="The revision is approved once the quorum of board approvals is reached.",
    ),
    "request_changes": _decision(
        "request_changes",
        done="Changes requested; the author has been told.",
        explain="Sends the revision back to its author at once.",
    ),
    "reject": _decision(
        "reject",
        done="Revision rejected; the author has been told.",
        explain="Rejects the revision at once. This cannot be undone.",
        danger=True,
        confirm=consequences.reject,
    ),
    "recuse": Button(
        "recuse",
        RecuseForm,
        ReinviteForm,
        "Your conflict of interest is recorded; you will not vote on this article.",
        "You stand aside from every revision of this article. The board and editors read "
        "your declaration.",
    ),
    "schedule_publication": Button(
        "schedule_publication",
        ScheduleForm,
        "Publication schedule saved.",
        "The approved revision goes live at this time.",
    ),
    "publish": Button(
        "publish",
        ConfirmForm,
        "Published: this revision is now what the public reads.",
        "Replaces the live version of the article, if any, with this approved revision.",
        confirm=consequences.publish,
    ),
    "unpublish": Button(
        "unpublish",
        _comment("Public reason for the retraction: shown to readers on the article's page"),
        "Unpublished: the article has left the public site.",
        "Retracts the article from the public site; readers see the reason.",
        danger=True,
        rename={"comment": "reason"},
        confirm=consequences.unpublish,
    ),
    "open_rereview": Button(
        "open_rereview",
        ConfirmForm,
        "Re-review opened: invite its reviewers.",
        "Asks reviewers whether the published text is still accurate. The text stays online "
        "and unchanged; the board then attests it or opens an update.",
    ),
}

ASSIGNMENT_BUTTONS: dict[str, Button] = {
    "accept": Button(
        "accept",
        AcceptForm,
        "Invitation accepted. Thank you.",
        "Declare any conflict of interest before you accept.",
    ),
    "decline": Button("decline", DeclineForm, "Invitation declined.", danger=True),
    "review": Button(
        "review",
        ReviewForm,
        "Review submitted. Thank you.",
        "Once submitted, a review cannot be changed.",
    ),
    "extend_due": Button(
        "extend_due",
        ExtendDueForm,
        "Due date moved; the reviewer has been told.",
        "Gives the reviewer more time; they are e-mailed the new date.",
    ),
    "send_link": Button(
        "send_link",
        ConfirmForm,
        "A new link is on its way to the reviewer; earlier links no longer work.",
        "E-mails the reviewer a new link that opens this assignment without a password, "
        "until the due date plus the grace period. Earlier links stop working.",
    ),
    "revoke_link": Button(
        "revoke_link",
        ConfirmForm,
        "Link revoked: it no longer opens this assignment.",
        "Stops the reviewer's link from working. They can still sign in, or ask for a new "
        "link, which you may send from here.",
        danger=True,
    ),
    "cancel": Button(
        "cancel",
        CancelForm,
        "Assignment cancelled.",
        "Withdraws the invitation or the review in progress.",
        danger=True,
    ),
}


def _note(action: str) -> Callable[..., forms.Form]:
    act = workflow.action(action)
    label = ({**act.needs, **act.optional}["note"]).rstrip(".")
    return lambda *args, **kwargs: NoteForm(*args, label=label, **kwargs)


REPORT_BUTTONS: dict[str, Button] = {
    "acknowledge": Button(
        "acknowledge_report",
        _note("acknowledge_report"),
        "Report acknowledged.",
        "Marks the report as being looked at.",
    ),
    "resolve": Button(
        "resolve_report",
        _note("resolve_report"),
        "Report resolved.",
        "Closes the report as dealt with. The reader's e-mail address is erased "
        "once the retention period has passed.",
    ),
    "open_correction": Button(
        "open_correction",
        _note("open_correction"),
        "Correction opened: the author has a draft to correct, and has been told.",
        "Starts the next revision of the article as a correction, a draft copied from the live "
        "text for its author to correct and explain. The report stays open until the "
        "correction is published, which resolves it.",
    ),
    "dismiss": Button(
        "dismiss_report",
        _note("dismiss_report"),
        "Report dismissed.",
        "Closes the report without a change to the article.",
        danger=True,
    ),
}

# Approving a revision that reinstates a retracted article: the vote form with the
# acknowledgement, which the revision page's "approve" button opens for such a revision.
APPROVE_REINSTATEMENT = Button(
    "vote",
    VoteReinstatementForm,
    "Your approval is recorded.",
    "This revision publishes a retracted article again. Read the retraction's reason above; "
    "approve only acknowledging it.",
    fixed={"decision": "approve"},
    label_text="Approve",
)

REREVIEW_BUTTONS: dict[str, Button] = {
    "attest": Button(
        "attest_rereview",
        _note("attest_rereview"),
        "Attested: the article's review dates have moved; its text is unchanged.",
        "The published text stays exactly as approved (same revision, same hash); the "
        "article is marked reviewed today and its next review is scheduled.",
    ),
    "open_update": Button(
        "open_update",
        _note("open_update"),
        "Update opened: the author has a new draft and has been told why.",
        "Closes the re-review and starts a new draft, copied from the published text, for the "
        "author. The published text stays online until the update is published.",
    ),
    "cancel_rereview": Button(
        "cancel_rereview",
        _note("cancel_rereview"),
        "Re-review cancelled.",
        "Calls off the re-review and its open invitations; the article's dates do not move.",
        danger=True,
    ),
}

# Assigning a reviewer has a page of its own (the picker); it is the registry's
# "assign_reviewer" (or, on a re-review, "assign_rereviewer"), offered by a link.
PAGES = {
    "assign_reviewer": "articles_revision_assign",
    "assign_rereviewer": "articles_revision_rereview_assign",
}


def buttons_for(buttons: dict[str, Button], user: User, obj: Any) -> list[str]:
    """The buttons of the actions this user may take on this object now."""
    allowed = set(workflow.allowed(user, obj))
    return [key for key, button in buttons.items() if button.action in allowed]
