"""Who may open which reviewer's page, derived from the workflow registry: every action the
registry lets a reviewer take on their own assignment has a workspace page, and each page
answers each person in each assignment state what the registry's refusal says (404 not
visible, 403 not theirs, 409 wrong state) or 200. People who are not reviewers are told
these pages are for reviewers."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from editorial import services, workflow
from editorial.workflow import ASSIGNMENT
from reviewers.models import ReviewAssignment
from tests.factories import ReviewerFactory

from ..signin import signed_in

# registry action -> the workspace pages that take it: (url name, method)
PAGES = {
    "accept": [("workspace:review_invitation", "get")],
    "decline": [("workspace:review_invitation", "get")],
    "review": [
        ("workspace:review", "get"),
        ("workspace:review_draft", "post"),
        ("workspace:review_confirm", "get"),
    ],
}
STATES = ("invited", "accepted", "declined", "completed", "cancelled")
PEOPLE = ("owner", "other_reviewer", "editor", "board", "author")
CELLS = [
    (action, page, state, person)
    for action, pages in PAGES.items()
    for page in pages
    for state in STATES
    for person in PEOPLE
]


def assignment_in(wf, state: str) -> ReviewAssignment:
    if state == "invited":
        return wf.assigned(n=1)[0]
    if state == "accepted":
        return wf.accepted(n=1)[0]
    if state == "declined":
        invitation = wf.assigned(n=1)[0]
        return services.assignment_decline(
            assignment=invitation, actor=invitation.reviewer.user, reason="On leave."
        )
    if state == "cancelled":
        invitation = wf.assigned(n=1)[0]
        return services.assignment_cancel(assignment=invitation, actor=wf.editor)
    revision = wf.reviewed(n=1)
    return revision.assignments.get()


@pytest.fixture(scope="module")
def cast(module_workflow, django_db_blocker):
    wf = module_workflow
    with django_db_blocker.unblock():
        assignments = {state: assignment_in(wf, state) for state in STATES}
        people = {
            "other_reviewer": ReviewerFactory(user__username="m-other-reviewer").user,
            "editor": wf.editor,
            "board": wf.board[0],
            "author": wf.author,
        }
    return assignments, people


def test_every_action_a_reviewer_may_take_has_a_workspace_page(db, cast):
    assignments, _ = cast
    invitation = assignments["invited"]
    owner = invitation.reviewer.user
    theirs = {
        a.name
        for a in workflow.ACTIONS.values()
        if a.machine == ASSIGNMENT and a.offered and a.who(owner, invitation)
    }
    assert theirs == set(PAGES)


@pytest.mark.parametrize(("action", "page", "state", "person"), CELLS)
def test_each_reviewer_page_answers_as_the_registry_says(db, cast, action, page, state, person):
    assignments, people = cast
    name, method = page
    assignment = assignments[state]
    user = assignment.reviewer.user if person == "owner" else people[person]

    response = getattr(signed_in(user), method)(reverse(name, args=[assignment.pk]))
    body = response.content.decode()

    if person in ("editor", "board", "author"):
        assert response.status_code == 403
        assert "These pages are for reviewers." in body
        return
    # The invitation page takes both answers: it opens while either is open to the person, and
    # otherwise says why the first (accepting) is refused.
    takes = ("accept", "decline") if name == "workspace:review_invitation" else (action,)
    problems = [workflow.refusal(act, user, assignment) for act in takes]
    problem = None if None in problems else problems[0]
    if problem is None:
        assert response.status_code == 200
    else:
        assert response.status_code == problem.status
        message = problem.message
        assert (message in body) if method == "post" else (escape(message) in body)


def test_my_reviews_lists_only_my_own(db, cast):
    assignments, people = cast
    owner = assignments["invited"].reviewer.user
    mine = signed_in(owner).get(reverse("workspace:reviews")).content.decode()
    theirs = signed_in(people["other_reviewer"]).get(reverse("workspace:reviews")).content.decode()
    title = assignments["invited"].revision.title
    assert title in mine
    assert title not in theirs
    assert "You have no invitations yet." in theirs


def test_anyone_signed_out_is_sent_to_sign_in(db, cast, client):
    assignments, _ = cast
    for url in (
        reverse("workspace:reviews"),
        reverse("workspace:review", args=[assignments["accepted"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("workspace:sign_in") + "?next=")
