from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from editorial import checkpoints
from editorial.audit import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the audit chain, then record its head outside the database, signed with "
        "AUDIT_KEY: append one line to a file that only grows (--to) and/or mail it to the "
        "Advisory Board (--mail). Run from cron; `verify_audit --checkpoints FILE` checks the "
        "chain against every line, so cutting off its newest events or emptying it shows."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--to", type=Path, metavar="PATH", help="Append the checkpoint here.")
        parser.add_argument(
            "--mail", action="store_true", help="Mail it to the Advisory Board's members."
        )

    def handle(self, *args, to: Path | None, mail: bool, **options) -> None:
        if to is None and not mail:
            raise CommandError("Say where the checkpoint goes: --to PATH, --mail, or both.")
        recipients = checkpoints.board_addresses() if mail else []
        if mail and not recipients:
            raise CommandError("No active Advisory Board member has an e-mail address.")
        for problem in verify_chain():
            raise CommandError(
                f"Audit chain broken at event #{problem.sequence} (id {problem.pk}): "
                f"{problem.reason}. No checkpoint taken; investigate with verify_audit."
            )
        checkpoint = checkpoints.take()
        if to is not None:
            checkpoints.append(to, checkpoint)
        if recipients:
            checkpoints.mail(checkpoint, recipients)
        self.stdout.write(checkpoint.line())
