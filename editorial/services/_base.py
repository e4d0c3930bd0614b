"""What every service shares: locking, the state/policy checks, and error translation."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.db import OperationalError, transaction
from django.db.models import Model
from django_fsm import ConcurrentTransition, can_proceed

from articles.models import Revision

from .. import audit, policy
from ..errors import ConcurrentChange, InvalidTransition, NotPermitted

P = ParamSpec("P")
R = TypeVar("R")

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
        except OperationalError as exc:
            # PostgreSQL's lock_timeout ("canceling statement due to lock timeout").
            if "lock" in str(exc).lower():
                raise ConcurrentChange(BUSY) from exc
            raise

    return wrapper


M = TypeVar("M", bound=Model)


def lock(obj: M, *related: str) -> M:
    """Re-read the row under a row lock, so concurrent actions queue behind each other."""
    # NO KEY: the lock must not block inserts that merely reference the row (an audit event
    # or a vote pointing at it take a KEY SHARE lock), or a service holding this lock while
    # waiting for the audit chain deadlocks against the chain's holder writing such a row.
    if related:
        queryset = type(obj).objects.select_for_update(of=("self",), no_key=True)
        queryset = queryset.select_related(*related)
    else:
        queryset = type(obj).objects.select_for_update(no_key=True)
    return queryset.get(pk=obj.pk)


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
