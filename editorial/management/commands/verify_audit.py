from django.core.management.base import BaseCommand, CommandError

from editorial.audit import verify_chain
from editorial.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Verify the audit history's hash chain end to end; exit non-zero at the first break. "
        "Record the printed head somewhere else (a ticket, a log) and pass it back later "
        "with --anchor: the chain alone cannot show that its newest events were cut off."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="HASH",
            help="A head hash printed by an earlier run; it must still be in the chain.",
        )

    def handle(self, *args, **options) -> None:
        for problem in verify_chain():
            raise CommandError(
                f"Audit chain broken at event #{problem.sequence} (id {problem.pk}): "
                f"{problem.reason}."
            )
        for anchor in options["anchor"]:
            if not AuditEvent.objects.filter(hash=anchor.strip().lower()).exists():
                raise CommandError(
                    f"Anchor {anchor} is no longer in the audit chain: events recorded up to "
                    "it have been removed."
                )
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events verified."))
        head = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        if head:
            self.stdout.write(f"Head: event #{head['sequence']} {head['hash']}")
