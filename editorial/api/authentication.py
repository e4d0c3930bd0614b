"""How the API knows who is asking: `Authorization: Token <key>` with one of our hashed,
expiring tokens (editorial.models.ApiToken), or the admin's session."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .. import messages, policy
from ..models import ApiToken

# Recording every use would write on every request; the minute is what anyone needs to know.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i T")


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """DRF's header parsing and `WWW-Authenticate: Token`; our own lookup: the key's prefix
    finds the row, its SHA-256 must match, and the token must be neither expired nor revoked."""

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        prefix = ApiToken.prefix_of(key)
        token = (
            ApiToken.objects.select_related("user").filter(prefix=prefix).first()
            if prefix
            else None
        )
        if token is None or not token.matches(key):
            raise exceptions.AuthenticationFailed(messages.UNKNOWN_KEY)
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                messages.REVOKED_KEY.format(
                    when=_when(token.revoked_at), why=token.get_revoked_reason_display()
                )
            )
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                messages.EXPIRED_KEY.format(when=_when(token.expires_at))
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(messages.INACTIVE_KEY_OWNER)
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The admin's session, but only once it has passed the second factor where the person's
    role needs one: a password alone does not open the API either."""

    def authenticate(self, request) -> tuple[Any, None] | None:
        answer = super().authenticate(request)
        if answer is None:
            return None
        user, _ = answer
        if policy.needs_second_factor(user) and not policy.verified(user):
            return None
        return answer


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = VerifiedSessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
