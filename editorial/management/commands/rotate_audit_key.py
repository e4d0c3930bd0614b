from django.core.management.base import BaseCommand, CommandError

from editorial import audit


class Command(BaseCommand):
    help = (
        "After AUDIT_KEY is changed (the old key moved to AUDIT_KEYS_RETIRED), record the "
        "rotation in the audit chain: an event signed with the new key that names the old "
        "one. Refused unless the whole chain verifies. Until it has run, nothing else is "
        "written to the audit history."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--comment", default="", help="Why, kept in the history.")

    def handle(self, *args, comment: str, **options) -> None:
        try:
            event = audit.rotate_key(comment=comment)
        except audit.AuditKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit key rotated at event #{event.sequence}: "
                f"{event.data['previous_key_id']} → {event.key_id}."
            )
        )
