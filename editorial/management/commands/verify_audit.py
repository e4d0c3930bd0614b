from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from editorial import checkpoints
from editorial.audit import verify_chain
from editorial.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Verify the audit history's keyed hash chain end to end; exit non-zero at the first "
        "break. The chain alone cannot show that its newest events were cut off: pass the "
        "checkpoint file `audit_checkpoint` appends to with --checkpoints, or a head printed "
        "by an earlier run with --anchor."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="HASH",
            help="A head hash printed by an earlier run; it must still be in the chain.",
        )
        parser.add_argument(
            "--checkpoints",
            type=Path,
            metavar="PATH",
            help="A file of signed checkpoints; each one's head must still be in the chain.",
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
        checked = self._checkpoints(options["checkpoints"]) if options["checkpoints"] else None
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {count} events verified."))
        head = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        if head:
            self.stdout.write(f"Head: event #{head['sequence']} {head['hash']}")
        if checked:
            self.stdout.write(checked)

    def _checkpoints(self, path: Path) -> str:
        try:
            found = checkpoints.read(path)
        except OSError as exc:
            raise CommandError(f"Cannot read the checkpoint file {path}: {exc.strerror}.") from exc
        except checkpoints.CheckpointError as exc:
            raise CommandError(str(exc)) from exc
        if not found:
            raise CommandError(
                f"{path} holds no checkpoints: it was emptied, or is the wrong file."
            )
        for problem in checkpoints.problems(found):
            raise CommandError(problem)
        newest = max((c for _, c in found), key=lambda c: c.sequence)
        return f"Checkpoints intact: {len(found)} in {path}, the newest at {newest.describe()}."
