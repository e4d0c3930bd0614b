"""What every service shares: locking, the state/policy checks, and error translation."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Model
from django_fsm import ConcurrentTransition, can_proceed

from articles.models import Revision

from .. import audit, policy
from ..errors import ConcurrentChange, InvalidTransition, NotPermitted

P = ParamSpec("P")
R = TypeVar("R")

# PostgreSQL: lock_not_available (lock_timeout), deadlock_detected, serialization_failure.
LOST_RACE_SQLSTATES = {"55P03", "40P01", "40001"}
BUSY = "Someone else changed this at the same moment; nothing was applied. Reload and try again."


def workflow_service(func: Callable[P, R]) -> Callable[P, R]:
    """Run the service in one transaction; a lost race becomes a clear refusal."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with transaction.atomic():
                # One lock order for every service: the audit chain, then rows.
                audit.lock_chain()
                return func(*args, **kwargs)
        except ConcurrentTransition as exc:
            raise ConcurrentChange(BUSY) from exc
        except IntegrityError as exc:
            # A unique row inserted by a concurrent transaction between our check and insert.
            raise ConcurrentChange(BUSY) from exc
        except OperationalError as exc:
            if getattr(exc.__cause__, "sqlstate", None) in LOST_RACE_SQLSTATES:
                raise ConcurrentChange(BUSY) from exc
            raise

    return wrapper


M = TypeVar("M", bound=Model)


def lock(obj: M) -> M:
    """Re-read the row under a row lock, so concurrent actions queue behind each other.

    Services that lock an article and its revisions lock the article first.
    """
    # NO KEY: the lock must not block inserts that merely reference the row (an audit event
    # or a vote pointing at it take a KEY SHARE lock), or a service holding this lock while
    # waiting for the audit chain deadlocks against the chain's holder writing such a row.
    return type(obj).objects.select_for_update(no_key=True).get(pk=obj.pk)


def state_label(revision: Revision) -> str:
    return revision.get_state_display().lower()


def require_transition(revision: Revision, method: str, verb: str, user: Any) -> None:
    """The state check, distinct from the policy check."""
    if not can_proceed(getattr(revision, method)):
        raise InvalidTransition(
            f"A revision that is {state_label(revision)} cannot be {verb}.",
            allowed=policy.allowed_actions(user, revision) if user is not None else [],
        )


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotPermitted(message)
