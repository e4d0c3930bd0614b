"""API fixtures: a client per role, and a scenario with one article in a chosen state."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from editorial import services

from ..factories import ReviewerFactory
from ..workflow import CONFIDENTIAL, FOR_AUTHOR

__all__ = ["CONFIDENTIAL", "FOR_AUTHOR"]

TITLE = "Managing high blood pressure"

ROLES = (
    "anonymous",
    "author",
    "other_author",
    "reviewer_assigned",
    "reviewer_unassigned",
    "editor",
    "board",
)


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    caches["default"].clear()
    caches["throttle"].clear()
    yield
    caches["default"].clear()
    caches["throttle"].clear()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        # A fresh instance, as a real request would load: no role cache carried over.
        client.force_authenticate(type(user).objects.get(pk=user.pk))
    return client


def assert_error_shape(response, status: int | None = None, code: str | None = None) -> dict:
    """The one error shape; returns the error for further checks."""
    if status is not None:
        assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) <= {"code", "message", "fields", "allowed"}
    assert {"code", "message", "fields"} <= set(error)
    assert isinstance(error["message"], str)
    assert error["message"]
    assert isinstance(error["fields"], dict)
    if code is not None:
        assert error["code"] == code
    return error


@pytest.fixture
def api():
    return client_for(None)


@pytest.fixture
def spare_reviewer(specialty):
    reviewer = ReviewerFactory(user__username="reviewer_spare")
    reviewer.specialties.add(specialty)
    return reviewer


class Scenario:
    """One article whose latest revision is in `state`; reviewer1 is the assigned reviewer
    (invited when submitted, accepted under review, completed after), reviewer3 is not."""

    def __init__(self, workflow, state: str) -> None:
        self.workflow = workflow
        self.state = state
        build = getattr(self, f"_{state}", None)
        self.revision = build() if build else workflow.reach(state)
        self.revision.refresh_from_db()
        self.article = self.revision.article
        self.assignment = self.revision.assignments.filter(
            reviewer=workflow.reviewers[0], rereview=None
        ).first()
        self.rereview = self.revision.rereviews.filter(state="open").first()

    def user(self, role: str):
        w = self.workflow
        return {
            "anonymous": None,
            "author": w.author,
            "other_author": w.other_author,
            "reviewer_assigned": w.reviewers[0].user,
            "reviewer_unassigned": w.reviewers[2].user,
            "editor": w.editor,
            "board": w.board[2],
        }[role]

    def _rereviewed(self):
        # Published, with an open re-review that reviewer2 found still accurate.
        w = self.workflow
        revision = w.published()
        w.rereview(revision, reviewers=[w.reviewers[1]])
        return revision

    def _submitted(self):
        # reviewer1 is invited; reviewer2 has accepted, so review can start.
        w = self.workflow
        revision = w.submitted()
        services.assignment_create(revision=revision, reviewer=w.reviewers[0], actor=w.editor)
        accepted = services.assignment_create(
            revision=revision, reviewer=w.reviewers[1], actor=w.editor
        )
        services.assignment_accept(
            assignment=accepted, actor=w.reviewers[1].user, has_conflict=False
        )
        return revision


@pytest.fixture
def scenario(workflow, other_author):
    workflow.other_author = other_author

    def make(state: str) -> Scenario:
        return Scenario(workflow, state)

    return make
