"""Role x assignment action x assignment state: a reviewer acts only on their own
invitation while its revision is open for review, an editor cancels, gives more time,
or sends or revokes the reviewer's link, everyone else is refused, with the API's
statuses, and nothing applied."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import services
from editorial import workflow as registry
from editorial.models import AuditEvent
from reviewers.models import ReviewAssignment
from tests.factories import UserFactory

from .conftest import assignment_action_url, revision_url

ACTIONS = ("accept", "decline", "review", "extend_due", "cancel", "send_link", "revoke_link")
ROLES = ("owner", "other_reviewer", "editor", "board", "author", "superuser")
STATES = ("invited", "accepted", "cancelled", "completed")
WHO = {
    "owner": {"accept", "decline", "review"},
    "editor": {"cancel", "extend_due", "send_link", "revoke_link"},
}
FITS = {
    "accept": {"invited"},
    "decline": {"invited"},
    "review": {"accepted"},
    "extend_due": {"invited", "accepted"},
    "cancel": {"invited", "accepted"},
    "send_link": {"invited", "accepted"},
    "revoke_link": {"invited", "accepted"},
}
# Neither another reviewer nor the article's author reads this assignment at all.
HIDDEN_FROM = {"other_reviewer", "author"}
AUDITED_AS = {
    "accept": "assignment_accepted",
    "decline": "assignment_declined",
    "review": "review_completed",
    "extend_due": "due_date_extended",
    "cancel": "assignment_cancelled",
    "send_link": "reviewer_link_sent",
    "revoke_link": "reviewer_link_revoked",
}


def data(action: str, assignment: ReviewAssignment) -> dict:
    later = timezone.localtime(assignment.due_at + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    return {
        "accept": {"conflict_statement": ""},
        "decline": {"reason": "On leave until next month."},
        "review": {"recommendation": "approve", "comments_for_author": "Sound and clear."},
        "extend_due": {"due_at": later},
        "cancel": {"reason": "Reviewer unavailable."},
        "send_link": {},
        "revoke_link": {},
    }[action]


def test_the_tables_cover_every_assignment_action_the_admin_offers():
    offered = {a.name for a in registry.actions_of(registry.ASSIGNMENT) if "admin" in a.interfaces}
    assert set(ACTIONS) == set(FITS) == set(AUDITED_AS) == offered


def test_the_test_cast_matches_the_registry():
    """WHO and FITS are this test's own statement of the rules; the registry must agree."""
    for name in ACTIONS:
        assert FITS[name] == set(registry.action(name).source), name


def expected_status(role: str, state: str, action: str) -> int:
    # A cancelled invitation no longer opens its revision, whose page these actions are on.
    if role in HIDDEN_FROM or (role == "owner" and state == "cancelled"):
        return 404
    if action not in WHO.get(role, set()):
        return 403
    if state not in FITS[action]:
        return 409
    return 302


def assignment_in(wf, state: str) -> ReviewAssignment:
    if state == "invited":
        return wf.assigned()[0]
    if state == "accepted":
        return wf.accepted()[0]
    if state == "cancelled":
        # Withdrawing the revision closes its open invitations.
        assignment = wf.assigned()[0]
        services.revision_withdraw(revision=assignment.revision, actor=wf.author)
        assignment.refresh_from_db()
        return assignment
    revision = wf.reviewed()
    return revision.assignments.order_by("pk").first()


@pytest.fixture(scope="module")
def assignments(module_workflow, django_db_blocker):
    """Each assignment state built once for the module; every cell's changes are rolled back."""
    with django_db_blocker.unblock():
        return {state: assignment_in(module_workflow, state) for state in STATES}


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
def test_assignment_shows_exactly_the_buttons_the_role_may_use(
    module_workflow, assignments, db, login, role, state
):
    workflow, assignment = module_workflow, assignments[state]
    client = login(person(role, workflow, assignment))

    html = client.get(revision_url(assignment.revision)).content.decode()

    for action in ACTIONS:
        url = assignment_action_url(assignment, action)
        assert (url in html) == (expected_status(role, state, action) == 302), action


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_posting_an_assignment_action_answers_as_the_api_would(
    module_workflow, assignments, db, login, role, state, action
):
    workflow, assignment = module_workflow, assignments[state]
    client = login(person(role, workflow, assignment))
    before = AuditEvent.objects.count()

    response = client.post(assignment_action_url(assignment, action), data(action, assignment))

    new = list(AuditEvent.objects.filter(sequence__gt=before).values_list("action", flat=True))
    expected = expected_status(role, state, action)
    assert response.status_code == expected
    if expected == 302:
        assert new == [AUDITED_AS[action]]
    else:
        assert new == []
        assignment.refresh_from_db()
        assert assignment.state == state
