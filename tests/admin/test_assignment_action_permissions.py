"""Role x assignment action x assignment state: a reviewer acts only on their own
invitation while its revision is open for review, an editor only cancels, everyone else
is refused with nothing applied."""

from __future__ import annotations

import pytest

from editorial import services
from editorial.models import AuditEvent
from reviewers.models import ReviewAssignment
from tests.factories import UserFactory

from .conftest import assignment_action_url, revision_url

ACTIONS = ("accept", "decline", "review", "cancel")
LABEL = {"accept": "Accept", "decline": "Decline", "review": "Submit review", "cancel": "Cancel"}
ROLES = ("owner", "other_reviewer", "editor", "board", "author", "superuser")
# "state@revision": the assignment's state on a revision that is no longer open for review.
STATES = ("invited", "accepted", "invited@withdrawn", "accepted@decided")
EXPECTED = {
    ("owner", "invited"): {"accept", "decline"},
    ("owner", "accepted"): {"review"},
    ("editor", "invited"): {"cancel"},
    ("editor", "accepted"): {"cancel"},
    ("owner", "invited@withdrawn"): {"decline"},
    ("editor", "invited@withdrawn"): {"cancel"},
    ("editor", "accepted@decided"): {"cancel"},
}
AUDITED_AS = {
    "accept": "assignment_accepted",
    "decline": "assignment_declined",
    "review": "review_completed",
    "cancel": "assignment_cancelled",
}
DATA = {
    "accept": {"conflict_statement": ""},
    "decline": {"reason": "On leave until next month."},
    "review": {"recommendation": "approve", "comments_for_author": "Sound and clear."},
    "cancel": {"reason": "Reviewer unavailable."},
}


def assignment_in(workflow, state: str) -> ReviewAssignment:
    if state == "invited":
        return workflow.assigned()[0]
    if state == "accepted":
        return workflow.accepted()[0]
    if state == "invited@withdrawn":
        assignment = workflow.assigned()[0]
        services.revision_withdraw(revision=assignment.revision, actor=workflow.author)
        return assignment
    # Two reviews are in and the board sends the revision back; the third never came.
    *done, late = workflow.accepted(n=3)
    revision = services.revision_start_review(revision=late.revision, actor=workflow.editor)
    for assignment in done:
        services.review_complete(
            assignment=assignment,
            actor=assignment.reviewer.user,
            recommendation="major_changes",
            comments_for_author="Rework the dosing table.",
        )
    services.revision_request_changes(
        revision=revision, actor=workflow.board[0], comment="Rework the dosing table."
    )
    return late


def person(role: str, workflow, assignment: ReviewAssignment):
    return {
        "owner": assignment.reviewer.user,
        "other_reviewer": workflow.reviewers[1].user,
        "editor": workflow.editor,
        "board": workflow.board[0],
        "author": workflow.author,
        "superuser": UserFactory(username="root", is_superuser=True),
    }[role]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_assignment_shows_exactly_the_buttons_the_role_may_use(workflow, login, role, state):
    assignment = assignment_in(workflow, state)
    client = login(person(role, workflow, assignment))

    html = client.get(revision_url(assignment.revision)).content.decode()

    for action in ACTIONS:
        url = assignment_action_url(assignment, action)
        assert (url in html) == (action in EXPECTED.get((role, state), set())), action


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
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
        assert assignment.state == state.split("@")[0]
        assert response.status_code in (403, 404, 200)
