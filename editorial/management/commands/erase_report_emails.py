"""Erase readers' e-mail addresses from reports closed longer ago than the retention period."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from editorial import services


class Command(BaseCommand):
    help = (
        "Erase the reader's e-mail address from every report closed more than "
        'EDITORIAL["REPORT_EMAIL_RETENTION_DAYS"] days ago (idempotent; for cron).'
    )

    def handle(self, *args: Any, **options: Any) -> None:
        erased = services.reader_report_erase_expired_emails()
        days = settings.EDITORIAL["REPORT_EMAIL_RETENTION_DAYS"]
        self.stdout.write(
            f"Erased the e-mail address of {erased} report{'s' if erased != 1 else ''} "
            f"closed more than {days} days ago."
        )
