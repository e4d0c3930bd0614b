from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from editorial import selectors, services
from editorial.errors import WorkflowError


class Command(BaseCommand):
    help = (
        "API tokens at the console, e.g. for a drafting pipeline: "
        "`api_token issue pipeline-bot --name 'nightly drafts' --days 90` prints a new key "
        "(shown this once); `api_token list pipeline-bot`; `api_token revoke pipeline-bot "
        "--id 12` (or every token it holds, without --id). Issue and revocation are recorded "
        "in the audit history, as the API's token endpoint records them; the key never is."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["issue", "list", "revoke"])
        parser.add_argument("username")
        parser.add_argument("--name", help="Who holds the token (issue; required).")
        parser.add_argument(
            "--days", type=int, help="How long it works (issue; default API_TOKEN_DAYS)."
        )
        parser.add_argument("--id", type=int, help="The one token to revoke (revoke).")

    def handle(self, *args, action: str, username: str, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(f"No user called “{username}”.") from exc
        try:
            getattr(self, action)(user, **options)
        except WorkflowError as exc:
            raise CommandError(exc.message) from exc

    def issue(self, user, *, name: str | None, days: int | None, **options) -> None:
        if not name:
            raise CommandError("Name the token's holder with --name, e.g. --name 'draft pipeline'.")
        token, key = services.api_token_issue(actor=None, person=user, name=name, days=days)
        self.stderr.write(
            f"Token {token.pk} “{token.name}” for {user.get_username()}, valid until "
            f"{token.expires_at:%Y-%m-%d %H:%M %Z}. The key is shown this once:"
        )
        self.stdout.write(key)

    def list(self, user, **options) -> None:
        tokens = selectors.api_token_list(user, own=True)
        for token in tokens:
            used = token.last_used_at.strftime("%Y-%m-%d %H:%M") if token.last_used_at else "never"
            self.stdout.write(
                f"{token.pk:>6}  {token.state:<8} until {token.expires_at:%Y-%m-%d}  "
                f"last used {used:<16}  {token.name}"
            )
        if not tokens:
            self.stdout.write(f"{user.get_username()} holds no API tokens.")

    def revoke(self, user, *, id: int | None, **options) -> None:
        username = user.get_username()
        if id is None:
            count = services.api_tokens_revoke_all(actor=None, person=user)
            self.stdout.write(self.style.SUCCESS(f"Revoked {count} API token(s) of {username}."))
            return
        token = selectors.api_token_list(user, own=True).filter(pk=id).first()
        if token is None:
            raise CommandError(f"{username} holds no token {id}.")
        if services.api_token_revoke(actor=None, token=token):
            self.stdout.write(self.style.SUCCESS(f"Revoked token {id} of {username}."))
        else:
            self.stdout.write(f"Token {id} of {username} was already revoked.")
