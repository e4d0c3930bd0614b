"""A reviewer's link: bound to one assignment, it opens that invitation and review without a
password and nothing else; it expires at the due date plus the grace period, stops when an
editor revokes it or sends a newer one, is used up once the review is no longer open, and
every use is audited. Only a hash of its token is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from editorial import services
from editorial.models import AuditAction, AuditEvent
from editorial.services.reviewer_links import hash_token
from reviewers.models import ReviewerLink

from .reviewer_links import invite_with_link, link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(workflow, mailoutbox, django_capture_on_commit_callbacks):
    return invite_with_link(workflow, mailoutbox, django_capture_on_commit_callbacks)


def _token(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[1]


def test_the_link_opens_the_invitation_without_a_password(invited):
    assignment, path = invited
    client = Client()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:review_invitation", args=[assignment.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert assignment.revision.title in page.content.decode()
    assert "_auth_user_id" not in client.session  # not signed in: the link is all they have


def test_only_a_hash_of_the_token_is_stored(invited):
    assignment, path = invited
    token = _token(path)
    link = ReviewerLink.objects.get(assignment=assignment)
    assert link.token_hash == hash_token(token)
    assert token not in link.token_hash
    stored = [str(v) for v in ReviewerLink.objects.values_list(flat=True)]
    assert not any(token in value for value in stored)
    assert not AuditEvent.objects.filter(data__icontains=token).exists()


def test_the_link_reaches_nothing_else(
    workflow, invited, mailoutbox, django_capture_on_commit_callbacks
):
    assignment, path = invited
    other, _ = invite_with_link(
        workflow, mailoutbox, django_capture_on_commit_callbacks, reviewer=workflow.reviewers[1]
    )
    client = Client()
    client.get(path)
    for url in (
        reverse("workspace:review_invitation", args=[other.pk]),
        reverse("workspace:review", args=[other.pk]),
        reverse("workspace:reviews"),
        reverse("workspace:home"),
        reverse("workspace:revision_edit", args=[assignment.revision_id]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        body = response.content.decode()
        assert "Your link opens one review only" in body
        assert reverse("workspace:sign_in") in body
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert "/login/" in admin["Location"]
    api = client.get(f"/api/v1/assignments/{assignment.pk}/")
    assert api.status_code in (401, 403)


def test_a_forged_or_altered_token_is_not_a_link(invited):
    assignment, path = invited
    token = _token(path)
    for bad in (token[:-2] + "xx", f"{assignment.pk + 1}" + token[len(str(assignment.pk)) :]):
        response = Client().get(reverse("workspace:link", args=[bad]))
        assert response.status_code == 404


def test_each_use_is_audited(invited):
    assignment, path = invited
    Client().get(path)
    Client().get(path)
    uses = AuditEvent.objects.filter(action=AuditAction.REVIEWER_LINK_USED)
    assert uses.count() == 2
    event = uses.last()
    assert event.actor == assignment.reviewer.user
    assert event.data["assignment"] == assignment.pk
    assert event.data["refused"] == ""
    assert ReviewerLink.objects.get(assignment=assignment).last_used_at is not None


def test_accept_and_review_through_the_link(invited):
    assignment, path = invited
    client = Client()
    client.get(path)
    url = reverse("workspace:review_invitation", args=[assignment.pk])
    response = client.post(url, {"intent": "accept", "accept-conflict_statement": ""})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.state == "accepted"
    accepted = AuditEvent.objects.get(action=AuditAction.ASSIGNMENT_ACCEPTED)
    assert accepted.actor == assignment.reviewer.user
    # Opening the link again goes straight to the review.
    assert client.get(path)["Location"] == reverse("workspace:review", args=[assignment.pk])


def test_an_expired_link_says_so(invited):
    assignment, path = invited
    ReviewerLink.objects.filter(assignment=assignment).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = Client().get(path)
    assert response.status_code == 403
    assert "This link has expired" in response.content.decode()
    assert AuditEvent.objects.get(action=AuditAction.REVIEWER_LINK_USED).data["refused"] == (
        "expired"
    )


def test_the_link_expires_at_the_due_date_plus_the_grace_period(invited, settings):
    assignment, _ = invited
    link = ReviewerLink.objects.get(assignment=assignment)
    grace = settings.EDITORIAL["REVIEWER_LINK_GRACE_DAYS"]
    assert link.expires_at == assignment.due_at + timedelta(days=grace)


def test_a_later_due_date_keeps_the_link_working_longer(workflow, invited):
    assignment, _ = invited
    later = assignment.due_at + timedelta(days=10)
    services.assignment_extend_due(assignment=assignment, actor=workflow.editor, due_at=later)
    link = ReviewerLink.objects.get(assignment=assignment)
    assert link.expires_at == later + timedelta(days=7)


def test_a_revoked_link_stops_at_once_even_mid_session(workflow, invited):
    assignment, path = invited
    client = Client()
    client.get(path)
    services.reviewer_link_revoke(assignment=assignment, actor=workflow.editor)
    event = AuditEvent.objects.get(action=AuditAction.REVIEWER_LINK_REVOKED)
    assert event.actor == workflow.editor
    page = client.get(reverse("workspace:review_invitation", args=[assignment.pk]))
    assert page.status_code == 403
    assert "The editors revoked this link" in page.content.decode()
    again = Client().get(path)
    assert again.status_code == 403
    assert "This link no longer works" in again.content.decode()


def test_a_new_link_revokes_the_older_one(
    workflow, invited, mailoutbox, django_capture_on_commit_callbacks
):
    assignment, old = invited
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reviewer_link_send(assignment=assignment, actor=workflow.editor)
    (mail,) = mailoutbox
    assert mail.to == [assignment.reviewer.user.email]
    new = link_in(mail.body)
    assert new != old
    assert Client().get(old).status_code == 403
    assert Client().get(new).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.REVIEWER_LINK_SENT).count() == 1


def test_a_link_is_used_up_once_the_review_is_submitted(workflow, invited):
    assignment, path = invited
    services.assignment_accept(assignment=assignment, actor=assignment.reviewer.user,
                               has_conflict=False)  # fmt: skip
    services.review_complete(
        assignment=assignment,
        actor=assignment.reviewer.user,
        recommendation="approve",
        comments_for_author="Clear.",
    )
    response = Client().get(path)
    assert response.status_code == 410
    body = response.content.decode()
    assert "This link has been used up" in body
    assert "submitted" in body


@pytest.mark.parametrize("end", ["declined", "cancelled"])
def test_a_link_is_used_up_once_declined_or_cancelled(workflow, invited, end):
    assignment, path = invited
    if end == "declined":
        services.assignment_decline(assignment=assignment, actor=assignment.reviewer.user,
                                    reason="Away.")  # fmt: skip
    else:
        services.assignment_cancel(assignment=assignment, actor=workflow.editor)
    response = Client().get(path)
    assert response.status_code == 410
    assert end in response.content.decode()


def test_asking_for_a_new_link_tells_the_editor_once(
    workflow, invited, mailoutbox, django_capture_on_commit_callbacks
):
    assignment, path = invited
    services.reviewer_link_revoke(assignment=assignment, actor=workflow.editor)
    ask = reverse("workspace:link_ask_new", args=[_token(path)])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(ask)
    assert response.status_code == 200
    assert "The editors have been asked" in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == [workflow.editor.email]
    assert "asks for a new one" in mail.body
    asked = AuditEvent.objects.get(action=AuditAction.REVIEWER_LINK_ASKED)
    assert asked.data["why"] == "revoked"
    with django_capture_on_commit_callbacks(execute=True):
        again = Client().post(ask)
    assert "less than 12 hours ago" in again.content.decode()
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action=AuditAction.REVIEWER_LINK_ASKED).count() == 1


def test_a_working_link_cannot_ask_for_another(invited):
    _, path = invited
    response = Client().post(reverse("workspace:link_ask_new", args=[_token(path)]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.REVIEWER_LINK_ASKED).exists()
