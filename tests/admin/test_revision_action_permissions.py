"""Role x action x state: each role sees exactly its buttons, and anything else is refused
(403 for the wrong role, an error message for the wrong state) with nothing applied."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from editorial.models import AuditEvent
from tests.factories import UserFactory

from .conftest import action_url, revision_url

ACTIONS = (
    "assign_reviewer",
    "start_review",
    "approve",
    "request_changes",
    "reject",
    "schedule_publication",
    "publish",
    "unpublish",
)
STATES = ("submitted", "reviewed", "approved", "published")
ROLES = ("author", "editor", "board", "reviewer", "superuser")

EXPECTED: dict[str, dict[str, set[str]]] = {
    "editor": {
        "submitted": {"assign_reviewer", "start_review"},
        "reviewed": {"assign_reviewer"},
        "approved": {"schedule_publication", "publish"},
        "published": set(),
    },
    "board": {
        "submitted": set(),
        "reviewed": {"approve", "request_changes", "reject"},
        "approved": {"schedule_publication", "publish"},
        "published": {"unpublish"},
    },
}
AUDITED_AS = {
    "assign_reviewer": "reviewer_assigned",
    "start_review": "review_started",
    "approve": "vote_cast",
    "request_changes": "changes_requested",
    "reject": "rejected",
    "schedule_publication": "publication_scheduled",
    "publish": "published",
    "unpublish": "unpublished",
}
BUTTON_LABEL = {
    "assign_reviewer": "Assign a reviewer",
    "start_review": "Start review",
    "approve": "Approve",
    "request_changes": "Request changes",
    "reject": "Reject",
    "schedule_publication": "Schedule publication",
    "publish": "Publish now",
    "unpublish": "Unpublish",
}


def expected(role: str, state: str) -> set[str]:
    return EXPECTED.get(role, {}).get(state, set())


def reach(workflow, state: str):
    if state == "submitted":
        return workflow.accepted()[0].revision
    return getattr(workflow, state)()


def person(role: str, workflow):
    return {
        "author": workflow.author,
        "editor": workflow.editor,
        "board": workflow.board[2],  # has not voted in any workflow state
        "reviewer": workflow.reviewers[0].user,
        "superuser": UserFactory(username="root", is_superuser=True),
    }[role]


def form_data(action: str, workflow) -> dict:
    soon = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return {
        "assign_reviewer": {"reviewer": workflow.reviewers[2].pk, "due_at": soon},
        "schedule_publication": {"publish_at": soon},
    }.get(action, {"comment": "Reasoned comment for the author."})


def post_url(revision, action: str) -> str:
    if action == "assign_reviewer":
        return reverse("admin:articles_revision_assign", args=[revision.pk])
    return action_url(revision, action)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_revision_page_shows_exactly_the_buttons_the_role_may_use_in_this_state(
    workflow, login, role, state
):
    revision = reach(workflow, state)
    client = login(person(role, workflow))

    page = client.get(revision_url(revision))

    assert page.status_code == 200
    html = page.content.decode()
    actions_html = html[html.index('id="actions"') : html.index('id="assignments"')]
    for action in ACTIONS:
        shown = f">{BUTTON_LABEL[action]}<" in actions_html or (
            f'value="{BUTTON_LABEL[action]}"' in actions_html
        )
        assert shown == (action in expected(role, state)), action


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_posting_an_action_applies_it_only_when_role_and_state_allow(
    workflow, login, role, state, action
):
    revision = reach(workflow, state)
    client = login(person(role, workflow))
    before = AuditEvent.objects.count()

    response = client.post(post_url(revision, action), form_data(action, workflow))

    new_actions = list(
        AuditEvent.objects.filter(sequence__gt=before).values_list("action", flat=True)
    )
    if action in expected(role, state):
        assert response.status_code == 302
        assert response["Location"].startswith(revision_url(revision))
        assert AUDITED_AS[action] in new_actions
    else:
        assert response.status_code in (403, 200, 302)
        assert new_actions == []
        if response.status_code != 403:
            messages = [str(m) for m in response.wsgi_request._messages]
            assert messages, "a refused action says why"
