"""On a new revision, an editor re-invites last round's reviewers in one step: those who
completed a review of the previous revision and may still review (no conflict, still in the
Reviewers group), with the usual due date, each invited and e-mailed as by the picker."""

from __future__ import annotations

import pytest
from django.core import mail

from editorial import selectors, services
from editorial.errors import RuleViolation
from editorial.messages import NO_ONE_TO_REINVITE, NOT_EDITOR
from editorial.models import AuditEvent
from reviewers.models import ReviewAssignment

from .conftest import action_url, revision_url

LABEL = "Re-invite last round&#x27;s reviewers"


def second_round(workflow, conflicted: int = 0):
    first = workflow.reviewed(conflicted=conflicted)
    services.revision_request_changes(
        revision=first, actor=workflow.board[0], comment="Add the 2024 guideline."
    )
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    return services.revision_submit(revision=second, actor=workflow.author)


def test_the_editor_is_offered_it_on_a_later_revision_only(workflow, login):
    client = login(workflow.editor)
    second = second_round(workflow)
    first_only = workflow.submitted()

    assert LABEL in client.get(revision_url(second)).content.decode()
    assert LABEL not in client.get(revision_url(first_only)).content.decode()


def test_the_form_names_who_will_be_invited_and_inviting_them_sends_the_usual_invitation(
    workflow, login, django_capture_on_commit_callbacks
):
    second = second_round(workflow)
    client = login(workflow.editor)

    page = client.get(action_url(second, "reinvite_reviewers")).content.decode()
    assert 'id="reinvited"' in page
    assert workflow.reviewers[0].display_name in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action_url(second, "reinvite_reviewers"), {"due_at": ""})

    assert response.status_code == 302
    invited = ReviewAssignment.objects.filter(revision=second)
    assert {a.reviewer for a in invited} == set(workflow.reviewers[:2])
    assert {a.state for a in invited} == {"invited"}
    assert {a.assigned_by for a in invited} == {workflow.editor}
    events = AuditEvent.objects.filter(revision=second, action="reviewer_assigned")
    assert [e.actor for e in events] == [workflow.editor, workflow.editor]
    told = {address for message in mail.outbox for address in message.to}
    assert {r.user.email for r in workflow.reviewers[:2]} <= told
    default = services.default_due_at(second)
    assert all(abs((a.due_at - default).total_seconds()) < 120 for a in invited)


def test_a_reviewer_who_declared_a_conflict_or_left_the_reviewers_group_is_not_invited(
    workflow,
):
    second = second_round(workflow, conflicted=1)
    # reviewers[0] declared a conflict on the first revision; reviewers[1] leaves the group.
    leaver = workflow.reviewers[1].user
    leaver.groups.clear()

    assert selectors.last_round_reviewer_list(second) == []
    with pytest.raises(RuleViolation) as refused:
        services.revision_reinvite_reviewers(revision=second, actor=workflow.editor)
    assert refused.value.message == NO_ONE_TO_REINVITE
    assert not ReviewAssignment.objects.filter(revision=second).exists()


def test_someone_already_invited_to_the_new_revision_is_not_invited_twice(workflow):
    second = second_round(workflow)
    services.assignment_create(
        revision=second, reviewer=workflow.reviewers[0], actor=workflow.editor
    )

    invited = services.revision_reinvite_reviewers(revision=second, actor=workflow.editor)

    assert [a.reviewer for a in invited] == [workflow.reviewers[1]]


@pytest.mark.parametrize("role", ["author", "board", "reviewer"])
def test_anyone_but_an_editor_is_refused_and_nothing_is_invited(workflow, login, role):
    second = second_round(workflow)
    person = {
        "author": workflow.author,
        "board": workflow.board[2],
        "reviewer": workflow.reviewers[0].user,
    }[role]

    response = login(person).post(action_url(second, "reinvite_reviewers"), {"due_at": ""})

    assert response.status_code in (403, 404)
    if response.status_code == 403:
        assert NOT_EDITOR.replace("'", "&#x27;") in response.content.decode()
    assert not ReviewAssignment.objects.filter(revision=second).exists()


def test_once_the_board_has_decided_it_is_refused_as_the_wrong_state(workflow, login):
    second = second_round(workflow)
    services.revision_withdraw(revision=second, actor=workflow.author)

    response = login(workflow.editor).post(action_url(second, "reinvite_reviewers"), {"due_at": ""})

    assert response.status_code == 409
    assert not ReviewAssignment.objects.filter(revision=second).exists()


def test_the_api_does_not_list_it_among_the_editors_allowed_actions(workflow, login):
    second = second_round(workflow)
    client = login(workflow.editor)

    allowed = client.get(f"/api/v1/revisions/{second.pk}/").json()["allowed_actions"]

    assert "assign_reviewer" in allowed
    assert "reinvite_reviewers" not in allowed
