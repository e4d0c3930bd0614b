"""Background tasks, on Django's task framework (the django-tasks backport: the imports
become `django.tasks` when the project moves to Django 6, nothing else changes).

E-mail leaves the request: a notice is enqueued once its change has committed
(`notifications`), and a worker (`manage.py db_worker`) sends it. The task framework has no
retries of its own, so a mail server that refuses is tried again here, later, a few times.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

RETRY_MINUTES = 5  # the first retry's delay; each later one waits twice as long


@task()
def send_email(*, subject: str, body: str, to: list[str], cc: list[str], attempt: int = 1) -> int:
    """Send one e-mail; on failure enqueue another attempt, later, while any remain.

    The arguments are plain text and addresses (JSON), so the e-mail says what was true when
    its change committed, whenever the worker gets to it.
    """
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, cc=cc)
    try:
        return message.send(fail_silently=False)
    except Exception:
        attempts = settings.EMAIL_TASK_ATTEMPTS
        backend = send_email.get_backend()
        if attempt < attempts and backend.supports_defer:
            delay = timedelta(minutes=RETRY_MINUTES * 2 ** (attempt - 1))
            send_email.using(run_after=timezone.now() + delay).enqueue(
                subject=subject, body=body, to=to, cc=cc, attempt=attempt + 1
            )
            logger.warning(
                "E-mail %r to %s failed (attempt %d of %d); trying again in %s.",
                subject, ", ".join(to), attempt, attempts, delay,
            )  # fmt: skip
        else:
            logger.error("E-mail %r to %s failed; giving up.", subject, ", ".join(to))
        # The task is recorded as failed either way, with the error, for the operator.
        raise
