"""Each action tried, by the right person, in every state it does not fit:
InvalidTransition, nothing changed, nothing audited."""

from __future__ import annotations

import pytest

from articles.models import Revision
from editorial import services
from editorial import workflow as registry
from editorial.errors import InvalidTransition
from editorial.models import AuditEvent
from tests.workflow import ALL_STATES, reach


def _board(wf):
    return wf.board[2]


# This test's own statement of where each revision and article action fits, with a call
# by a person it belongs to: action: (states it fits, run(revision, wf)).
ACTIONS = {
    "edit": (
        {"draft"},
        lambda rev, wf: services.revision_edit(revision=rev, actor=wf.author, title="New"),
    ),
    "submit": (
        {"draft"},
        lambda rev, wf: services.revision_submit(revision=rev, actor=wf.author),
    ),
    "withdraw": (
        {"draft", "submitted", "under_review"},
        lambda rev, wf: services.revision_withdraw(revision=rev, actor=wf.author),
    ),
    "assign_reviewer": (
        {"submitted", "under_review"},
        lambda rev, wf: services.assignment_create(
            revision=rev, reviewer=wf.reviewers[2], actor=wf.editor
        ),
    ),
    "reinvite_reviewers": (
        {"submitted", "under_review"},
        lambda rev, wf: services.revision_reinvite_reviewers(revision=rev, actor=wf.editor),
    ),
    "start_review": (
        {"submitted"},
        lambda rev, wf: services.revision_start_review(revision=rev, actor=wf.editor),
    ),
    "vote": (
        {"under_review"},
        lambda rev, wf: services.revision_approve(revision=rev, actor=_board(wf)),
    ),
    "vote:request_changes": (
        {"under_review"},
        lambda rev, wf: services.revision_request_changes(
            revision=rev, actor=_board(wf), comment="More detail."
        ),
    ),
    "vote:reject": (
        {"under_review"},
        lambda rev, wf: services.revision_reject(revision=rev, actor=_board(wf), comment="No."),
    ),
    "recuse": (
        {"submitted", "under_review"},
        lambda rev, wf: services.board_recuse(revision=rev, actor=_board(wf), statement="Fees."),
    ),
    "schedule_publication": (
        {"approved"},
        lambda rev, wf: services.revision_schedule_publication(
            revision=rev, actor=wf.editor, publish_at=None
        ),
    ),
    "publish": (
        {"approved"},
        lambda rev, wf: services.revision_publish(revision=rev, actor=wf.editor),
    ),
    "unpublish": (
        {"published"},
        lambda rev, wf: services.revision_unpublish(revision=rev, actor=_board(wf), reason="x"),
    ),
    "open_rereview": (
        {"published"},
        lambda rev, wf: services.rereview_open(revision=rev, actor=wf.editor),
    ),
    # Refused while a revision is open; a closed revision lets the author start the next.
    "start_revision": (
        set(ALL_STATES) - {"draft", "submitted", "under_review", "approved"},
        lambda rev, wf: services.revision_start_next(article=rev.article, actor=wf.author),
    ),
}

CASES = [
    pytest.param(action, state, id=f"{action}-in-{state}")
    for action, (fits, _) in ACTIONS.items()
    for state in ALL_STATES
    if state not in fits
]


def test_the_table_has_a_row_for_every_revision_and_article_action_offered():
    offered = {
        a.name
        for machine in (registry.REVISION, registry.ARTICLE)
        for a in registry.actions_of(machine)
    }
    assert {name.split(":")[0] for name in ACTIONS} == offered


@pytest.fixture(scope="module")
def states(module_workflow, django_db_blocker):
    """Every state reached once for the module; each cell's changes are rolled back."""
    with django_db_blocker.unblock():
        return {state: reach(module_workflow, state) for state in ALL_STATES}


@pytest.mark.parametrize(("action", "state"), CASES)
def test_action_in_a_state_it_does_not_fit_is_refused_and_changes_nothing(
    action, state, module_workflow, states, db
):
    revision = states[state]
    events_before = AuditEvent.objects.count()
    revisions_before = Revision.objects.count()

    with pytest.raises(InvalidTransition) as refused:
        ACTIONS[action][1](revision, module_workflow)

    assert refused.value.code == "invalid_transition"
    assert refused.value.status == 409
    assert refused.value.message
    assert Revision.objects.get(pk=revision.pk).state == state
    assert AuditEvent.objects.count() == events_before
    assert Revision.objects.count() == revisions_before


@pytest.mark.parametrize(
    ("action", "state", "message"),
    [
        ("submit", "published", "A revision that is published cannot be submitted."),
        ("withdraw", "approved", "A revision that is approved cannot be withdrawn."),
        ("unpublish", "superseded", "A revision that is superseded cannot be unpublished."),
        ("vote", "rejected", "A revision that is rejected cannot be voted on."),
        (
            "edit",
            "submitted",
            "A revision that is submitted is frozen; start a new revision to change it.",
        ),
        (
            "assign_reviewer",
            "approved",
            "Reviewers are assigned to submitted revisions; this one is approved.",
        ),
        (
            "start_revision",
            "under_review",
            "Revision 1 is still under review; finish or withdraw it before starting another.",
        ),
    ],
)
def test_wrong_state_refusal_says_what_state_the_revision_is_in(action, state, message, workflow):
    revision = reach(workflow, state)

    with pytest.raises(InvalidTransition) as refused:
        ACTIONS[action][1](revision, workflow)

    assert refused.value.message == message


def test_wrong_state_refusal_lists_what_the_user_may_do_instead(workflow):
    revision = reach(workflow, "submitted")

    with pytest.raises(InvalidTransition) as refused:
        services.revision_submit(revision=revision, actor=workflow.author)

    assert refused.value.allowed == ["withdraw"]


ASSIGNMENT_ACTIONS = {
    "accepted": lambda a: services.assignment_accept(
        assignment=a, actor=a.reviewer.user, has_conflict=False
    ),
    "declined": lambda a: services.assignment_decline(
        assignment=a, actor=a.reviewer.user, reason="Busy."
    ),
    "completed": lambda a: services.review_complete(
        assignment=a, actor=a.reviewer.user, recommendation="approve", comments_for_author="Ok."
    ),
}


@pytest.mark.parametrize(
    ("previous", "verb", "message"),
    [
        ("declined", "accepted", "This invitation is declined; it cannot be accepted."),
        ("accepted", "declined", "This invitation is accepted; it cannot be declined."),
        ("accepted", "accepted", "This invitation is accepted; it cannot be accepted."),
        ("declined", "completed", "This invitation is declined; it cannot be completed."),
    ],
)
def test_assignment_action_in_a_state_it_does_not_fit_is_refused(previous, verb, message, workflow):
    assignment = workflow.assigned(n=1)[0]
    assignment = ASSIGNMENT_ACTIONS[previous](assignment)

    with pytest.raises(InvalidTransition) as refused:
        ASSIGNMENT_ACTIONS[verb](assignment)

    assert refused.value.message == message


def test_cancelling_a_completed_review_is_refused(workflow):
    revision = workflow.reviewed()
    assignment = revision.assignments.first()

    with pytest.raises(InvalidTransition) as refused:
        services.assignment_cancel(assignment=assignment, actor=workflow.editor)

    assert refused.value.message == "This invitation is completed; it cannot be cancelled."
