"""E-mails to the people concerned. Always queued with on_commit: a rolled-back
change sends nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from articles.models import Revision
from reviewers.models import ReviewAssignment

from . import policy


def _queue(subject: str, body: str, recipients: Iterable[str]) -> None:
    to = sorted({address for address in recipients if address})
    if not to:
        return
    # robust: the change is committed by now; a mail server that fails is logged, and
    # neither turns the user's request into an error nor stops the next callbacks.
    transaction.on_commit(
        lambda: send_mail(
            f"[Imprimatur] {subject}", body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False
        ),
        robust=True,
    )


def _group_emails(group: str) -> list[str]:
    users = get_user_model().objects.filter(groups__name=group, is_active=True)
    return list(users.values_list("email", flat=True))


def _title(revision: Revision) -> str:
    return revision.title or revision.article.slug


def submitted(revision: Revision) -> None:
    _queue(
        f"New submission: {_title(revision)}",
        f"Revision {revision.number} of “{_title(revision)}” was submitted and awaits "
        f"reviewer assignment.\n\n{settings.SITE_URL}/admin/",
        _group_emails(policy.EDITORS),
    )


def reviewer_invited(assignment: ReviewAssignment) -> None:
    due = assignment.due_at.date().isoformat()
    _queue(
        f"Invitation to review: {_title(assignment.revision)}",
        f"Dear {assignment.reviewer.display_name},\n\nYou are invited to review "
        f"“{_title(assignment.revision)}”. Please accept (declaring any conflict of interest) "
        f"or decline. The review is due on {due}.\n\n{settings.SITE_URL}/admin/",
        [assignment.reviewer.user.email],
    )


def awaiting_board(revision: Revision) -> None:
    _queue(
        f"Awaiting your vote: {_title(revision)}",
        f"The reviews of “{_title(revision)}” are in. The revision awaits the Medical "
        f"Advisory Board's vote.\n\n{settings.SITE_URL}/admin/",
        _group_emails(policy.BOARD),
    )


def author_decision(revision: Revision, headline: str, comment: str = "") -> None:
    body = f"“{_title(revision)}” (revision {revision.number}): {headline}."
    if comment:
        body += f"\n\nComment from the Medical Advisory Board:\n{comment}"
    _queue(f"{headline}: {_title(revision)}", body, [revision.article.created_by.email])
