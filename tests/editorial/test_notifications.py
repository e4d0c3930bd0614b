"""E-mail goes to the people concerned, and only once the change has committed."""

from __future__ import annotations

import pytest

from editorial import services
from editorial.errors import RuleViolation
from tests.workflow import reach


def _board_emails(wf):
    return sorted(member.email for member in wf.board)


def test_reviewer_is_invited_by_email_after_commit(
    workflow, mailoutbox, django_capture_on_commit_callbacks
):
    revision = reach(workflow, "submitted")
    reviewer = workflow.reviewers[2]

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_create(revision=revision, reviewer=reviewer, actor=workflow.editor)
        assert mailoutbox == []

    (mail,) = mailoutbox
    assert mail.to == [reviewer.user.email]
    assert mail.subject == f"[Imprimatur] Invitation to review: {revision.title}"
    assert reviewer.display_name in mail.body


def test_board_is_told_when_the_last_required_review_is_in(
    workflow, mailoutbox, django_capture_on_commit_callbacks
):
    revision = workflow.under_review()
    first, second = revision.assignments.order_by("pk")

    with django_capture_on_commit_callbacks(execute=True):
        services.review_complete(
            assignment=first,
            actor=first.reviewer.user,
            recommendation="approve",
            comments_for_author="Clear.",
        )
    assert [mail.to for mail in mailoutbox] == [[workflow.editor.email]]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.review_complete(
            assignment=second,
            actor=second.reviewer.user,
            recommendation="approve",
            comments_for_author="Accurate.",
        )
        assert mailoutbox == []

    completed, mail = mailoutbox
    assert completed.subject == f"[Imprimatur] Review completed: {revision.title}"
    assert mail.to == _board_emails(workflow)
    assert mail.subject == f"[Imprimatur] Awaiting your vote: {revision.title}"


def _approve_twice(rev, wf):
    services.revision_approve(revision=rev, actor=wf.board[0])
    services.revision_approve(revision=rev, actor=wf.board[1])


DECISIONS = {
    "approved": (
        "reviewed",
        _approve_twice,
        "Approved for publication",
        None,
    ),
    "changes_requested": (
        "reviewed",
        lambda rev, wf: services.revision_request_changes(
            revision=rev, actor=wf.board[0], comment="Add the 2024 trial."
        ),
        "Changes requested",
        "Add the 2024 trial.",
    ),
    "rejected": (
        "reviewed",
        lambda rev, wf: services.revision_reject(
            revision=rev, actor=wf.board[0], comment="Not evidence based."
        ),
        "Rejected",
        "Not evidence based.",
    ),
    "published": (
        "approved",
        lambda rev, wf: services.revision_publish(revision=rev, actor=wf.editor),
        "Published",
        None,
    ),
    "retracted": (
        "published",
        lambda rev, wf: services.revision_unpublish(
            revision=rev, actor=wf.board[0], reason="Dosing error."
        ),
        "Retracted",
        "Dosing error.",
    ),
}


@pytest.mark.parametrize("decision", list(DECISIONS))
def test_author_is_told_of_a_decision_after_commit(
    decision, workflow, mailoutbox, django_capture_on_commit_callbacks
):
    state, decide, headline, comment = DECISIONS[decision]
    revision = reach(workflow, state)

    with django_capture_on_commit_callbacks(execute=True):
        decide(revision, workflow)
        assert mailoutbox == []

    (mail,) = [mail for mail in mailoutbox if mail.to == [workflow.author.email]]
    assert mail.subject == f"[Imprimatur] {headline}: {revision.title}"
    if comment:
        assert comment in mail.body


def test_a_vote_below_quorum_sends_nothing(
    workflow, mailoutbox, django_capture_on_commit_callbacks
):
    revision = reach(workflow, "reviewed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.revision_approve(revision=revision, actor=workflow.board[0])

    assert callbacks == []
    assert mailoutbox == []


def test_a_refused_action_sends_nothing(workflow, mailoutbox, django_capture_on_commit_callbacks):
    revision = reach(workflow, "reviewed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuleViolation),
    ):
        services.revision_reject(revision=revision, actor=workflow.board[0], comment="")

    assert callbacks == []
    assert mailoutbox == []


def test_editors_are_told_of_a_submission(workflow, mailoutbox, django_capture_on_commit_callbacks):
    revision = workflow.draft()

    with django_capture_on_commit_callbacks(execute=True):
        services.revision_submit(revision=revision, actor=workflow.author)

    (mail,) = mailoutbox
    assert mail.to == [workflow.editor.email]
    assert mail.subject == f"[Imprimatur] New submission: {revision.title}"
