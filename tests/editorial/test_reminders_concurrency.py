"""On PostgreSQL: two editorial_tick runs at the same moment send a reminder once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from editorial.models import Reminder
from editorial.services.reminders import KINDS, reminder_send
from tests.editorial.race import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_record_and_send_a_reminder_once(workflow):
    reviews = workflow.accepted(n=2)
    for review in reviews:
        workflow.complete(review)
    ready = KINDS["ready_for_review"]
    (revision,) = ready.find(timezone.now())
    # Both runs found it unsent and built the same reminder; both try to record it.
    notices = [ready.build(revision), ready.build(revision)]
    mail.outbox.clear()

    outcomes = race(*(lambda notice=notice: reminder_send(notice) for notice in notices))

    assert sorted(outcomes) == [False, True]
    assert Reminder.objects.filter(kind="ready_for_review").count() == 1
    (sent,) = mail.outbox
    assert sent.to == [workflow.editor.email]
