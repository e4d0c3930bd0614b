"""E-mail is a task: enqueued on the database queue only once the change commits, and sent
by the worker (`manage.py db_worker`), which tries a refused e-mail again later."""

from __future__ import annotations

import signal
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editorial import services

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture
def database_queue():
    """The production backend instead of the tests' immediate one; the worker's signal
    handlers are put back afterwards."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    with override_settings(TASKS=DATABASE_QUEUE):
        yield
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def run_worker() -> None:
    """The worker, in this process: every task that is ready, then it exits."""
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def test_a_committed_change_enqueues_its_email_and_sends_nothing_itself(
    workflow, database_queue, django_capture_on_commit_callbacks
):
    revision = workflow.draft()

    with django_capture_on_commit_callbacks(execute=True):
        services.revision_submit(revision=revision, actor=workflow.author)
        assert not DBTaskResult.objects.exists()

    (queued,) = DBTaskResult.objects.all()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "editorial.tasks.send_email"
    assert queued.args_kwargs["kwargs"]["to"] == [workflow.editor.email]
    assert mail.outbox == []


def test_a_rolled_back_change_enqueues_nothing(
    workflow, database_queue, django_capture_on_commit_callbacks
):
    revision = workflow.draft()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.revision_submit(revision=revision, actor=workflow.author)
        transaction.set_rollback(True)

    assert callbacks == []
    assert not DBTaskResult.objects.exists()
    revision.refresh_from_db()
    assert revision.state == "draft"


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_what_was_enqueued_on_commit(workflow, database_queue):
    """Real commits (a transactional test), then the worker command run once."""
    revision = services.revision_submit(revision=workflow.draft(), actor=workflow.author)
    services.assignment_create(
        revision=revision, reviewer=workflow.reviewers[0], actor=workflow.editor
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 2

    run_worker()

    assert sorted(m.subject for m in mail.outbox) == [
        f"[Imprimatur] Invitation to review: {revision.title}",
        f"[Imprimatur] New submission: {revision.title}",
    ]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {
        TaskResultStatus.SUCCESSFUL
    }
    run_worker()
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_refused_email_is_tried_again_later_by_the_worker(workflow, database_queue):
    services.revision_submit(revision=workflow.draft(), actor=workflow.author)
    with mock.patch(
        "editorial.tasks.EmailMessage.send", side_effect=ConnectionRefusedError("SMTP down")
    ):
        run_worker()

    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == TaskResultStatus.FAILED
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert mail.outbox == []

    run_worker()  # not yet: the retry waits
    assert mail.outbox == []

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=1)):
        run_worker()
    (sent,) = mail.outbox
    assert sent.to == [workflow.editor.email]


def test_due_dates_are_written_in_the_sites_time_zone(
    workflow, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.TIME_ZONE = "Pacific/Auckland"
    revision = workflow.submitted()
    due_at = timezone.now() + timedelta(days=5)

    with django_capture_on_commit_callbacks(execute=True):
        services.assignment_create(
            revision=revision, reviewer=workflow.reviewers[0], actor=workflow.editor, due_at=due_at
        )

    (invitation,) = mailoutbox
    auckland = timezone.localtime(due_at, timezone.get_default_timezone())
    assert f"due by {auckland:%Y-%m-%d %H:%M} Pacific/Auckland" in invitation.body
