"""`editorial_tick` sends each reminder once, however often it runs, and again only when
what it is about moves (an extended due date, a later re-review)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from articles.models import Article
from editorial import services
from editorial.models import Reminder, ReminderKind
from editorial.notifications import assignment_link, revision_link

DAY = timedelta(days=1)


@pytest.fixture
def tick(django_capture_on_commit_callbacks, mailoutbox):
    """Run editorial_tick at a given moment; the e-mails it sent, and what it printed."""

    def run(at=None):
        before = len(mailoutbox)
        out = StringIO()
        with (
            mock.patch("django.utils.timezone.now", return_value=at or timezone.now()),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("editorial_tick", stdout=out)
        return mailoutbox[before:], out.getvalue()

    return run


def _subjects(mails) -> list[str]:
    return [m.subject.removeprefix("[Imprimatur] ") for m in mails]


def test_an_unanswered_invitation_is_reminded_once(workflow, tick):
    (invitation,) = workflow.assigned(n=1)
    later = timezone.now() + 4 * DAY

    assert tick(timezone.now() + DAY)[0] == []
    (sent,), printed = tick(later)
    again, printed_again = tick(later + DAY)

    assert sent.to == [invitation.reviewer.user.email]
    assert (
        sent.subject == f"[Imprimatur] Reminder: invitation to review {invitation.revision.title}"
    )
    assert sent.body.rstrip().endswith(assignment_link(invitation))
    assert "Reminders, invitation unanswered: 1 sent." in printed
    assert again == []
    assert "Reminders, invitation unanswered: 0 sent." in printed_again
    assert Reminder.objects.get().kind == ReminderKind.INVITATION_UNANSWERED


def test_a_review_due_soon_is_reminded_once_and_again_after_an_extension(workflow, tick):
    (review,) = workflow.accepted(n=1)
    reviewer = review.reviewer.user.email

    (sent,), _ = tick(review.due_at - DAY)
    assert tick(review.due_at - DAY / 2)[0] == []
    extended = services.assignment_extend_due(
        assignment=review, actor=workflow.editor, due_at=review.due_at + 7 * DAY
    )
    (again,), _ = tick(extended.due_at - DAY)

    assert sent.to == again.to == [reviewer]
    assert _subjects([sent, again]) == [f"Review due soon: {review.revision.title}"] * 2
    assert Reminder.objects.filter(kind=ReminderKind.REVIEW_DUE_SOON).count() == 2


def test_an_overdue_review_is_reminded_once_with_the_editor_copied(workflow, tick):
    (review,) = workflow.accepted(n=1)

    (sent,), _ = tick(review.due_at + DAY)
    assert tick(review.due_at + 2 * DAY)[0] == []

    assert sent.subject == f"[Imprimatur] Review overdue: {review.revision.title}"
    assert sent.to == [review.reviewer.user.email]
    assert sent.cc == [workflow.editor.email]
    assert assignment_link(review) in sent.body


def test_a_revision_whose_reviews_are_in_before_review_started_is_ready_for_review(workflow, tick):
    accepted = workflow.accepted(n=2)
    for review in accepted:
        workflow.complete(review)
    revision = accepted[0].revision

    (sent,), printed = tick()
    assert tick(timezone.now() + DAY)[0] == []

    assert sent.subject == f"[Imprimatur] Ready for review: {revision.title}"
    assert sent.to == [workflow.editor.email]
    assert sent.body.rstrip().endswith(revision_link(revision))
    assert "Reminders, ready for review: 1 sent." in printed


def test_an_approved_revision_left_unpublished_reminds_those_who_may_publish(workflow, tick):
    revision = workflow.approved()
    scheduled = workflow.scheduled(when=timezone.now() + 30 * DAY)

    assert tick(timezone.now() + DAY)[0] == []
    (sent,), _ = tick(timezone.now() + 3 * DAY)
    assert tick(timezone.now() + 4 * DAY)[0] == []

    assert sent.subject == f"[Imprimatur] Approved, not yet published: {revision.title}"
    assert sent.to == sorted([workflow.editor.email, *(m.email for m in workflow.board)])
    assert not Reminder.objects.filter(revision=scheduled).exists()


def test_a_rereview_coming_due_tells_the_editors_once_per_date(workflow, tick):
    published = workflow.published()
    article = published.article
    article.refresh_from_db()
    near = timezone.make_aware(
        timezone.datetime.combine(article.next_review_due - 10 * DAY, timezone.datetime.min.time())
    )

    assert tick(near - 30 * DAY)[0] == []
    (sent,), _ = tick(near)
    assert tick(near + DAY)[0] == []
    # A re-review moves the date on (the re-review service's write; here, its effect).
    Article.objects.filter(pk=article.pk).update(
        next_review_due=article.next_review_due + 365 * DAY
    )
    assert tick(near + 2 * DAY)[0] == []
    (again,), _ = tick(near + 367 * DAY)

    assert sent.subject == again.subject == f"[Imprimatur] Re-review due: {published.title}"
    assert sent.to == [workflow.editor.email]
    assert article.next_review_due.isoformat() in sent.body
    assert revision_link(published) in sent.body


def test_a_reminder_with_no_one_to_tell_is_kept_for_when_someone_may_act(workflow, tick):
    accepted = workflow.accepted(n=2)
    for review in accepted:
        workflow.complete(review)
    services.role_revoke(actor=None, person=workflow.editor, role="Editors")

    assert tick()[0] == []
    services.role_grant(actor=None, person=workflow.editor, role="Editors")
    (sent,), _ = tick()

    assert sent.to == [workflow.editor.email]


def test_a_scheduled_publication_is_published_by_the_tick(workflow, tick):
    revision = workflow.scheduled(when=timezone.now() + timedelta(hours=1))

    _, printed = tick(timezone.now() + timedelta(hours=2))

    revision.refresh_from_db()
    assert revision.state == "published"
    assert "Scheduled publication: 1 published, 0 refused." in printed


def test_a_failing_step_fails_the_command_after_the_others_have_run(workflow, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("mail queue unreachable")

    monkeypatch.setattr("editorial.services.reminders_send", broken)
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="reminders"):
        call_command("editorial_tick", stdout=out, stderr=err)

    assert "Scheduled publication: 0 published" in out.getvalue()
    assert "Readers' e-mail addresses erased: 0" in out.getvalue()
    assert "mail queue unreachable" in err.getvalue()
