"""Two editors close one report at the same moment (PostgreSQL, real threads): exactly one
closes it, the other is told it is already closed, and the history records one step."""

from __future__ import annotations

import pytest

from editorial import services
from editorial.errors import InvalidTransition
from editorial.models import AuditEvent, ReaderReport
from tests.editorial.race import assert_chain_intact, race, split
from tests.factories import UserFactory

from .conftest import receive

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 5


def test_resolve_and_dismiss_at_once_close_the_report_exactly_once(workflow, editor):
    other = UserFactory(username="editor2", groups=["Editors"])
    published = workflow.published()
    for _ in range(ROUNDS):
        report = receive(published)
        outcomes = race(
            lambda r=report: services.reader_report_resolve(report=r, actor=editor, note="Fixed."),
            lambda r=report: services.reader_report_dismiss(report=r, actor=other, note="Fine."),
        )
        wins, refusals = split(outcomes)
        assert len(wins) == 1, outcomes
        assert len(refusals) == 1, outcomes
        assert isinstance(refusals[0], InvalidTransition), outcomes
        closed = ReaderReport.objects.get(pk=report.pk)
        assert closed.state == wins[0].state
        assert AuditEvent.objects.filter(data__report=report.pk).count() == 1
    assert_chain_intact()


def test_reports_sent_while_editors_work_all_arrive(workflow, editor):
    published = workflow.published()
    pending = receive(published)
    outcomes = race(
        *[lambda: receive(published, message="At once.") for _ in range(4)],
        lambda: services.reader_report_resolve(report=pending, actor=editor, note="Done."),
    )
    wins, refusals = split(outcomes)
    assert (len(wins), refusals) == (5, [])
    assert ReaderReport.objects.filter(message="At once.").count() == 4
    assert_chain_intact()
