"""Run calls at the same moment in real threads, each on its own database connection
(a helper for the PostgreSQL concurrency tests, not a test)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connection

from editorial.audit import verify_chain
from editorial.errors import WorkflowError

# A guard against a hung test, not a timing assertion: a deadlock shows as a stuck thread.
TIMEOUT = 30


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Start every call together; return each one's result or the exception it raised."""
    start = threading.Barrier(len(calls), timeout=TIMEOUT)
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            outcomes[index] = call()
        except Exception as exc:  # handed to the test, which asserts on it
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    assert not any(t.is_alive() for t in threads), "a thread is stuck: deadlock?"
    return outcomes


def split(outcomes: list[Any]) -> tuple[list[Any], list[Exception]]:
    """(successes, refusals); a database error leaking out of a service fails the test."""
    for outcome in outcomes:
        assert not isinstance(outcome, DatabaseError), f"database error leaked: {outcome!r}"
        assert not isinstance(outcome, Exception) or isinstance(outcome, WorkflowError), (
            f"unexpected error: {outcome!r}"
        )
    failures = [o for o in outcomes if isinstance(o, Exception)]
    return [o for o in outcomes if not isinstance(o, Exception)], failures


def assert_chain_intact() -> None:
    assert list(verify_chain()) == []
