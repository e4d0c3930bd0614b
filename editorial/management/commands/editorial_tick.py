"""The periodic work, in one idempotent command for cron or a systemd timer."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from editorial import services
from editorial.models import ReminderKind

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Publish what is scheduled, send the reminders that are due (each once) and erase "
        "readers' e-mail addresses past their retention period. Safe to run as often as you "
        "like (every five minutes from cron); a second run sends nothing new."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = [
            name
            for name, step in (
                ("scheduled publication", self.publish),
                ("reminders", self.remind),
                ("retention", self.erase),
            )
            if not self.run(name, step)
        ]
        if failed:
            raise CommandError(f"Not done: {', '.join(failed)} (see above).")

    def run(self, name: str, step: Any) -> bool:
        """One step; a failure is reported and the next step still runs."""
        try:
            return step()
        except Exception as exc:
            logger.exception("editorial_tick: %s failed", name)
            self.stderr.write(f"{name.capitalize()} failed: {exc}")
            return False

    def publish(self) -> bool:
        published, refused = services.publish_due()
        for revision, reason in refused:
            self.stderr.write(f"Not published {revision}: {reason}")
        self.stdout.write(
            f"Scheduled publication: {len(published)} published, {len(refused)} refused."
        )
        return not refused

    def remind(self) -> bool:
        for kind, count in services.reminders_send().items():
            label = ReminderKind(kind).label
            self.stdout.write(f"Reminders, {label.lower()}: {count} sent.")
        return True

    def erase(self) -> bool:
        erased = services.reader_report_erase_expired_emails()
        days = settings.EDITORIAL["REPORT_EMAIL_RETENTION_DAYS"]
        self.stdout.write(
            f"Readers' e-mail addresses erased: {erased} "
            f"(reports closed more than {days} days ago)."
        )
        return True
