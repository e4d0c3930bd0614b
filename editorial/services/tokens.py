"""API tokens: one per device or pipeline, named, expiring and kept only as a hash. The owner
asks for one (the API, with their password and, where the role needs it, their second
factor) or the operator issues one at the console; the owner, an administrator or a change
of the owner's password revokes it. Each issue and revocation is in the audit history; the
key never is."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from .. import audit, policy
from ..errors import RuleViolation
from ..models import ApiToken, AuditAction, TokenRevocation
from ..policy import Actor
from ._base import lock, require, validate, workflow_service

MAX_TOKEN_DAYS = 366
MAX_LIVE_TOKENS = 20
ISSUE_OWN_ONLY = "You may only issue your own API tokens."
REVOKE_OWN_ONLY = "You may only revoke your own API tokens."


def live_tokens(person: Any):
    return ApiToken.objects.filter(
        user=person, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


@workflow_service
def api_token_issue(
    *, actor: Actor, person: Any, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """A new named token for the person, valid for `days` (API_TOKEN_DAYS by default); returns
    the row and the key, which is never stored and never shown again."""
    require(policy.can_issue_token(actor, person), ISSUE_OWN_ONLY)
    if not person.is_active:
        raise RuleViolation(f"{person.get_username()} is not active; activate the account first.")
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_TOKEN_DAYS:
        message = f"A token lasts from 1 to {MAX_TOKEN_DAYS} days."
        raise RuleViolation(message, fields={"days": [message]})
    if live_tokens(person).count() >= MAX_LIVE_TOKENS:
        raise RuleViolation(
            f"{person.get_username()} already holds {MAX_LIVE_TOKENS} live tokens; "
            "revoke one first."
        )
    prefix, key = ApiToken.new_key()
    now = timezone.now()
    token = ApiToken(
        user=person,
        name=name.strip(),
        prefix=prefix,
        key_hash=ApiToken.hash_key(key),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    validate(token, exclude=["user"])
    token.save()
    audit.record(
        action=AuditAction.API_TOKEN_ISSUED,
        actor=actor,
        article=None,
        data={
            "user": person.pk,
            "token": token.pk,
            "name": token.name,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    return token, key


def _reason(actor: Actor, person: Any) -> TokenRevocation:
    if actor is None:
        return TokenRevocation.BY_OPERATOR
    if actor.pk == person.pk:
        return TokenRevocation.BY_OWNER
    return TokenRevocation.BY_ADMINISTRATOR


def _revoke(token: ApiToken, *, actor: Actor, reason: TokenRevocation) -> None:
    token.revoked_at = timezone.now()
    token.revoked_reason = reason
    token.save(update_fields=["revoked_at", "revoked_reason"])
    audit.record(
        action=AuditAction.API_TOKEN_REVOKED,
        actor=actor,
        article=None,
        data={"user": token.user_id, "token": token.pk, "name": token.name, "reason": reason},
    )


@workflow_service
def api_token_revoke(*, actor: Actor, token: ApiToken) -> bool:
    """Revoke one token (its owner, or an administrator stopping a leaked one); True if it
    was not revoked already."""
    require(policy.can_revoke_token(actor, token.user), REVOKE_OWN_ONLY)
    token = lock(token)
    if token.revoked_at is not None:
        return False
    _revoke(token, actor=actor, reason=_reason(actor, token.user))
    return True


@workflow_service
def api_tokens_revoke_all(
    *, actor: Actor, person: Any, reason: TokenRevocation | None = None
) -> int:
    """Revoke every token of the person that still works; how many there were."""
    require(policy.can_revoke_token(actor, person), REVOKE_OWN_ONLY)
    tokens = list(live_tokens(person).select_for_update().order_by("pk"))
    for token in tokens:
        _revoke(token, actor=actor, reason=reason or _reason(actor, person))
    return len(tokens)


def revoke_tokens_on_new_password(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """post_save of the user model: a new password, whichever form or command set it, ends the
    person's tokens. Django re-hashing a password at sign-in is not a new one: it clears
    `_password` before saving."""
    if created or getattr(instance, "_password", None) is None:
        return
    api_tokens_revoke_all(actor=None, person=instance, reason=TokenRevocation.PASSWORD_CHANGED)
