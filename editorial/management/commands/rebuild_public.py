from django.core.management.base import BaseCommand

from editorial.services.public_snapshots import public_snapshots_rebuild_all


class Command(BaseCommand):
    help = (
        "Re-render every article's public pages and JSON from its live revision. Run it after "
        "changing the disclaimer (EDITORIAL_DISCLAIMER) or SITE_URL."
    )

    def handle(self, *args, **options) -> None:
        count = public_snapshots_rebuild_all(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the public renderings of {count} articles."))
