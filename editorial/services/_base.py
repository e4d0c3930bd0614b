"""What every service shares: its transaction, locking, applying an action from the
workflow registry, and error translation."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Model
from django_fsm import ConcurrentTransition

from articles.models import Revision
from reviewers.models import ReReview, ReviewAssignment

from .. import audit, notifications, policy
from ..errors import ConcurrentChange, NotPermitted, RuleViolation
from ..models import ReaderReport
from ..policy import Actor
from ..workflow import Action

P = ParamSpec("P")
R = TypeVar("R")

# PostgreSQL: lock_not_available (lock_timeout), deadlock_detected, serialization_failure.
LOST_RACE_SQLSTATES = {"55P03", "40P01", "40001"}
UNIQUE_VIOLATION = "23505"
# SQLite's answer when its write lock could not be had within the timeout.
SQLITE_BUSY = "database is locked"
BUSY = "Someone else changed this at the same moment; nothing was applied. Reload and try again."


def workflow_service(func: Callable[P, R]) -> Callable[P, R]:
    """Run the service in one transaction; a lost race becomes a clear refusal."""
    return _service(func, chain=True)


def intake_service(func: Callable[P, R]) -> Callable[P, R]:
    """workflow_service for a write from the anonymous public that records no audit event:
    it never takes the audit chain's lock, so a flood of such writes cannot hold up the
    editorial work queued behind that lock."""
    return _service(func, chain=False)


def _service(func: Callable[P, R], *, chain: bool) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        policy.forget(kwargs.get("actor"))
        try:
            with transaction.atomic():
                # One lock order for every service: the audit chain, then rows.
                if chain:
                    audit.lock_chain()
                return func(*args, **kwargs)
        except ConcurrentTransition as exc:
            raise ConcurrentChange(BUSY) from exc
        except IntegrityError as exc:
            # A unique row inserted by a concurrent transaction between our check and insert;
            # any other integrity error (a trigger, a check constraint) is a bug, not a race.
            if _unique_violation(exc):
                raise ConcurrentChange(BUSY) from exc
            raise
        except OperationalError as exc:
            if getattr(exc.__cause__, "sqlstate", None) in LOST_RACE_SQLSTATES or (
                str(exc) == SQLITE_BUSY
            ):
                raise ConcurrentChange(BUSY) from exc
            raise
        finally:
            # What was read about the actor (roles, what bars them from voting) may have
            # changed with this write: the answer that follows reads it afresh.
            policy.forget(kwargs.get("actor"))

    return wrapper


def _unique_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) is not None:
        return cause.sqlstate == UNIQUE_VIOLATION
    return str(exc).startswith("UNIQUE constraint failed")


M = TypeVar("M", bound=Model)


def lock(obj: M) -> M:
    """Re-read the row under a row lock, so concurrent actions queue behind each other.

    Services that lock an article and its revisions lock the article first.
    """
    # NO KEY: the lock must not block inserts that merely reference the row (an audit event
    # or a vote pointing at it take a KEY SHARE lock), or a service holding this lock while
    # waiting for the audit chain deadlocks against the chain's holder writing such a row.
    return type(obj).objects.select_for_update(no_key=True).get(pk=obj.pk)


def apply(
    act: Action,
    obj: Revision | ReviewAssignment | ReaderReport | ReReview,
    *,
    actor: Actor,
    changes: dict[str, Any] | None = None,
    comment: str = "",
    data: dict[str, Any] | None = None,
    tell: bool = True,
    from_state: str | None = None,
) -> None:
    """Take the action on the locked object: its django-fsm transition (if it moves the
    state), the changed fields, one save, the audit event, and the notice after commit."""
    from_state = obj.state if from_state is None else from_state
    if act.transition:
        getattr(obj, act.transition)()
    changes = changes or {}
    for name, value in changes.items():
        setattr(obj, name, value)
    fields = (["state"] if act.transition else []) + list(changes)
    if fields:
        obj.save(update_fields=fields)
    if isinstance(obj, ReviewAssignment):
        revision = obj.revision
        data = {"assignment": obj.pk, "reviewer": obj.reviewer_id, **(data or {})}
        if obj.rereview_id is not None:
            data["rereview"] = obj.rereview_id
    elif isinstance(obj, ReReview):
        revision = obj.revision
        data = {"rereview": obj.pk, **(data or {})}
    elif isinstance(obj, ReaderReport):
        revision = obj.revision
        data = {"report": obj.pk, "kind": obj.kind, **(data or {})}
    else:
        revision = obj
    audit.record(
        action=act.audit,
        actor=actor,
        article=revision.article,
        revision=revision,
        from_state=from_state,
        to_state=obj.state,
        comment=comment,
        data=data,
    )
    if tell and act.tell:
        notifications.tell(act, obj, comment=comment)


def validate(obj: Model, exclude: Sequence[str] = ()) -> None:
    """The model's own field checks, refused as a rule in the user's words (its state is the
    workflow's, never validated here)."""
    try:
        obj.full_clean(exclude=[*exclude, "state"], validate_constraints=False)
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        raise RuleViolation(f"{field}: {errors[0]}", fields=exc.message_dict) from exc


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotPermitted(message)
