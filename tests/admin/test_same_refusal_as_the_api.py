"""The admin and the API answer the same refusal with the same status and the same words,
because both ask the registry's guard, which checks in one order: not visible (404), not
yours (403), wrong state (409), then the service's rules (400)."""

from __future__ import annotations

from django.utils.html import escape

from editorial.messages import NOT_EDITOR, QUORUM_NOT_REACHED
from tests.api.conftest import client_for

from .conftest import action_url


def _both(login, user, revision, admin_action: str, api_path: str, data=None):
    admin = login(user).post(action_url(revision, admin_action), data or {})
    api = client_for(user).post(
        f"/api/v1/revisions/{revision.pk}/{api_path}/", data or {}, format="json"
    )
    return admin, api


def test_a_board_member_starting_review_of_an_approved_revision_is_403_in_both(workflow, login):
    revision = workflow.approved()

    admin, api = _both(login, workflow.board[2], revision, "start_review", "start-review")

    assert admin.status_code == api.status_code == 403
    assert api.json()["error"]["message"] == NOT_EDITOR
    assert escape(NOT_EDITOR) in admin.content.decode()


def test_publishing_before_the_quorum_is_409_in_both_saying_how_far_the_vote_got(workflow, login):
    revision = workflow.reviewed()

    admin, api = _both(login, workflow.editor, revision, "publish", "publish")

    message = QUORUM_NOT_REACHED.format(approvals=0, quorum=2)
    assert admin.status_code == api.status_code == 409
    assert api.json()["error"]["message"] == message
    assert api.json()["error"]["allowed"] == ["assign_reviewer"]
    assert escape(message) in admin.content.decode()


def test_a_rule_not_met_is_400_in_both(workflow, login):
    revision = workflow.assigned()[0].revision  # nobody has accepted yet

    admin, api = _both(login, workflow.editor, revision, "start_review", "start-review")

    message = "Review starts once at least one reviewer has accepted."
    assert admin.status_code == api.status_code == 400
    assert api.json()["error"]["message"] == message
    assert escape(message) in admin.content.decode()
