"""Role x assignment action x assignment state: a reviewer acts only on their own
invitation, an editor only cancels, everyone else is refused with nothing applied."""

from __future__ import annotations

import pytest

from editorial.models import AuditEvent
from reviewers.models import ReviewAssignment
from tests.factories import UserFactory

from .conftest import assignment_action_url, revision_url

ACTIONS = ("accept", "decline", "complete", "cancel")
LABEL = {"accept": "Accept", "decline": "Decline", "complete": "Submit review", "cancel": "Cancel"}
ROLES = ("owner", "other_reviewer", "editor", "board", "author", "superuser")
EXPECTED = {
    ("owner", "invited"): {"accept", "decline"},
    ("owner", "accepted"): {"complete"},
    ("editor", "invited"): {"cancel"},
    ("editor", "accepted"): {"cancel"},
}
AUDITED_AS = {
    "accept": "assignment_accepted",
    "decline": "assignment_declined",
    "complete": "review_completed",
    "cancel": "assignment_cancelled",
}
DATA = {
    "accept": {"conflict_statement": ""},
    "decline": {"reason": "On leave until next month."},
    "complete": {"recommendation": "approve", "comments_for_author": "Sound and clear."},
    "cancel": {"reason": "Reviewer unavailable."},
}


def assignment_in(workflow, state: str) -> ReviewAssignment:
    if state == "invited":
        return workflow.assigned()[0]
    return workflow.accepted()[0]


def person(role: str, workflow, assignment: ReviewAssignment):
    return {
        "owner": assignment.reviewer.user,
        "other_reviewer": workflow.reviewers[1].user,
        "editor": workflow.editor,
        "board": workflow.board[0],
        "author": workflow.author,
        "superuser": UserFactory(username="root", is_superuser=True),
    }[role]


@pytest.mark.parametrize("state", ["invited", "accepted"])
@pytest.mark.parametrize("role", ROLES)
def test_assignment_shows_exactly_the_buttons_the_role_may_use(workflow, login, role, state):
    assignment = assignment_in(workflow, state)
    client = login(person(role, workflow, assignment))

    html = client.get(revision_url(assignment.revision)).content.decode()

    for action in ACTIONS:
        url = assignment_action_url(assignment, action)
        assert (url in html) == (action in EXPECTED.get((role, state), set())), action


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", ["invited", "accepted"])
@pytest.mark.parametrize("role", ROLES)
def test_posting_an_assignment_action_applies_only_when_allowed(
    workflow, login, role, state, action
):
    assignment = assignment_in(workflow, state)
    client = login(person(role, workflow, assignment))
    before = AuditEvent.objects.count()

    response = client.post(assignment_action_url(assignment, action), DATA[action])

    new = list(AuditEvent.objects.filter(sequence__gt=before).values_list("action", flat=True))
    assignment.refresh_from_db()
    if action in EXPECTED.get((role, state), set()):
        assert response.status_code == 302
        assert new == [AUDITED_AS[action]]
    else:
        assert new == []
        assert assignment.state == state
        assert response.status_code in (403, 404, 200)
