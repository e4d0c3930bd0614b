"""The reader's e-mail address is erased a retention period after the report is closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from editorial import services
from editorial.audit import verify_chain
from editorial.models import AuditEvent, ReaderReport

from .conftest import receive

ADDRESS = "reader@example.org"


@pytest.fixture
def reports(published, editor):
    """A report resolved, one dismissed, one still open and one closed without an address."""
    resolved = receive(published, email=ADDRESS)
    services.reader_report_resolve(report=resolved, actor=editor, note="Fixed.")
    dismissed = receive(published, email=ADDRESS)
    services.reader_report_dismiss(report=dismissed, actor=editor, note="Already clear.")
    open_ = services.reader_report_acknowledge(
        report=receive(published, email=ADDRESS), actor=editor
    )
    anonymous = receive(published)
    services.reader_report_dismiss(report=anonymous, actor=editor, note="Spam.")
    return resolved, dismissed, open_, anonymous


def emails() -> dict[int, str]:
    return dict(ReaderReport.objects.values_list("pk", "email"))


def test_nothing_is_erased_within_the_retention_period(reports, settings):
    settings.EDITORIAL = {**settings.EDITORIAL, "REPORT_EMAIL_RETENTION_DAYS": 90}
    events = AuditEvent.objects.count()
    later = timezone.now() + timedelta(days=89)
    assert services.reader_report_erase_expired_emails(now=later) == 0
    assert list(emails().values()).count(ADDRESS) == 3
    assert AuditEvent.objects.count() == events


def test_closed_reports_lose_their_address_after_the_period_in_one_audited_run(reports, settings):
    settings.EDITORIAL = {**settings.EDITORIAL, "REPORT_EMAIL_RETENTION_DAYS": 90}
    resolved, dismissed, open_, anonymous = reports
    later = timezone.now() + timedelta(days=91)

    assert services.reader_report_erase_expired_emails(now=later) == 2

    assert emails() == {resolved.pk: "", dismissed.pk: "", open_.pk: ADDRESS, anonymous.pk: ""}
    erased = ReaderReport.objects.get(pk=resolved.pk)
    assert erased.email_erased_at == later
    assert ReaderReport.objects.get(pk=anonymous.pk).email_erased_at is None
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.actor, event.article) == ("reader_report_emails_erased", None, None)
    assert event.data == {"reports": [resolved.pk, dismissed.pk], "retention_days": 90}
    assert ADDRESS not in str(event.data)
    assert list(verify_chain()) == []


def test_a_second_run_erases_nothing_and_records_nothing(reports):
    later = timezone.now() + timedelta(days=365)
    services.reader_report_erase_expired_emails(now=later)
    events = AuditEvent.objects.count()
    assert services.reader_report_erase_expired_emails(now=later) == 0
    assert AuditEvent.objects.count() == events


def test_the_command_erases_with_the_retention_from_the_settings(reports, settings, capsys):
    settings.EDITORIAL = {**settings.EDITORIAL, "REPORT_EMAIL_RETENTION_DAYS": 0}
    call_command("erase_report_emails")
    assert "Erased the e-mail address of 2 reports closed more than 0 days ago." in (
        capsys.readouterr().out
    )
    assert list(emails().values()).count(ADDRESS) == 1


def test_the_editorial_policy_page_states_the_retention_period(client, settings, db):
    settings.EDITORIAL = {**settings.EDITORIAL, "REPORT_EMAIL_RETENTION_DAYS": 45}
    page = client.get("/editorial-policy/").content.decode()
    assert "Report a problem or ask a question" in page
    assert "erased 45 days after your report is closed" in page
