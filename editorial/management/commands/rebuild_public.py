from django.core.management.base import BaseCommand, CommandError

from editorial.services.public_snapshots import public_snapshots_rebuild_all


class Command(BaseCommand):
    help = (
        "Rewrite every article's public pages and JSON from scratch, from its live revision "
        "and the evidence that it was approved and published. Run it after changing the "
        "disclaimer (EDITORIAL_DISCLAIMER), SITE_URL or SECRET_KEY, or when a stored rendering "
        "was found altered. Exits non-zero when it had to withdraw an article."
    )

    def handle(self, *args, **options) -> None:
        report = public_snapshots_rebuild_all(log=self.stdout.write)
        for slug, why in report.withdrawn:
            self.stderr.write(f"Withdrawn from public view: {slug}: {why}")
        self.stdout.write(f"Rebuilt the public renderings of {report.rebuilt} articles.")
        if report.withdrawn:
            raise CommandError(
                f"{len(report.withdrawn)} article(s) were withdrawn: their evidence of "
                "approval and publication is missing. Each refusal is in the audit history."
            )
        self.stdout.write(self.style.SUCCESS("Every public rendering matches the record."))
