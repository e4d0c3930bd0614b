"""The workflow, declared once: every action of the revision, assignment and article
machines, with where it may start, where it ends, who may take it, what it records, what it
needs and who is told.

Everything else reads these entries: the guard every service calls (`guard`), what each
person is offered (`allowed`), the admin's buttons and the API's endpoints (checked against
this registry at start-up by `editorial.checks`), the recipients of each notice
(`recipients`), and the permission and wrong-state test tables.

Adding an action: one entry here, its service body, its endpoint and its button; the system
check and the test tables say what is still missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Model

from articles.models import CONTENT_FIELDS, OPEN_FOR_REVIEW, Article, Revision, RevisionState
from reviewers.models import AssignmentState, ReviewAssignment

from . import messages, policy
from .errors import InvalidTransition, NotFound, NotPermitted
from .models import AuditAction
from .policy import Actor
from .selectors.counting import vote_approval_count

S = RevisionState
A = AssignmentState
REVISION, ASSIGNMENT, ARTICLE = "revision", "assignment", "article"
API, ADMIN = "api", "admin"
SYSTEM = None  # the actor when the system acts (a scheduled publication)

# A new revision may be started only once the latest one is no longer in play.
OPEN_REVISION_STATES = frozenset({S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.APPROVED})
SETTLED_REVISION_STATES = frozenset(set(S) - OPEN_REVISION_STATES - {S.SUPERSEDED})


@dataclass(frozen=True)
class Action:
    """One thing a person (or the system) does to one object.

    `source` lists the states of the object the action starts from; `target` is the state
    it ends in (None: the object stays where it is). `transition` names the model's
    django-fsm method when the action moves the state. `who` is policy's predicate.
    `needs` and `optional` name the input, with what each is for. `via` marks a step that is
    never taken on its own but by another action (an approval by the vote that reaches the
    quorum; the superseding of the live revision by the next publication). `revision_states`
    narrows an assignment action to the states of its revision. `available` is a condition
    of the moment (a board member votes once) that decides what is offered; the service
    enforces it as a rule. `tell` names who hears of it: "author", "reviewer", or another
    action's name, meaning those who may take that action now.
    """

    name: str
    machine: str
    source: frozenset[str]
    who: Callable[[Any, Any], bool]
    refusal: str | Callable[[Any, Any], str]
    audit: AuditAction
    label: str
    target: str | None = None
    transition: str | None = None
    needs: Mapping[str, str] = field(default_factory=dict)
    optional: Mapping[str, str] = field(default_factory=dict)
    service: str | None = None
    interfaces: frozenset[str] = frozenset({API, ADMIN})
    via: str | None = None
    revision_states: frozenset[str] | None = None
    available: Callable[[Any, Any], bool] | None = None
    tell: str | None = None
    done: str = ""
    wrong_state: Callable[[Any], str | None] | None = None

    @property
    def offered(self) -> bool:
        return self.via is None


def _states(*states: str) -> frozenset[str]:
    return frozenset(states)


def _frozen(revision: Revision) -> str:
    return (
        f"A revision that is {revision.get_state_display().lower()} is frozen; "
        "start a new revision to change it."
    )


def _not_yet_approved(revision: Revision) -> str | None:
    """Under review, say how far the board's vote has got."""
    if revision.state != S.UNDER_REVIEW:
        return None
    return messages.QUORUM_NOT_REACHED.format(
        approvals=vote_approval_count(revision), quorum=settings.EDITORIAL["BOARD_QUORUM"]
    )


def _not_in_review(revision: Revision) -> str:
    return (
        "Reviewers are assigned to submitted revisions; this one is "
        f"{revision.get_state_display().lower()}."
    )


def _why_not_vote(user: Actor, revision: Revision) -> str:
    """A board member is told what bars them; anyone else, who votes."""
    if policy.is_board(user) and not policy.wrote(user, revision.article):
        if policy.is_recused(user, revision.article):
            return messages.VOTER_CONFLICT
        if policy.peer_reviewed(user, revision):
            return messages.VOTER_REVIEWED
    return messages.NOT_VOTER


ACTIONS: dict[str, Action] = {}


def _register(*actions: Action) -> None:
    for action in actions:
        if action.name in ACTIONS:
            raise ValueError(f"Action {action.name} is declared twice.")
        ACTIONS[action.name] = action


_register(
    # -- the author ---------------------------------------------------------------------
    Action(
        "edit", REVISION, _states(S.DRAFT), policy.can_edit_draft, messages.NOT_YOURS,
        AuditAction.DRAFT_EDITED, "Edit",
        done="edited",
        optional={**dict.fromkeys(CONTENT_FIELDS, "Content of the draft."),
                  "references": "Replaces the whole list."},
        service="revision_edit", interfaces=frozenset({API}), wrong_state=_frozen,
    ),
    Action(
        "submit", REVISION, _states(S.DRAFT), policy.can_submit, messages.NOT_YOURS,
        AuditAction.SUBMITTED, "Submit for review", target=S.SUBMITTED, transition="submit",
        done="submitted",
        service="revision_submit", interfaces=frozenset({API}), tell="assign_reviewer",
    ),
    Action(
        "withdraw", REVISION, _states(S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW),
        policy.can_withdraw, messages.NOT_YOURS, AuditAction.WITHDRAWN, "Withdraw",
        done="withdrawn",
        target=S.WITHDRAWN, transition="withdraw",
        optional={"comment": "Why the revision is withdrawn (kept in the history)."},
        service="revision_withdraw", interfaces=frozenset({API}),
    ),
    Action(
        "start_revision", ARTICLE, SETTLED_REVISION_STATES, policy.can_start_revision,
        messages.NOT_YOURS, AuditAction.REVISION_STARTED, "Start the next revision",
        done="started",
        service="revision_start_next", interfaces=frozenset({API}),
    ),
    # -- editors ------------------------------------------------------------------------
    Action(
        "assign_reviewer", REVISION, OPEN_FOR_REVIEW, policy.can_assign_reviewer,
        messages.NOT_EDITOR, AuditAction.REVIEWER_ASSIGNED, "Assign a reviewer",
        done="given reviewers",
        needs={"reviewer": "The reviewer to invite."},
        optional={"due_at": "When the review is due."},
        service="assignment_create", tell="reviewer", wrong_state=_not_in_review,
    ),
    Action(
        "start_review", REVISION, _states(S.SUBMITTED), policy.can_start_review,
        messages.NOT_EDITOR, AuditAction.REVIEW_STARTED, "Start review",
        done="put under review",
        target=S.UNDER_REVIEW, transition="start_review", service="revision_start_review",
    ),
    # -- the board ----------------------------------------------------------------------
    Action(
        "vote", REVISION, _states(S.UNDER_REVIEW), policy.can_vote, _why_not_vote,
        AuditAction.VOTE_CAST, "Vote",
        done="voted on",
        needs={"decision": "approve, request_changes or reject."},
        optional={
            "comment": "For the author; required unless approving.",
            "conflict_of_interest": "Declare a conflict instead of voting: you are recused.",
        },
        service="board_vote", available=lambda user, revision: not policy.has_voted(
            user, revision
        ),
    ),
    Action(
        "approve", REVISION, _states(S.UNDER_REVIEW), policy.can_vote, _why_not_vote,
        AuditAction.APPROVED, "Approve", target=S.APPROVED, transition="approve",
        done="approved",
        via="vote", tell="author",
    ),
    Action(
        "request_changes", REVISION, _states(S.UNDER_REVIEW), policy.can_vote,
        _why_not_vote, AuditAction.CHANGES_REQUESTED, "Request changes",
        done="sent back for changes",
        target=S.CHANGES_REQUESTED, transition="request_changes", via="vote", tell="author",
        needs={"comment": "What must change (sent to the author)."},
    ),
    Action(
        "reject", REVISION, _states(S.UNDER_REVIEW), policy.can_vote, _why_not_vote,
        AuditAction.REJECTED, "Reject", target=S.REJECTED, transition="reject", via="vote",
        done="rejected",
        tell="author", needs={"comment": "Why the revision is rejected (sent to the author)."},
    ),
    Action(
        "recuse", REVISION, OPEN_FOR_REVIEW, policy.can_recuse, messages.NOT_RECUSER,
        AuditAction.BOARD_RECUSED, "Declare a conflict of interest",
        done="recused from",
        needs={"statement": "The conflict you declare; the board and editors read it."},
        service="board_recuse",
    ),
    Action(
        "schedule_publication", REVISION, _states(S.APPROVED),
        policy.can_schedule_publication, messages.NOT_PUBLISHER,
        AuditAction.PUBLICATION_SCHEDULED, "Schedule publication",
        done="scheduled for publication",
        needs={"publish_at": "When to publish; empty clears the schedule."},
        service="revision_schedule_publication", wrong_state=_not_yet_approved,
    ),
    Action(
        "publish", REVISION, _states(S.APPROVED), policy.can_publish, messages.NOT_PUBLISHER,
        AuditAction.PUBLISHED, "Publish now", target=S.PUBLISHED, transition="publish",
        done="published",
        service="revision_publish", tell="author", wrong_state=_not_yet_approved,
    ),
    Action(
        "supersede", REVISION, _states(S.PUBLISHED), policy.can_publish,
        messages.NOT_PUBLISHER, AuditAction.SUPERSEDED, "Supersede", target=S.SUPERSEDED,
        done="superseded",
        transition="supersede", via="publish",
    ),
    Action(
        "unpublish", REVISION, _states(S.PUBLISHED), policy.can_unpublish,
        messages.NOT_UNPUBLISHER, AuditAction.UNPUBLISHED, "Unpublish", target=S.RETRACTED,
        done="unpublished",
        transition="unpublish", needs={"reason": "Shown to the public with the retraction."},
        service="revision_unpublish", tell="author",
    ),
    # -- review assignments -------------------------------------------------------------
    Action(
        "accept", ASSIGNMENT, _states(A.INVITED), policy.can_respond, messages.NOT_YOUR_INVITATION,
        AuditAction.ASSIGNMENT_ACCEPTED, "Accept", target=A.ACCEPTED, transition="accept",
        done="accepted",
        needs={"has_conflict": "Whether you have a conflict of interest."},
        optional={"conflict_statement": "Your declaration, when you have a conflict."},
        service="assignment_accept", revision_states=OPEN_FOR_REVIEW,
    ),
    Action(
        "decline", ASSIGNMENT, _states(A.INVITED), policy.can_respond, messages.NOT_YOUR_INVITATION,
        AuditAction.ASSIGNMENT_DECLINED, "Decline", target=A.DECLINED, transition="decline",
        done="declined",
        needs={"reason": "Why you decline."}, service="assignment_decline",
    ),
    Action(
        "review", ASSIGNMENT, _states(A.ACCEPTED), policy.can_complete_review,
        messages.NOT_YOUR_REVIEW, AuditAction.REVIEW_COMPLETED, "Submit review",
        done="completed",
        target=A.COMPLETED, transition="complete",
        needs={
            "recommendation": "approve, minor_changes, major_changes or reject.",
            "comments_for_author": "What the author reads (blinded).",
        },
        optional={"confidential_comments": "For the editors and the board only."},
        service="review_complete", revision_states=OPEN_FOR_REVIEW,
    ),
    Action(
        "cancel", ASSIGNMENT, _states(A.INVITED, A.ACCEPTED), policy.can_manage_assignment,
        messages.NOT_EDITOR, AuditAction.ASSIGNMENT_CANCELLED, "Cancel",
        done="cancelled",
        target=A.CANCELLED, transition="cancel",
        optional={"reason": "Kept in the history and sent to the reviewer."},
        service="assignment_cancel", tell="reviewer",
    ),
    Action(
        "extend_due", ASSIGNMENT, _states(A.INVITED, A.ACCEPTED), policy.can_manage_assignment,
        messages.NOT_EDITOR, AuditAction.DUE_DATE_EXTENDED, "Extend the due date",
        done="extended",
        needs={"due_at": "The new due date, later than the current one."},
        service="assignment_extend_due", revision_states=OPEN_FOR_REVIEW, tell="reviewer",
    ),
)  # fmt: skip


def action(name: str) -> Action:
    return ACTIONS[name]


def actions_of(machine: str, *, offered: bool = True) -> list[Action]:
    return [a for a in ACTIONS.values() if a.machine == machine and (a.offered or not offered)]


# -- where an object stands -------------------------------------------------------------------
def state_of(act: Action, obj: Any) -> str | None:
    """The state the action's source is read against: a revision's or an assignment's own,
    and for an article the state of its latest revision."""
    if act.machine == ARTICLE:
        latest = policy.latest_revision(obj)
        return latest.state if latest is not None else None
    return obj.state


def fits_state(act: Action, obj: Any) -> bool:
    if state_of(act, obj) not in act.source:
        return False
    return act.revision_states is None or obj.revision.state in act.revision_states


def visible(user: Actor, obj: Any) -> bool:
    """Whether the object's page exists for this user; policy's reading rules."""
    if user is SYSTEM:
        return True
    if isinstance(obj, Revision):
        return policy.can_see_revision(user, obj)
    if isinstance(obj, ReviewAssignment):
        return policy.can_see_assignment(user, obj)
    if isinstance(obj, Article):
        return policy.can_see_article(user, obj)
    raise TypeError(f"No reading rule for {type(obj).__name__}.")


# -- the guard --------------------------------------------------------------------------------
def _state_refusal(act: Action, obj: Any, user: Actor) -> InvalidTransition:
    if act.machine == ASSIGNMENT and state_of(act, obj) in act.source:
        message = "The revision is no longer open for review."
    elif act.wrong_state is not None and (custom := act.wrong_state(obj)):
        message = custom
    elif act.machine == ASSIGNMENT:
        message = f"This invitation is {obj.get_state_display().lower()}; it cannot be {act.done}."
    elif act.machine == ARTICLE:
        latest = policy.latest_revision(obj)
        message = (
            f"Revision {latest.number} is still {latest.get_state_display().lower()}; "
            "finish or withdraw it before starting another."
        )
    else:
        message = f"A revision that is {obj.get_state_display().lower()} cannot be {act.done}."
    return InvalidTransition(message, allowed=allowed(user, obj) if user is not SYSTEM else [])


def refusal(act: Action | str, user: Actor, obj: Any) -> Exception | None:
    """Why this user may not take this action on this object now, in the one order every
    interface answers: not visible (404), not theirs to take (403), not in a state it fits
    (409, with what they may do instead). None: go ahead, the service checks its rules."""
    act = ACTIONS[act] if isinstance(act, str) else act
    if user is not SYSTEM:
        if not visible(user, obj):
            return NotFound(messages.NOT_VISIBLE)
        if not act.who(user, obj):
            why = act.refusal if isinstance(act.refusal, str) else act.refusal(user, obj)
            return NotPermitted(why)
    if not fits_state(act, obj):
        return _state_refusal(act, obj, user)
    return None


def guard(act: Action | str, user: Actor, obj: Any) -> Action:
    """Raise the refusal, if any; services call this first, after locking the row."""
    act = ACTIONS[act] if isinstance(act, str) else act
    policy.forget(user)
    problem = refusal(act, user, obj)
    if problem is not None:
        raise problem
    return act


def permits(act: Action, user: Actor, obj: Any) -> bool:
    """The action is offered to this user now: theirs, in a fitting state, available."""
    return (
        fits_state(act, obj)
        and (user is SYSTEM or act.who(user, obj))
        and (act.available is None or act.available(user, obj))
    )


def allowed(user: Actor, obj: Any) -> list[str]:
    """What this user may do to this object now, in the registry's order."""
    machine = (
        REVISION
        if isinstance(obj, Revision)
        else ASSIGNMENT
        if isinstance(obj, ReviewAssignment)
        else ARTICLE
    )
    return [a.name for a in actions_of(machine) if permits(a, user, obj)]


# -- who is told ------------------------------------------------------------------------------
def recipients(act: Action | str, obj: Any) -> list[Any]:
    """The people a notice about this action goes to: the article's author for decisions,
    the reviewer for their own assignment, and otherwise exactly those who may take the
    named next action now (never the article's author, whom no such action admits)."""
    act = ACTIONS[act] if isinstance(act, str) else act
    if act.tell == "author":
        article = obj.article if isinstance(obj, Revision) else obj.revision.article
        return [article.created_by]
    if act.tell == "reviewer":
        return [obj.reviewer.user]
    if act.tell is None:
        return []
    return users_who_may(ACTIONS[act.tell], obj)


def users_who_may(act: Action, obj: Any) -> list[Any]:
    """Wagtail's users_with_permission_for_instance, for one action: every active person in
    a role group for whom the action is offered on this object now."""
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=policy.ROLE_GROUPS)
        .distinct()
        .prefetch_related("groups")
        .order_by("pk")
    )
    return [user for user in policy.with_roles(people) if permits(act, user, obj)]


def models_with_machines() -> Iterable[tuple[str, type[Model]]]:
    return ((REVISION, Revision), (ASSIGNMENT, ReviewAssignment))
