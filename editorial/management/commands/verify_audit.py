from django.core.management.base import BaseCommand, CommandError

from editorial.audit import verify_chain
from editorial.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit history's hash chain end to end; exit non-zero at the first break."

    def handle(self, *args, **options) -> None:
        for problem in verify_chain():
            raise CommandError(
                f"Audit chain broken at event #{problem.sequence} (id {problem.pk}): "
                f"{problem.reason}."
            )
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events verified."))
