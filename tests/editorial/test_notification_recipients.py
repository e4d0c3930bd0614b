"""Who is told: the registry names, for each notice, the people who may take the next step
now, so staff who wrote the article, recused themselves or reviewed it are never asked to
act on it; and every e-mail links to the revision's own page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from editorial import services
from editorial import workflow as registry
from editorial.notifications import revision_link
from tests.factories import ReviewerFactory, UserFactory


@pytest.fixture
def staff_author(db):
    """Writes articles, and is an editor and a board member too."""
    return UserFactory(username="staff_author", groups=["Authors", "Editors", "Advisory Board"])


def _sent(mailoutbox, subject_start: str) -> list[str]:
    return sorted(
        address
        for mail in mailoutbox
        if mail.subject.startswith(f"[Imprimatur] {subject_start}")
        for address in mail.to
    )


def test_new_submission_goes_to_editors_but_never_to_an_editor_who_wrote_it(
    workflow, staff_author, mailoutbox, django_capture_on_commit_callbacks
):
    draft = workflow.reach("draft", author=staff_author)

    with django_capture_on_commit_callbacks(execute=True):
        services.revision_submit(revision=draft, actor=staff_author)

    assert _sent(mailoutbox, "New submission") == [workflow.editor.email]
    (mail,) = mailoutbox
    assert revision_link(draft) in mail.body
    assert mail.body.rstrip().endswith(f"/admin/articles/revision/{draft.pk}/change/")


def test_awaiting_your_vote_goes_only_to_members_who_may_vote(
    workflow, staff_author, mailoutbox, django_capture_on_commit_callbacks
):
    recused, reviewing = workflow.board[0], workflow.board[1]
    revision = workflow.reach("submitted", author=staff_author)
    services.board_recuse(revision=revision, actor=recused, statement="I consult for them.")
    services.role_grant(actor=None, person=reviewing, role="Reviewers")
    profile = ReviewerFactory(user=reviewing)
    member_review = services.assignment_create(
        revision=revision, reviewer=profile, actor=workflow.editor
    )
    services.assignment_accept(assignment=member_review, actor=reviewing, has_conflict=False)
    revision = workflow.under_review(revision)
    first, second = revision.assignments.exclude(pk=member_review.pk).order_by("pk")
    workflow.complete(first)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.complete(second)

    # Not the author (a board member), not the recused member, not the one reviewing it.
    assert _sent(mailoutbox, "Awaiting your vote") == [workflow.board[2].email]
    assert registry.users_who_may(registry.action("vote"), revision) == [workflow.board[2]]


def test_the_invited_reviewer_hears_of_a_new_due_date_and_of_a_cancellation(
    workflow, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = workflow.assigned(n=1)[0]
    reviewer = invitation.reviewer

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_extend_due(
            assignment=invitation,
            actor=workflow.editor,
            due_at=invitation.due_at + timedelta(days=10),
        )
        services.assignment_cancel(
            assignment=invitation, actor=workflow.editor, reason="We found a specialist."
        )

    extended, cancelled = mailoutbox
    assert extended.to == cancelled.to == [reviewer.user.email]
    assert extended.subject.startswith("[Imprimatur] New due date:")
    assert (invitation.due_at + timedelta(days=10)).date().isoformat() in extended.body
    assert "We found a specialist." in cancelled.body


def test_the_author_hears_the_decision(workflow, mailoutbox, django_capture_on_commit_callbacks):
    revision = workflow.reviewed()

    with django_capture_on_commit_callbacks(execute=True):
        services.revision_reject(revision=revision, actor=workflow.board[0], comment="Too thin.")

    (mail,) = [mail for mail in mailoutbox if mail.to == [workflow.author.email]]
    assert mail.subject == f"[Imprimatur] Rejected: {revision.title}"
    assert "Too thin." in mail.body
