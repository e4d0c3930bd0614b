"""The editor hears a reviewer's answer; reviewers hear what became of the revision they
reviewed; editors hear of a reader's report. Each e-mail links to its own page."""

from __future__ import annotations

import pytest

from editorial import services
from editorial.notifications import assignment_link, report_link
from tests.factories import UserFactory


def _to(mailoutbox, subject_start: str) -> list[tuple[list[str], str]]:
    return [
        (mail.to, mail.body)
        for mail in mailoutbox
        if mail.subject.startswith(f"[Imprimatur] {subject_start}")
    ]


@pytest.mark.parametrize("answer", ["accepted", "declined", "completed"])
def test_the_editor_who_invited_hears_the_reviewers_answer(
    answer, workflow, mailoutbox, django_capture_on_commit_callbacks
):
    other_editor = UserFactory(username="other_editor", groups=["Editors"])
    (invitation,) = workflow.assigned(n=1)
    reviewer = invitation.reviewer

    with django_capture_on_commit_callbacks(execute=True):
        if answer == "declined":
            services.assignment_decline(
                assignment=invitation, actor=reviewer.user, reason="On leave until June."
            )
        else:
            services.assignment_accept(
                assignment=invitation, actor=reviewer.user, has_conflict=False
            )
        if answer == "completed":
            workflow.complete(invitation)

    ((to, body),) = _to(mailoutbox, f"Review {answer}:")
    assert to == [workflow.editor.email]  # the one who invited, not other_editor
    assert other_editor.email not in to
    assert f"{reviewer.display_name} {answer} the review" in body
    assert body.rstrip().endswith(assignment_link(invitation))
    if answer == "declined":
        assert "On leave until June." in body


def test_when_the_inviting_editor_may_no_longer_act_every_editor_who_may_hears(
    workflow, mailoutbox, django_capture_on_commit_callbacks
):
    other_editor = UserFactory(username="other_editor", groups=["Editors"])
    (invitation,) = workflow.assigned(n=1)
    services.role_revoke(actor=None, person=workflow.editor, role="Editors")

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_accept(
            assignment=invitation, actor=invitation.reviewer.user, has_conflict=False
        )

    ((to, _),) = _to(mailoutbox, "Review accepted:")
    assert to == [other_editor.email]


@pytest.mark.parametrize(
    ("decide", "outcome"),
    [
        ("approve", "approved for publication"),
        ("request_changes", "sent back to the author for changes"),
        ("reject", "rejected"),
        ("publish", "published"),
    ],
)
def test_each_reviewer_who_completed_a_review_hears_the_outcome_without_the_boards_comment(
    decide, outcome, workflow, mailoutbox, django_capture_on_commit_callbacks
):
    revision = workflow.approved() if decide == "publish" else workflow.reviewed()
    completed = list(revision.assignments.filter(state="completed").order_by("pk"))
    comment = "Only for the author: tighten the dosing section."

    with django_capture_on_commit_callbacks(execute=True):
        if decide == "approve":
            for member in workflow.board[:2]:
                services.revision_approve(revision=revision, actor=member, comment=comment)
        elif decide == "request_changes":
            services.revision_request_changes(
                revision=revision, actor=workflow.board[0], comment=comment
            )
        elif decide == "reject":
            services.revision_reject(revision=revision, actor=workflow.board[0], comment=comment)
        else:
            services.revision_publish(revision=revision, actor=workflow.editor)

    sent = _to(mailoutbox, "Outcome of your review:")
    assert [to for to, _ in sent] == [[a.reviewer.user.email] for a in completed]
    for (_, body), assignment in zip(sent, completed, strict=True):
        assert f"which you reviewed, was {outcome}" in body
        assert body.rstrip().endswith(assignment_link(assignment))
        assert comment not in body


def test_a_reviewer_whose_review_was_cancelled_hears_no_outcome(
    workflow, mailoutbox, django_capture_on_commit_callbacks
):
    revision = workflow.reviewed()
    cancelled = services.assignment_create(
        revision=revision, reviewer=workflow.reviewers[2], actor=workflow.editor
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.revision_reject(revision=revision, actor=workflow.board[0], comment="No.")

    cancelled_to = [cancelled.reviewer.user.email]
    assert cancelled_to not in [to for to, _ in _to(mailoutbox, "Outcome of your review:")]
    ((to, body),) = _to(mailoutbox, "Review no longer needed")
    assert to == cancelled_to
    assert body.rstrip().endswith(assignment_link(cancelled))


def test_editors_hear_of_a_new_readers_report_with_a_link_to_it(
    workflow, mailoutbox, django_capture_on_commit_callbacks
):
    editor_who_wrote_it = UserFactory(username="staff_author", groups=["Authors", "Editors"])
    published = workflow.reach("published", author=editor_who_wrote_it)

    with django_capture_on_commit_callbacks(execute=True):
        report = services.reader_report_receive(
            slug=published.article.slug,
            kind="factual_error",
            message="The dose in the table is ten times too high.",
            email="reader@example.org",
        )

    ((to, body),) = _to(mailoutbox, "New reader's report:")
    assert to == [workflow.editor.email]  # never the editor who wrote the article
    assert body.rstrip().endswith(report_link(report))
    assert "reader@example.org" not in body
    assert "ten times too high" not in body
