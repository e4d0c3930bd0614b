import base64
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.demo.content import DEMO_TOTP_SECRET

STEP = 30


class Command(BaseCommand):
    help = (
        "Print the current one-time code of the demo's authenticator (editors, the board and "
        "the superuser of `seed_demo` share its secret), or of USERNAME's. DEBUG only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", nargs="?")

    def handle(self, *args, username: str | None = None, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code reads authenticator secrets: DEBUG only.")
        key = base64.b32decode(DEMO_TOTP_SECRET)
        if username is not None:
            User = get_user_model()
            device = TOTPDevice.objects.filter(
                user__in=User.objects.filter(**{User.USERNAME_FIELD: username}), confirmed=True
            ).first()
            if device is None:
                raise CommandError(f"{username} has no authenticator set up.")
            key = device.bin_key
        left = STEP - int(time.time()) % STEP
        self.stdout.write(f"{totp(key, step=STEP):06d}")
        self.stderr.write(f"(for {left} more seconds; each code signs a person in once)")
