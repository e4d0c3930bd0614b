from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = (
        "Issue (replacing any old one) or revoke a user's API token, e.g. for a drafting "
        "pipeline: `api_token issue pipeline-bot`, `api_token revoke pipeline-bot`."
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
        deleted, _ = Token.objects.filter(user=user).delete()
        if action == "revoke":
            if deleted:
                self.stdout.write(self.style.SUCCESS(f"Revoked the API token of {username}."))
            else:
                self.stdout.write(f"{username} had no API token; nothing to revoke.")
            return
        if not user.is_active:
            raise CommandError(f"{username} is not active; activate the account first.")
        token = Token.objects.create(user=user)
        self.stdout.write(token.key)
