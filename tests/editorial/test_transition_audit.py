"""Every transition writes one audit event naming the actor, the action, the state it
left and the state it reached, linked to the article and the revision."""

from __future__ import annotations

import pytest

from editorial import services
from editorial.models import AuditEvent
from tests.workflow import reach


def _assignment(rev):
    return rev.assignments.order_by("pk").first()


# Each step performs one transition and returns who performed it.
def submit(rev, wf):
    services.revision_submit(revision=rev, actor=wf.author)
    return wf.author


def withdraw(rev, wf):
    services.revision_withdraw(revision=rev, actor=wf.author, comment="Data update.")
    return wf.author


def start_review(rev, wf):
    wf.accepted(rev, n=1)
    services.revision_start_review(revision=rev, actor=wf.editor)
    return wf.editor


def approve_at_quorum(rev, wf):
    services.revision_approve(revision=rev, actor=wf.board[0])
    services.revision_approve(revision=rev, actor=wf.board[1])
    return wf.board[1]


def request_changes(rev, wf):
    services.revision_request_changes(revision=rev, actor=wf.board[0], comment="More.")
    return wf.board[0]


def reject(rev, wf):
    services.revision_reject(revision=rev, actor=wf.board[0], comment="No.")
    return wf.board[0]


def publish(rev, wf):
    services.revision_publish(revision=rev, actor=wf.board[2])
    return wf.board[2]


def unpublish(rev, wf):
    services.revision_unpublish(revision=rev, actor=wf.board[0], reason="Error.")
    return wf.board[0]


def assignment_accept(rev, wf):
    assignment = _assignment(rev)
    services.assignment_accept(
        assignment=assignment, actor=assignment.reviewer.user, has_conflict=False
    )
    return assignment.reviewer.user


def assignment_decline(rev, wf):
    assignment = _assignment(rev)
    services.assignment_decline(
        assignment=assignment, actor=assignment.reviewer.user, reason="Away."
    )
    return assignment.reviewer.user


def assignment_cancel(rev, wf):
    services.assignment_cancel(assignment=_assignment(rev), actor=wf.editor)
    return wf.editor


def review_complete(rev, wf):
    assignment = _assignment(rev)
    services.review_complete(
        assignment=assignment,
        actor=assignment.reviewer.user,
        recommendation="minor_changes",
        comments_for_author="Define the abbreviations.",
    )
    return assignment.reviewer.user


# step: (starting state, audit action, from_state, to_state)
STEPS = {
    submit: ("draft", "submitted", "draft", "submitted"),
    withdraw: ("under_review", "withdrawn", "under_review", "withdrawn"),
    start_review: ("submitted", "review_started", "submitted", "under_review"),
    approve_at_quorum: ("reviewed", "approved", "under_review", "approved"),
    request_changes: ("reviewed", "changes_requested", "under_review", "changes_requested"),
    reject: ("reviewed", "rejected", "under_review", "rejected"),
    publish: ("approved", "published", "approved", "published"),
    unpublish: ("published", "unpublished", "published", "retracted"),
    assignment_accept: ("invited", "assignment_accepted", "invited", "accepted"),
    assignment_decline: ("invited", "assignment_declined", "invited", "declined"),
    assignment_cancel: ("invited", "assignment_cancelled", "invited", "cancelled"),
    review_complete: ("under_review", "review_completed", "accepted", "completed"),
}


def _start(wf, state):
    if state == "invited":
        return wf.assigned(n=1)[0].revision
    return reach(wf, state)


@pytest.mark.parametrize("step", list(STEPS), ids=lambda step: step.__name__)
def test_each_transition_writes_one_event_with_actor_action_and_states(step, workflow):
    start, action, from_state, to_state = STEPS[step]
    revision = _start(workflow, start)
    last_before = AuditEvent.objects.order_by("-sequence").first().sequence

    actor = step(revision, workflow)

    event = AuditEvent.objects.filter(sequence__gt=last_before, action=action).get()
    assert event.actor == actor
    assert (event.from_state, event.to_state) == (from_state, to_state)
    assert event.revision_id == revision.pk
    assert event.article_id == revision.article_id


def test_creating_an_article_and_editing_the_draft_are_audited(workflow):
    revision = workflow.draft()

    services.revision_edit(revision=revision, actor=workflow.author, title="Hypertension")

    created, edited = AuditEvent.objects.filter(revision=revision).order_by("sequence")
    assert (created.action, created.actor, created.from_state, created.to_state) == (
        "article_created",
        workflow.author,
        "",
        "draft",
    )
    assert (edited.action, edited.from_state, edited.to_state) == ("draft_edited", "draft", "draft")
    assert edited.data == {"changed": ["title"]}


def test_a_vote_below_quorum_is_audited_without_a_state_change(workflow):
    revision = reach(workflow, "reviewed")

    services.revision_approve(revision=revision, actor=workflow.board[0], comment="Sound.")

    vote = AuditEvent.objects.order_by("-sequence").first()
    assert (vote.action, vote.actor, vote.from_state, vote.to_state) == (
        "vote_cast",
        workflow.board[0],
        "under_review",
        "under_review",
    )
    assert vote.data == {
        "decision": "approve",
        "approvals": 1,
        "quorum": 2,
        "content_hash": revision.content_hash,
    }
    assert vote.comment == "Sound."


def test_starting_the_next_revision_and_assigning_a_reviewer_are_audited(workflow):
    first = reach(workflow, "changes_requested")

    second = services.revision_start_next(article=first.article, actor=workflow.author)
    services.revision_submit(revision=second, actor=workflow.author)
    assignment = services.assignment_create(
        revision=second, reviewer=workflow.reviewers[2], actor=workflow.editor
    )

    started = AuditEvent.objects.get(revision=second, action="revision_started")
    assert (started.actor, started.to_state, started.data) == (
        workflow.author,
        "draft",
        {"copied_from": 1, "change_class": "", "change_note": ""},
    )
    assigned = AuditEvent.objects.get(revision=second, action="reviewer_assigned")
    assert (assigned.actor, assigned.to_state) == (workflow.editor, "invited")
    assert assigned.data["assignment"] == assignment.pk


def test_a_full_workflow_leaves_a_history_in_order(workflow):
    revision = reach(workflow, "published")

    actions = list(AuditEvent.objects.filter(revision=revision).values_list("action", flat=True))

    assert actions == [
        "article_created",
        "submitted",
        "reviewer_assigned",
        "reviewer_assigned",
        "assignment_accepted",
        "assignment_accepted",
        "review_started",
        "review_completed",
        "review_completed",
        "vote_cast",
        "vote_cast",
        "approved",
        "published",
    ]
