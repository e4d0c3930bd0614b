"""An editor turns a reader's report into a correction with one action: a correction draft
for the author, linked to the report, which publishing the correction resolves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from editorial import services
from editorial.errors import NotFound, RuleViolation
from editorial.models import AuditEvent, ReportState
from editorial.services.reports import CORRECTION_EXISTS, REVISION_IN_PLAY

from .conftest import receive

pytestmark = pytest.mark.django_db


def _url(report, action: str) -> str:
    return reverse("admin:editorial_readerreport_action", args=[report.pk, action])


def test_an_editor_opens_a_correction_from_the_report_page(
    published, editor, login, mailoutbox, django_capture_on_commit_callbacks
):
    report = receive(published)
    client = login(editor)
    page = client.get(reverse("admin:editorial_readerreport_change", args=[report.pk]))
    assert _url(report, "open_correction") in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(report, "open_correction"), {"note": "Check table 2."})
    assert response.status_code == 302
    report.refresh_from_db()
    correction = report.correction
    assert (correction.number, correction.state) == (2, "draft")
    assert (correction.change_class, correction.change_note) == ("correction", "")
    assert correction.body == published.body
    assert report.state == ReportState.NEW
    opened = AuditEvent.objects.get(action="reader_report_correction_opened")
    assert (opened.actor, opened.data["correction"], opened.comment) == (
        editor,
        2,
        "Check table 2.",
    )
    started = AuditEvent.objects.get(revision=correction, action="revision_started")
    assert started.data["report"] == report.pk
    assert [m.to for m in mailoutbox] == [[published.article.created_by.email]]
    assert "Check table 2." in mailoutbox[0].body
    after = client.get(reverse("admin:editorial_readerreport_change", args=[report.pk]))
    assert _url(report, "open_correction") not in after.content.decode()
    assert 'id="report-correction"' in after.content.decode()


def test_publishing_the_correction_resolves_the_report(workflow, published, editor):
    report = receive(published)
    services.reader_report_open_correction(report=report, actor=editor)
    report.refresh_from_db()
    draft = services.revision_edit(
        revision=report.correction, actor=workflow.author, change_note="The dose was wrong."
    )
    published_correction = workflow.published(
        services.revision_submit(revision=draft, actor=workflow.author)
    )
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED
    assert f"revision {published_correction.number} was published" in report.resolution_note
    resolved = AuditEvent.objects.get(action="reader_report_resolved")
    assert (resolved.actor, resolved.data["automatic"]) == (workflow.editor, True)


def test_only_once_per_report_and_not_while_another_revision_is_open(workflow, published, editor):
    report = receive(published)
    other = receive(published)
    services.reader_report_open_correction(report=report, actor=editor)
    with pytest.raises(RuleViolation) as refused:
        services.reader_report_open_correction(report=report, actor=editor)
    assert refused.value.message == CORRECTION_EXISTS
    with pytest.raises(RuleViolation) as refused:
        services.reader_report_open_correction(report=other, actor=editor)
    assert refused.value.message == REVISION_IN_PLAY.format(number=2, state="draft")


def test_the_board_and_the_author_cannot_even_find_the_report_to_open_a_correction(
    workflow, published, board
):
    report = receive(published)
    for person in (board[0], workflow.author):
        with pytest.raises(NotFound):  # reports are not theirs to read
            services.reader_report_open_correction(report=report, actor=person)
