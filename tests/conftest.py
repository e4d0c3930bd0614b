"""Shared fixtures: one user per role, and a `workflow` helper that reaches any state
through the services."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from articles.models import Revision
from editorial import services
from reviewers.models import ReviewAssignment

from .factories import ReviewerFactory, SpecialtyFactory, UserFactory, reference_data


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


@pytest.fixture(autouse=True)
def _postgres_tests_need_postgres(request):
    """Database tests fail, never skip, when the database is not PostgreSQL."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: run it with `make test-postgres`.")


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


BODY = "Hypertension is common [1]. Treatment lowers stroke risk [2].\n\nSee also [1, 2]."


class Workflow:
    """Drives one article through the services to any state."""

    def __init__(self, author, editor, board, reviewers, specialty):
        self.author, self.editor, self.board = author, editor, board
        self.reviewers, self.specialty = reviewers, specialty
        self.count = 0

    def draft(self, *, slug: str | None = None, body: str = BODY, references: int = 2):
        self.count += 1
        article = services.article_create(
            actor=self.author,
            slug=slug or f"article-{self.count}",
            specialty=self.specialty,
            title=f"Managing high blood pressure {self.count}",
            summary="What raised blood pressure means and how it is treated.",
            summary_patient="Plain-language summary for patients.",
            body=body,
            references=reference_data(references),
        )
        return article.revisions.get()

    def submitted(self, **kwargs) -> Revision:
        return services.revision_submit(revision=self.draft(**kwargs), actor=self.author)

    def assigned(self, revision: Revision | None = None, n: int = 2) -> list[ReviewAssignment]:
        revision = revision or self.submitted()
        return [
            services.assignment_create(revision=revision, reviewer=r, actor=self.editor)
            for r in self.reviewers[:n]
        ]

    def accepted(self, revision: Revision | None = None, n: int = 2) -> list[ReviewAssignment]:
        return [
            services.assignment_accept(assignment=a, actor=a.reviewer.user, has_conflict=False)
            for a in self.assigned(revision, n)
        ]

    def under_review(self, revision: Revision | None = None) -> Revision:
        accepted = self.accepted(revision)
        return services.revision_start_review(revision=accepted[0].revision, actor=self.editor)

    def reviewed(self, revision: Revision | None = None, n: int = 2) -> Revision:
        """Under review with n completed reviews."""
        accepted = self.accepted(revision, n)
        rev = services.revision_start_review(revision=accepted[0].revision, actor=self.editor)
        for a in accepted:
            services.review_complete(
                assignment=a,
                actor=a.reviewer.user,
                recommendation="approve",
                comments_for_author="Clear and accurate.",
                confidential_comments="No concerns.",
            )
        return rev

    def approved(self, revision: Revision | None = None) -> Revision:
        rev = self.reviewed(revision)
        for member in self.board[:2]:
            rev = services.revision_approve(revision=rev, actor=member, comment="Approved.")
        return rev

    def published(self, revision: Revision | None = None) -> Revision:
        return services.revision_publish(revision=self.approved(revision), actor=self.editor)

    def scheduled(self, when=None) -> Revision:
        return services.revision_schedule_publication(
            revision=self.approved(),
            actor=self.editor,
            publish_at=when or timezone.now() + timedelta(hours=1),
        )


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
