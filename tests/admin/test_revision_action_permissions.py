"""Role x action x state: each role sees exactly its buttons, and anything else is refused
with the status the API answers (403 for the wrong role, 409 for the wrong state) and
nothing applied."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from editorial import workflow as registry
from editorial.admin.actions import REVISION_BUTTONS
from editorial.models import AuditEvent
from tests.factories import UserFactory

from .conftest import action_url, revision_url

ACTIONS = (
    "assign_reviewer",
    "start_review",
    "approve",
    "request_changes",
    "reject",
    "recuse",
    "schedule_publication",
    "publish",
    "unpublish",
    "open_rereview",
)
STATES = ("submitted", "reviewed", "approved", "published")
ROLES = ("author", "editor", "board", "reviewer", "superuser")

# This test's own statement of the rules: who may press each button, in which states.
WHO = {
    "editor": {"assign_reviewer", "start_review", "schedule_publication", "publish",
               "open_rereview"},
    "board": {"approve", "request_changes", "reject", "recuse", "schedule_publication",
              "publish", "unpublish"},
}  # fmt: skip
FITS = {
    "assign_reviewer": {"submitted", "reviewed"},
    "start_review": {"submitted"},
    "approve": {"reviewed"},
    "request_changes": {"reviewed"},
    "reject": {"reviewed"},
    "recuse": {"submitted", "reviewed"},
    "schedule_publication": {"approved"},
    "publish": {"approved"},
    "unpublish": {"published"},
    "open_rereview": {"published"},
}
AUDITED_AS = {
    "assign_reviewer": "reviewer_assigned",
    "start_review": "review_started",
    "approve": "vote_cast",
    "request_changes": "changes_requested",
    "reject": "rejected",
    "recuse": "board_recused",
    "schedule_publication": "publication_scheduled",
    "publish": "published",
    "open_rereview": "rereview_opened",
    "unpublish": "unpublished",
}
BUTTON_LABEL = {
    "assign_reviewer": "Assign a reviewer",
    "start_review": "Start review",
    "approve": "Approve",
    "request_changes": "Request changes",
    "reject": "Reject",
    "recuse": "Declare a conflict of interest",
    "schedule_publication": "Schedule publication",
    "publish": "Publish now",
    "unpublish": "Unpublish",
    "open_rereview": "Open a re-review",
}


def test_the_tables_cover_every_revision_action_the_admin_offers():
    offered = {a.name for a in registry.actions_of(registry.REVISION) if "admin" in a.interfaces}
    pressed = {REVISION_BUTTONS[name].action for name in ACTIONS if name in REVISION_BUTTONS}
    # Re-inviting is offered only on a later revision: test_reinvite_reviewers has its table.
    assert pressed | {"assign_reviewer", "reinvite_reviewers"} == offered
    assert set(ACTIONS) == set(FITS) == set(AUDITED_AS) == set(BUTTON_LABEL)


def expected_status(role: str, state: str, action: str) -> int:
    if action not in WHO.get(role, set()):
        return 403
    if state not in FITS[action]:
        return 409
    return 302


def expected(role: str, state: str) -> set[str]:
    return {a for a in ACTIONS if expected_status(role, state, a) == 302}


def reach(workflow, state: str):
    if state == "submitted":
        return workflow.accepted()[0].revision
    return getattr(workflow, state)()


@pytest.fixture(scope="module")
def states(module_workflow, django_db_blocker):
    """Each state built once for the module; every cell's changes are rolled back."""
    with django_db_blocker.unblock():
        return {state: reach(module_workflow, state) for state in STATES}


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
        "recuse": {"statement": "My department is funded by the manufacturer."},
    }.get(action, {"comment": "Reasoned comment for the author.", "confirmed": "yes"})


def post_url(revision, action: str) -> str:
    if action == "assign_reviewer":
        return reverse("admin:articles_revision_assign", args=[revision.pk])
    return action_url(revision, action)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_revision_page_shows_exactly_the_buttons_the_role_may_use_in_this_state(
    module_workflow, states, db, login, role, state
):
    workflow, revision = module_workflow, states[state]
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
    module_workflow, states, db, login, role, state, action
):
    workflow, revision = module_workflow, states[state]
    person_ = person(role, workflow)
    client = login(person_)
    before = AuditEvent.objects.count()

    response = client.post(post_url(revision, action), form_data(action, workflow))

    new_actions = list(
        AuditEvent.objects.filter(sequence__gt=before).values_list("action", flat=True)
    )
    status = expected_status(role, state, action)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(revision_url(revision))
        assert AUDITED_AS[action] in new_actions
    else:
        assert new_actions == []
    if status == 409:
        registry_name = REVISION_BUTTONS[action].action if action in REVISION_BUTTONS else action
        refusal = registry.refusal(registry_name, person_, revision)
        assert escape(refusal.message) in response.content.decode()
