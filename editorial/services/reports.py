"""Readers' reports: received from the public side, handled by the editors, and the reader's
e-mail address erased a retention period after the report is closed.

A report's small machine (new -> acknowledged -> resolved / dismissed) is the registry's
"report" machine (editorial/workflow/registry.py), guarded and audited like the others.
Receiving a report is not audited: it is a reader's input, not an editorial step, and the
report row is its own record of receipt (see `intake_service`). The reader's words and
address never enter the audit history, which cannot be erased.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import ChangeClass, Revision

from .. import audit, messages, notifications, policy, workflow
from ..errors import NotFound, RuleViolation
from ..models import (
    CLOSED_REPORT_STATES,
    OPEN_REPORT_STATES,
    REPORT_MESSAGE_MAX,
    AuditAction,
    ReaderReport,
)
from ..policy import Actor
from ..selectors.reports import reportable_article
from ._base import apply, intake_service, lock, validate, workflow_service
from .authoring import start_next_revision

NO_LIVE_ARTICLE = "The article is not published now; a correction corrects a published article."
REVISION_IN_PLAY = (
    "Revision {number} of the article is still {state}: finish or withdraw it before opening "
    "a correction."
)
CORRECTION_EXISTS = "A correction was already opened from this report."

NOTE_MAX = 5000
NOTE_NEEDED = "Write a note: what was done, or why nothing needs to change."
NOTE_TOO_LONG = f"Keep the note under {NOTE_MAX:,} characters."


def _plain(text: str) -> str:
    """The text as typed: line endings as newlines, surrounding blank space dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


@intake_service
def reader_report_receive(*, slug: str, kind: str, message: str, email: str = "") -> ReaderReport:
    """Keep a reader's report on an article the public can read now, with the revision they
    read; any other slug is refused exactly as the article's own address refuses it."""
    live = reportable_article(slug)
    if live is None:
        raise NotFound(messages.NOT_VISIBLE)
    report = ReaderReport(
        article_id=live.article_id,
        revision_id=live.revision_id,
        kind=kind,
        message=_plain(message),
        email=email.strip(),
    )
    validate(report, exclude=["article", "revision", "handled_by"])
    report.save(force_insert=True)
    notifications.reader_report_received(report)
    return report


def _closing_note(note: str) -> str:
    note = _plain(note)
    if not note:
        raise RuleViolation(NOTE_NEEDED, fields={"note": [NOTE_NEEDED]})
    if len(note) > NOTE_MAX:
        raise RuleViolation(NOTE_TOO_LONG, fields={"note": [NOTE_TOO_LONG]})
    return note


@workflow_service
def reader_report_acknowledge(
    *, report: ReaderReport, actor: Actor, note: str = ""
) -> ReaderReport:
    """An editor takes a new report on; the optional note goes into the history."""
    report = lock(report)
    act = workflow.guard("acknowledge_report", actor, report)
    note = _plain(note)[:NOTE_MAX]
    apply(
        act,
        report,
        actor=actor,
        changes={"acknowledged_at": timezone.now(), "handled_by": actor},
        comment=note,
    )
    return report


def _close(name: str, report: ReaderReport, actor: Actor, note: str) -> ReaderReport:
    report = lock(report)
    act = workflow.guard(name, actor, report)
    note = _closing_note(note)
    apply(
        act,
        report,
        actor=actor,
        changes={"closed_at": timezone.now(), "handled_by": actor, "resolution_note": note},
        comment=note,
    )
    return report


@workflow_service
def reader_report_resolve(*, report: ReaderReport, actor: Actor, note: str) -> ReaderReport:
    """An editor closes a report as dealt with, saying what was done."""
    return _close("resolve_report", report, actor, note)


@workflow_service
def reader_report_dismiss(*, report: ReaderReport, actor: Actor, note: str) -> ReaderReport:
    """An editor closes a report that needs no change, saying why."""
    return _close("dismiss_report", report, actor, note)


@workflow_service
def reader_report_open_correction(
    *, report: ReaderReport, actor: Actor, note: str = ""
) -> ReaderReport:
    """An editor turns a reader's report into a correction: the next revision of the live
    article, a draft copied from it with the class "correction", for the author to correct
    and explain (its note is theirs to write). The report stays open, linked to the draft,
    and is resolved when the correction is published."""
    # The article first, as every service that locks an article and its rows does.
    article = lock(report.article)
    report = lock(report)
    act = workflow.guard("open_correction", actor, report)
    if report.correction_id is not None:
        raise RuleViolation(CORRECTION_EXISTS)
    if article.live_revision_id is None:
        raise RuleViolation(NO_LIVE_ARTICLE)
    latest = policy.latest_revision(article)
    if latest.state not in workflow.SETTLED_REVISION_STATES:
        raise RuleViolation(
            REVISION_IN_PLAY.format(number=latest.number, state=latest.get_state_display().lower())
        )
    note = _plain(note)[:NOTE_MAX]
    revision = start_next_revision(
        article,
        actor=actor,
        audit_action=workflow.action("start_revision").audit,
        change_class=ChangeClass.CORRECTION,
        change_note="",
        data={"report": report.pk},
    )
    apply(
        act,
        report,
        actor=actor,
        changes={"correction": revision, "handled_by": actor},
        comment=note,
        data={"correction": revision.number},
    )
    return report


def reports_resolved_by_publication(*, revision: Revision, actor: Actor) -> int:
    """Resolve the open reports that opened this correction, now published; each audited."""
    act = workflow.action("resolve_report")
    day = timezone.localdate(revision.published_at).isoformat()
    note = f"Corrected: revision {revision.number} was published on {day}."
    reports = ReaderReport.objects.select_for_update().filter(
        correction=revision, state__in=OPEN_REPORT_STATES
    )
    count = 0
    for report in reports:
        apply(
            act,
            report,
            actor=actor,
            changes={"closed_at": timezone.now(), "handled_by": actor, "resolution_note": note},
            comment=note,
            data={"automatic": True},
        )
        count += 1
    return count


@workflow_service
def reader_report_erase_expired_emails(*, now: datetime | None = None) -> int:
    """Blank the reader's e-mail address on every report closed more than
    EDITORIAL["REPORT_EMAIL_RETENTION_DAYS"] days ago; one audit event per run that erased
    any, naming the reports. Idempotent: a second run finds nothing to erase."""
    now = now or timezone.now()
    days = settings.EDITORIAL["REPORT_EMAIL_RETENTION_DAYS"]
    expired = list(
        ReaderReport.objects.select_for_update()
        .filter(state__in=CLOSED_REPORT_STATES, closed_at__lte=now - timedelta(days=days))
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not expired:
        return 0
    ReaderReport.objects.filter(pk__in=expired).update(email="", email_erased_at=now)
    audit.record(
        action=AuditAction.READER_REPORT_EMAILS_ERASED,
        actor=None,
        article=None,
        data={"reports": expired, "retention_days": days},
    )
    return len(expired)


__all__ = [
    "REPORT_MESSAGE_MAX",
    "reader_report_acknowledge",
    "reader_report_dismiss",
    "reader_report_erase_expired_emails",
    "reader_report_open_correction",
    "reader_report_receive",
    "reader_report_resolve",
    "reports_resolved_by_publication",
]
