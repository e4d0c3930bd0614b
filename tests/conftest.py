"""Shared fixtures: one user per role, and `workflow`, the state builder (tests/workflow.py)
over that cast."""

from __future__ import annotations

import os

import pytest
from django.db import connection, connections, transaction

from articles import selectors

from .editorial.audit_tamper import sqlite_triggers_dropped
from .factories import ReviewerFactory, SpecialtyFactory, UserFactory
from .openapi import _api_answers_match_the_openapi_document, pytest_terminal_summary
from .signin import signed_in
from .workflow import Workflow

__all__ = ["_api_answers_match_the_openapi_document", "pytest_terminal_summary"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: runs before pytest-django sorts transactional tests last, so these are sorted
    # too. serialized_rollback, on every transactional test alike: each starts with the
    # migrations' data (the role groups) that the previous one's flush removed; and a flush
    # by a test without it would re-create content types that the next one then restores
    # a second time (a duplicate key).
    for item in items:
        transactional = "postgres" in item.keywords or {
            "live_server",
            "transactional_db",
        } & set(getattr(item, "fixturenames", ()))
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            transactional = True
        if transactional:
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


@pytest.fixture(autouse=True, scope="session")
def _sqlite_flush_passes_the_triggers():
    """Transactional tests end with a flush, which on SQLite is DELETE (PostgreSQL's TRUNCATE
    fires no row triggers): let it pass the triggers that guard the audit history and
    submitted content, as the database's owner would."""
    if connection.vendor != "sqlite":
        yield
        return
    DatabaseOperations = type(connection.ops)
    flush = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with sqlite_triggers_dropped(self.connection):
            flush(self, sql_list)

    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.execute_sql_flush = flush


@pytest.fixture(autouse=True)
def _public_side_starts_unchecked():
    """Each test's public requests start as a new worker's do, with nothing checked yet: what
    one test's worker checked was another test's database."""
    selectors.forget_checked()


@pytest.fixture(autouse=True)
def _postgres_tests_need_postgres(request):
    """Database tests fail, never skip, when the database is not PostgreSQL."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: run it with `make test-postgres`.")


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's, with the second factor a superuser signs in with."""
    return signed_in(admin_user)


@pytest.fixture
def specialty():
    return SpecialtyFactory(name="Cardiology", slug="cardiology")


@pytest.fixture
def author(db):
    return UserFactory(username="author", groups=["Authors"], first_name="Ada")


@pytest.fixture
def other_author(db):
    return UserFactory(username="other_author", groups=["Authors"])


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editors"])


@pytest.fixture
def board(db):
    return [UserFactory(username=f"board{i}", groups=["Advisory Board"]) for i in (1, 2, 3)]


@pytest.fixture
def reviewers(db, specialty):
    made = [ReviewerFactory(user__username=f"reviewer{i}") for i in (1, 2, 3)]
    for reviewer in made:
        reviewer.specialties.add(specialty)
    return made


@pytest.fixture(scope="module")
def module_workflow(django_db_setup, django_db_blocker):
    """A cast whose rows live for the whole module and are rolled back at its end, for
    tables of many cells over a few states: each cell runs in a savepoint (its test's own
    transaction, nested in this one), so whatever it does is undone before the next.
    Module fixtures that build states on it open the blocker the same way; the tests that
    use them ask for `db` too."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield Workflow.cast(prefix="m-")
        transaction.set_rollback(True)


@pytest.fixture
def workflow(author, editor, board, reviewers, specialty):
    return Workflow(author, editor, board, reviewers, specialty)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium_path():
    path = "/usr/bin/chromium"
    if not os.path.exists(path):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing; .ci/run installs it.")
        pytest.skip("Chromium is not installed (apt-get install -y chromium).")
    return path


@pytest.fixture
def browser(chromium_path, live_server, monkeypatch):
    """Debian's headless Chromium driven by Playwright, closed before the live server stops."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # meanwhile are still plain synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # Queries made while Playwright runs use their own connection; close it, or the
        # test database cannot be dropped at the end of the session.
        connections.close_all()
