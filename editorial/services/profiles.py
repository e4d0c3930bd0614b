"""Public profiles of reviewers and board members. The person fills in their affiliation,
ORCID iD and declared interests, and gives or withdraws their consent to a public page; the
operator may fill in the details at the console, and an editor may take a page down, but only
the person consents. Each change is audited, and what the public sees follows in the same
transaction: the profile page, and the pages of the published articles that name the person,
which link to the profile (and carry the ORCID iD) only while they consent."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from reviewers import orcid
from reviewers.models import PublicProfile

from .. import audit, policy
from ..errors import RuleViolation
from ..models import AuditAction
from ..policy import Actor
from ..selectors.public import person_name
from ._base import require, validate, workflow_service
from .public_rebuild import public_snapshots_refresh_for_person
from .public_snapshots import public_profile_refresh

FIELDS = ("affiliation", "orcid", "declared_interests")
NOT_YOURS = "Only the person keeps their own public profile."
NOT_ELIGIBLE = "Public profiles are for reviewers and members of the Medical Advisory Board."
ONLY_THEY_CONSENT = "Only the person themself can agree to be shown in public."
NO_NAME = (
    "Your name is not on record yet: ask the editorial office to add it, then your page can "
    "be shown."
)
ORCID_TAKEN = (
    "This ORCID iD is on another person's profile. If it is yours, ask the editorial office."
)
NOT_TO_WITHDRAW = "Only the person or the editors take a public profile down."
SLUG_LENGTH = 70


def public_profile_get(person: Any) -> PublicProfile | None:
    return PublicProfile.objects.filter(user=person).first()


def _new_slug(person: Any) -> str:
    """The page's address, from the name the person has now (it never changes after)."""
    base = slugify(person_name(person)[0])[:SLUG_LENGTH].strip("-") or "reviewer"
    slug, n = base, 1
    while PublicProfile.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _clean(fields: dict[str, Any]) -> dict[str, str]:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise RuleViolation(f"Unknown field: {sorted(unknown)[0]}.")
    cleaned = {}
    for name, value in fields.items():
        value = (value or "").strip()
        if name == "orcid":
            value = orcid.normalise(value)
        elif name == "declared_interests":
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        cleaned[name] = value
    return cleaned


def _recorded(name: str, value: str) -> Any:
    # The declaration is the person's own words: the history that can never be erased keeps
    # only its fingerprint, which still shows what was public at any time.
    if name == "declared_interests":
        return {"sha256": hashlib.sha256(value.encode()).hexdigest(), "length": len(value)}
    return value


def _changes(profile: PublicProfile, values: dict[str, str]) -> dict[str, list[Any]]:
    changed = {}
    for name, value in values.items():
        before = getattr(profile, name)
        if before != value:
            changed[name] = [_recorded(name, before), _recorded(name, value)]
            setattr(profile, name, value)
    return changed


def _locked(person: Any) -> PublicProfile | None:
    return PublicProfile.objects.select_for_update().filter(user=person).first()


@workflow_service
def public_profile_update(
    *, actor: Actor, person: Any, consent: bool | None = None, **fields: Any
) -> PublicProfile:
    """The person's affiliation, ORCID iD and declared interests, and (given as `consent`)
    whether they agree to a public page; the public page and the articles naming them follow."""
    require(policy.can_edit_public_profile(actor, person), NOT_YOURS)
    values = _clean(fields)
    # Read afresh under the lock: their name and roles decide what may be shown.
    person = get_user_model().objects.select_for_update(no_key=True).get(pk=person.pk)
    profile = _locked(person) or PublicProfile(user=person)
    changed = _changes(profile, values)
    gives = consent is True and not profile.is_public
    withdraws = consent is False and profile.is_public
    if not (changed or gives or withdraws):
        return profile
    if changed or gives:
        # Someone no longer on the board or reviewing may still take their page down.
        require(policy.may_have_public_profile(person), NOT_ELIGIBLE)
    if gives:
        require(policy.is_self(actor, person), ONLY_THEY_CONSENT)
        if not person_name(person)[0]:
            raise RuleViolation(NO_NAME)
    validate(profile, exclude=["user", "slug", "updated_at"])
    if "orcid" in changed and profile.orcid:
        taken = PublicProfile.objects.filter(orcid=profile.orcid).exclude(user=person).exists()
        if taken:
            raise RuleViolation(ORCID_TAKEN, fields={"orcid": [ORCID_TAKEN]})
    now = timezone.now()
    if gives:
        profile.consented_at, profile.withdrawn_at = now, None
    if withdraws:
        profile.consented_at, profile.withdrawn_at = None, now
    if profile.pk is None:
        profile.slug = _new_slug(person)
    profile.updated_at = now
    profile.save()
    if changed:
        audit.record(
            action=AuditAction.PUBLIC_PROFILE_UPDATED,
            actor=actor,
            article=None,
            data={"user": person.pk, "profile": profile.slug, "changed": changed},
        )
    if gives or withdraws:
        _record_consent(actor, person, profile, gives=gives)
    public_profile_refresh(user_id=person.pk)
    if gives or withdraws or (profile.is_public and "orcid" in changed):
        public_snapshots_refresh_for_person(user_id=person.pk)
    return profile


@workflow_service
def public_profile_withdraw(*, actor: Actor, person: Any, reason: str = "") -> PublicProfile | None:
    """Take the person's public page down, and their links from the articles that name them:
    the person does it from their profile, an editor at their request or for what should not
    be shown (the reason is recorded)."""
    require(policy.can_withdraw_public_profile(actor, person), NOT_TO_WITHDRAW)
    profile = _locked(person)
    if profile is None or not profile.is_public:
        return profile
    reason = reason.strip()
    profile.consented_at, profile.withdrawn_at = None, timezone.now()
    profile.updated_at = profile.withdrawn_at
    profile.save(update_fields=["consented_at", "withdrawn_at", "updated_at"])
    _record_consent(actor, person, profile, gives=False, reason=reason)
    public_profile_refresh(user_id=person.pk)
    public_snapshots_refresh_for_person(user_id=person.pk)
    return profile


def _record_consent(
    actor: Actor, person: Any, profile: PublicProfile, *, gives: bool, reason: str = ""
) -> None:
    consent = AuditAction.PUBLIC_PROFILE_CONSENTED
    audit.record(
        action=consent if gives else AuditAction.PUBLIC_PROFILE_WITHDRAWN,
        actor=actor,
        article=None,
        comment=reason,
        data={
            "user": person.pk,
            "profile": profile.slug,
            "by": _who(actor, person),
        },
    )


def _who(actor: Actor, person: Any) -> str:
    if policy.is_self(actor, person):
        return "themself"
    return "operator" if actor is None else "editors"
