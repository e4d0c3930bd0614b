"""The report's machine: editors acknowledge, resolve and dismiss, each audited with the
note; receipt keeps the reader's words out of the audit history."""

from __future__ import annotations

import pytest

from editorial import audit, services
from editorial.errors import InvalidTransition, NotFound, RuleViolation
from editorial.models import AuditAction, AuditEvent, ReaderReport, ReportState
from editorial.services.reports import NOTE_NEEDED
from tests.workflow import UPDATE

from .conftest import receive


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


def test_receiving_a_report_writes_no_audit_event(published):
    events = AuditEvent.objects.count()
    report = receive(published, email="reader@example.org")
    assert report.state == ReportState.NEW
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("service", "note", "action", "to_state"),
    [
        ("reader_report_acknowledge", "Checking the table.", "reader_report_acknowledged",
         "acknowledged"),
        ("reader_report_resolve", "Dose corrected in revision 2.", "reader_report_resolved",
         "resolved"),
        ("reader_report_dismiss", "The article already says so.", "reader_report_dismissed",
         "dismissed"),
    ],
)  # fmt: skip
def test_each_step_is_audited_with_its_note_and_never_the_readers_words(
    published, editor, service, note, action, to_state
):
    report = receive(published, message="SECRET-WORDS", email="reader@example.org")
    report = getattr(services, service)(report=report, actor=editor, note=note)

    event = last_event()
    assert (event.action, event.actor, event.from_state, event.to_state) == (
        action,
        editor,
        "new",
        to_state,
    )
    assert (event.article, event.revision, event.comment) == (published.article, published, note)
    assert event.data == {"report": report.pk, "kind": "unclear"}
    assert "SECRET-WORDS" not in str(event.data) + event.comment
    assert "reader@example.org" not in str(event.data) + event.comment
    report.refresh_from_db()
    assert (report.state, report.handled_by) == (to_state, editor)


def test_closing_keeps_the_note_and_the_time(published, editor):
    report = services.reader_report_acknowledge(report=receive(published), actor=editor)
    report = services.reader_report_resolve(report=report, actor=editor, note=" Fixed. ")
    report.refresh_from_db()
    assert report.resolution_note == "Fixed."
    assert report.acknowledged_at <= report.closed_at


@pytest.mark.parametrize("service", ["reader_report_resolve", "reader_report_dismiss"])
def test_closing_without_a_note_is_refused_and_nothing_is_audited(published, editor, service):
    report = receive(published)
    events = AuditEvent.objects.count()
    with pytest.raises(RuleViolation, match=NOTE_NEEDED):
        getattr(services, service)(report=report, actor=editor, note="  ")
    assert AuditEvent.objects.count() == events
    report.refresh_from_db()
    assert report.state == ReportState.NEW


@pytest.mark.parametrize(
    ("first", "then", "message"),
    [
        ("acknowledge", "acknowledge", "This report is acknowledged; it cannot be acknowledged."),
        ("resolve", "dismiss", "This report is resolved; it cannot be dismissed."),
        ("dismiss", "resolve", "This report is dismissed; it cannot be resolved."),
        ("dismiss", "acknowledge", "This report is dismissed; it cannot be acknowledged."),
    ],
)
def test_a_step_that_does_not_fit_the_state_is_409_with_what_is_allowed(
    published, editor, first, then, message
):
    report = receive(published)
    getattr(services, f"reader_report_{first}")(report=report, actor=editor, note="Done.")
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition) as refused:
        getattr(services, f"reader_report_{then}")(report=report, actor=editor, note="Again.")
    assert refused.value.status == 409
    assert refused.value.message == message
    assert set(refused.value.allowed) <= {"resolve_report", "dismiss_report", "open_correction"}
    assert AuditEvent.objects.count() == events


def test_if_the_audit_cannot_be_written_the_report_does_not_move(published, editor, monkeypatch):
    report = receive(published)

    def broken(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.reader_report_resolve(report=report, actor=editor, note="Fixed.")
    report.refresh_from_db()
    assert (report.state, report.resolution_note, report.closed_at) == ("new", "", None)


def test_a_report_on_an_article_no_longer_published_is_refused(workflow, board):
    revision = workflow.published()
    services.revision_unpublish(revision=revision, actor=board[0], reason="Outdated.")
    with pytest.raises(NotFound):
        receive(revision)
    assert not ReaderReport.objects.exists()


def test_a_report_names_the_revision_live_when_it_was_sent(workflow, published, author):
    first = receive(published)
    newer = workflow.published(
        services.revision_start_next(article=published.article, actor=author, **UPDATE)
    )
    second = receive(newer)
    assert (first.revision, second.revision) == (published, newer)


def test_the_audit_actions_are_a_closed_vocabulary():
    assert {
        "reader_report_acknowledged",
        "reader_report_resolved",
        "reader_report_dismissed",
        "reader_report_emails_erased",
    } <= set(AuditAction.values)
