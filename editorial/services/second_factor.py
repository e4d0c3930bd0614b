"""The second factor that editors, the board and superusers sign in with (policy.
needs_second_factor): an authenticator app (TOTP, django-otp) and ten single-use recovery
codes for when the phone is lost. Setting one up, using a recovery code and an
administrator's reset are in the audit history; codes and secrets never are."""

from __future__ import annotations

from typing import Any

from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import audit, policy
from ..errors import RuleViolation
from ..models import AuditAction
from ..policy import Actor
from ._base import require, workflow_service

RECOVERY_CODES = 10
DEVICE_NAME = "authenticator app"
WRONG_CODE = "That code is not right. Enter the 6 digits your app shows now, or a recovery code."
ALREADY_SET_UP = "This account's authenticator is set up already."


def has_second_factor(person: Any) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def _clean(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def second_factor_start(*, person: Any, key: str | None = None) -> TOTPDevice:
    """The person's authenticator, not yet confirmed, for them to add to their app. Nothing
    signs in with it until a code from the app confirms it (second_factor_enrol), so it is not
    in the audit history. `key` (hex) only for the demo's fixed secret."""
    device = TOTPDevice.objects.filter(user=person, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=person, name=DEVICE_NAME, confirmed=False)
    if key is not None:
        device.key = key
    device.save()
    return device


@workflow_service
def second_factor_enrol(*, actor: Actor, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the person's authenticator with a code it shows; returns ten new recovery
    codes, to be shown to them once."""
    person = device.user
    require(policy.can_enrol_second_factor(actor, person), "You set up only your own sign-in.")
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or has_second_factor(person):
        raise RuleViolation(ALREADY_SET_UP)
    if not device.verify_token(_clean(code)):
        raise RuleViolation(WRONG_CODE, fields={"otp": [WRONG_CODE]})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=person, confirmed=False).delete()
    StaticDevice.objects.filter(user=person).delete()
    recovery = StaticDevice.objects.create(user=person, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=c) for c in codes])
    audit.record(
        action=AuditAction.SECOND_FACTOR_ENROLLED,
        actor=actor,
        article=None,
        data={"user": person.pk, "recovery_codes": RECOVERY_CODES},
    )
    return codes


@workflow_service
def second_factor_verify(*, person: Any, code: str) -> Device | None:
    """The device that accepts the code: the authenticator for six digits, otherwise the
    recovery codes, one of which it uses up. None if neither does; each device counts its
    failures and makes the next try wait (django-otp's throttling)."""
    code = _clean(code)
    if code.isdigit() and len(code) == 6:
        devices = TOTPDevice.objects.filter(user=person, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=person, confirmed=True)
    for device in devices.select_for_update().order_by("pk"):
        if not device.verify_token(code):
            continue
        if isinstance(device, StaticDevice):
            audit.record(
                action=AuditAction.RECOVERY_CODE_USED,
                actor=person,
                article=None,
                data={"user": person.pk, "remaining": device.token_set.count()},
            )
        return device
    return None


@workflow_service
def second_factor_reset(*, actor: Actor, person: Any) -> bool:
    """An administrator clears a person's authenticator and recovery codes (a lost phone):
    they set up a new one at their next sign-in. True if there was one."""
    require(
        policy.can_reset_second_factor(actor, person),
        "Only the site's administrators reset a second factor.",
    )
    removed = TOTPDevice.objects.filter(user=person).delete()[0]
    removed += StaticDevice.objects.filter(user=person).delete()[0]
    if removed:
        audit.record(
            action=AuditAction.SECOND_FACTOR_RESET,
            actor=actor,
            article=None,
            data={"user": person.pk},
        )
    return bool(removed)
