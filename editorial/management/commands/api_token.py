from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from editorial import services
from editorial.errors import WorkflowError


class Command(BaseCommand):
    help = (
        "Issue (replacing any old one) or revoke a user's API token, e.g. for a drafting "
        "pipeline: `api_token issue pipeline-bot`, `api_token revoke pipeline-bot`. Both are "
        "recorded in the audit history, as the API's token endpoint records them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["issue", "revoke"])
        parser.add_argument("username")

    def handle(self, *args, action: str, username: str, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(f"No user called “{username}”.") from exc
        try:
            if action == "issue":
                self.stdout.write(services.api_token_issue(actor=None, person=user))
            elif services.api_token_revoke(actor=None, person=user):
                self.stdout.write(self.style.SUCCESS(f"Revoked the API token of {username}."))
            else:
                self.stdout.write(f"{username} had no API token; nothing to revoke.")
        except WorkflowError as exc:
            raise CommandError(exc.message) from exc
