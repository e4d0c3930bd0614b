"""Reading the registry: the guard every service calls, what each person is offered, and
who is told."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model

from articles.models import Article, Revision
from reviewers.models import ReReview, ReReviewState, ReviewAssignment

from .. import messages, policy
from ..errors import InvalidTransition, NotFound, NotPermitted
from ..models import ReaderReport
from ..policy import Actor
from .action import ARTICLE, ASSIGNMENT, REPORT, REREVIEW, REVISION, SYSTEM, Action
from .registry import ACTIONS


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
    if act.revision_states is None:
        return True
    if act.machine == ASSIGNMENT and obj.rereview_id is not None:
        # A re-review's assignment is on the published revision: what must be open for the
        # review is the re-review, not the revision.
        return obj.rereview.state == ReReviewState.OPEN
    return obj.revision.state in act.revision_states


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
    if isinstance(obj, ReaderReport):
        return policy.can_see_reader_report(user, obj)
    if isinstance(obj, ReReview):
        return policy.can_see_rereview(user, obj)
    raise TypeError(f"No reading rule for {type(obj).__name__}.")


# -- the guard --------------------------------------------------------------------------------
def _state_refusal(act: Action, obj: Any, user: Actor) -> InvalidTransition:
    if act.machine == ASSIGNMENT and state_of(act, obj) in act.source:
        message = (
            "The re-review is closed."
            if obj.rereview_id is not None
            else "The revision is no longer open for review."
        )
    elif act.wrong_state is not None and (custom := act.wrong_state(obj)):
        message = custom
    elif act.machine == ASSIGNMENT:
        message = f"This invitation is {obj.get_state_display().lower()}; it cannot be {act.done}."
    elif act.machine == REPORT:
        message = f"This report is {obj.get_state_display().lower()}; it cannot be {act.done}."
    elif act.machine == REREVIEW:
        message = f"This re-review is {obj.get_state_display().lower()}; it cannot be {act.done}."
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


def allowed(user: Actor, obj: Any, interface: str | None = None) -> list[str]:
    """What this user may do to this object now, in the registry's order; through the given
    interface only, when one is named."""
    return [
        a.name
        for a in actions_of(machine_of(obj))
        if (interface is None or interface in a.interfaces) and permits(a, user, obj)
    ]


def machine_of(obj: Any) -> str:
    if isinstance(obj, Revision):
        return REVISION
    if isinstance(obj, ReviewAssignment):
        return ASSIGNMENT
    if isinstance(obj, ReaderReport):
        return REPORT
    if isinstance(obj, ReReview):
        return REREVIEW
    return ARTICLE


# -- who is told ------------------------------------------------------------------------------
def recipients(act: Action | str, obj: Any) -> list[Any]:
    """The people a notice about this action goes to: the article's author for decisions,
    the reviewer for their own assignment, and otherwise exactly those who may take the
    named next action now (never the article's author, whom no such action admits)."""
    act = ACTIONS[act] if isinstance(act, str) else act
    if act.tell == "author":
        article = obj.article if isinstance(obj, Revision | ReReview) else obj.revision.article
        return [article.created_by]
    if act.tell == "reviewer":
        return [obj.reviewer.user]
    if act.tell == "editor":
        return assignment_editors(obj)
    if act.tell is None:
        return []
    return users_who_may(ACTIONS[act.tell], obj)


def users_who_may(act: Action, obj: Any) -> list[Any]:
    """Wagtail's users_with_permission_for_instance, for one action: every active person in
    a role group for whom the action is offered on this object now."""
    return [user for user in _staff() if permits(act, user, obj)]


def users_for_whom(predicate: Callable[[Any, Any], bool], obj: Any) -> list[Any]:
    """Every active person in a role group for whom policy's predicate holds on the object,
    whatever its state (for notices that ask no one to act now)."""
    return [user for user in _staff() if predicate(user, obj)]


def assignment_editors(assignment: ReviewAssignment) -> list[Any]:
    """Who hears of a reviewer's answer: the editor who sent the invitation while they may
    still manage it, otherwise every editor who may."""
    sender = assignment.assigned_by
    policy.forget(sender)
    if sender.is_active and policy.can_manage_assignment(sender, assignment):
        return [sender]
    return users_for_whom(policy.can_manage_assignment, assignment)


def _staff() -> list[Any]:
    people = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=policy.ROLE_GROUPS)
        .distinct()
        .prefetch_related("groups")
        .order_by("pk")
    )
    return policy.with_roles(people)


def models_with_machines() -> Iterable[tuple[str, type[Model]]]:
    return (
        (REVISION, Revision),
        (ASSIGNMENT, ReviewAssignment),
        (REPORT, ReaderReport),
        (REREVIEW, ReReview),
    )
