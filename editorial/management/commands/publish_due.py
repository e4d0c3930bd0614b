from django.core.management.base import BaseCommand

from editorial import services


class Command(BaseCommand):
    help = "Publish approved revisions whose scheduled time has come (run from cron)."

    def handle(self, *args, **options) -> None:
        published, refused = services.publish_due()
        for revision in published:
            self.stdout.write(f"Published {revision}.")
        for revision, reason in refused:
            self.stderr.write(f"Not published {revision}: {reason}")
        self.stdout.write(f"{len(published)} published, {len(refused)} refused.")
