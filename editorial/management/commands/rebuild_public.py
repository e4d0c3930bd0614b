import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from editorial.services.public_rebuild import (
    default_workers,
    public_rebuild_ids,
    public_snapshots_rebuild,
)


class Progress:
    """One line on stderr, rewritten in place on a terminal (a line per tenth otherwise)."""

    def __init__(self, stream, started: float) -> None:
        self.stream = stream
        self.started = started
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if not self.tty and (tenth == self.shown and done != total):
            return
        self.shown = tenth
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate else 0.0
        width = 30
        bar = "#" * (done * width // max(total, 1))
        line = (
            f"[{bar:<{width}}] {done}/{total} rebuilt, {rate:.0f} articles/s, "
            f"about {left:.0f}s left"
        )
        self.stream.write(f"\r{line}" if self.tty else line, ending="")
        if not self.tty or done >= total:
            self.stream.write("\n", ending="")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Rewrite the public pages and JSON of the articles whose stored rendering is stale (an "
        "earlier template, renderer or setting such as EDITORIAL_DISCLAIMER, SITE_URL or "
        "SECRET_KEY made it), or of every article with --all, from its live revision and the "
        "evidence that it was approved and published, in parallel worker processes. Use "
        "--all when a stored rendering was found altered. Exits non-zero when it had to "
        "withdraw an article."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Rebuild every rendering, not only the stale ones.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Worker processes, each with its own database connection (default: the "
            "number of CPUs).",
        )

    def handle(self, *args, everything: bool = False, workers: int = 1, **options) -> None:
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        ids = public_rebuild_ids(everything=everything)
        if not ids:
            self.stdout.write("Every public rendering is current; nothing to rebuild.")
            return
        started = time.monotonic()
        progress = Progress(self.stderr, started) if options.get("verbosity", 1) > 0 else None
        report = public_snapshots_rebuild(ids, workers=workers, progress=progress)
        elapsed = time.monotonic() - started
        for slug, why in report.withdrawn:
            self.stderr.write(f"Withdrawn from public view: {slug}: {why}")
        self.stdout.write(
            f"Rebuilt the public renderings of {report.rebuilt} articles in {elapsed:.1f}s "
            f"({workers} worker{'s' if workers != 1 else ''})."
        )
        if report.withdrawn:
            raise CommandError(
                f"{len(report.withdrawn)} article(s) were withdrawn: their evidence of "
                "approval and publication is missing. Each refusal is in the audit history."
            )
        self.stdout.write(self.style.SUCCESS("Every public rendering matches the record."))
