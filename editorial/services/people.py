"""The writes around the workflow that matter as much as its steps: reviewer profiles,
specialties, people's names, passwords and role grants (API tokens: services/tokens.py; public
profiles: services/profiles.py). Each is audited in its own transaction, and each that changes
what readers are shown rebuilds those renderings and public profile pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group

from articles.models import Article, Specialty
from reviewers.models import PublicProfile, Reviewer

from .. import audit, policy
from ..errors import RuleViolation
from ..models import AuditAction, TokenRevocation
from ..policy import Actor
from ._base import lock, require, validate, workflow_service
from .public_rebuild import public_snapshots_refresh_for_person
from .public_snapshots import public_profile_refresh, public_snapshot_refresh
from .tokens import api_tokens_revoke_all

PROFILE_FIELDS = ("display_name", "credentials", "is_active", "max_active_reviews")
SHOWN_PROFILE_FIELDS = {"display_name", "credentials"}
PERSON_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
)
SHOWN_PERSON_FIELDS = {"first_name", "last_name"}
NOT_PEOPLE_MANAGER = "Only editors keep reviewer profiles and specialties."
NOT_ADMINISTRATOR = "Only the site's administrators grant roles and edit accounts."


def _changes(obj: Any, fields: Iterable[str], values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the given values; return {field: [before, after]} for those that changed."""
    unknown = set(values) - set(fields)
    if unknown:
        raise RuleViolation(f"Unknown field: {sorted(unknown)[0]}.")
    changed = {}
    for name, value in values.items():
        before = getattr(obj, name)
        if before != value:
            changed[name] = [before, value]
            setattr(obj, name, value)
    return changed


def _specialty_slugs(specialties: Iterable[Specialty]) -> list[str]:
    return sorted(s.slug for s in specialties)


# -- reviewer profiles ---------------------------------------------------------------------
@workflow_service
def reviewer_profile_create(
    *, actor: Actor, user: Any, specialties: Iterable[Specialty] = (), **fields: Any
) -> Reviewer:
    """An editor opens a reviewer profile for a person's account."""
    require(policy.can_keep_reviewer_records(actor), NOT_PEOPLE_MANAGER)
    if Reviewer.objects.filter(user=user).exists():
        raise RuleViolation(f"{user.get_username()} already has a reviewer profile.")
    reviewer = Reviewer(user=user)
    _changes(reviewer, PROFILE_FIELDS, fields)
    validate(reviewer, exclude=["user"])
    reviewer.save()
    reviewer.specialties.set(specialties)
    # A board member's public credit (and public profile) takes the profile's name from now on.
    public_snapshots_refresh_for_person(user_id=user.pk)
    public_profile_refresh(user_id=user.pk)
    audit.record(
        action=AuditAction.REVIEWER_PROFILE_CREATED,
        actor=actor,
        article=None,
        data={
            "reviewer": reviewer.pk,
            "user": user.pk,
            **{name: getattr(reviewer, name) for name in PROFILE_FIELDS},
            "specialties": _specialty_slugs(specialties),
        },
    )
    return reviewer


@workflow_service
def reviewer_profile_update(
    *,
    actor: Actor,
    reviewer: Reviewer,
    specialties: Iterable[Specialty] | None = None,
    **fields: Any,
) -> Reviewer:
    """An editor changes a reviewer's name, credentials, specialties, availability or limit;
    articles that credit them are rendered again with the new name."""
    require(policy.can_keep_reviewer_records(actor), NOT_PEOPLE_MANAGER)
    reviewer = lock(reviewer)
    changed = _changes(reviewer, PROFILE_FIELDS, fields)
    validate(reviewer, exclude=["user"])
    if changed:
        reviewer.save(update_fields=list(changed))
    if specialties is not None:
        before = _specialty_slugs(reviewer.specialties.all())
        after = _specialty_slugs(specialties)
        if before != after:
            reviewer.specialties.set(specialties)
            changed["specialties"] = [before, after]
    if not changed:
        return reviewer
    audit.record(
        action=AuditAction.REVIEWER_PROFILE_UPDATED,
        actor=actor,
        article=None,
        data={"reviewer": reviewer.pk, "user": reviewer.user_id, "changed": changed},
    )
    if SHOWN_PROFILE_FIELDS & set(changed):
        public_snapshots_refresh_for_person(user_id=reviewer.user_id)
    if (SHOWN_PROFILE_FIELDS | {"specialties"}) & set(changed):
        public_profile_refresh(user_id=reviewer.user_id)
    return reviewer


# -- specialties ---------------------------------------------------------------------------
@workflow_service
def specialty_create(*, actor: Actor, name: str, slug: str) -> Specialty:
    require(policy.can_keep_reviewer_records(actor), NOT_PEOPLE_MANAGER)
    specialty = Specialty(name=name.strip(), slug=slug.strip())
    validate(specialty)
    specialty.save()
    audit.record(
        action=AuditAction.SPECIALTY_CREATED,
        actor=actor,
        article=None,
        data={"specialty": specialty.pk, "name": specialty.name, "slug": specialty.slug},
    )
    return specialty


@workflow_service
def specialty_rename(*, actor: Actor, specialty: Specialty, name: str, slug: str) -> Specialty:
    """Rename a specialty; every public rendering that shows it is rebuilt, so the public
    list's filter finds its articles under the new slug."""
    require(policy.can_keep_reviewer_records(actor), NOT_PEOPLE_MANAGER)
    specialty = lock(specialty)
    changed = _changes(specialty, ("name", "slug"), {"name": name.strip(), "slug": slug.strip()})
    if not changed:
        return specialty
    validate(specialty)
    specialty.save(update_fields=list(changed))
    audit.record(
        action=AuditAction.SPECIALTY_RENAMED,
        actor=actor,
        article=None,
        data={"specialty": specialty.pk, "changed": changed},
    )
    for article in Article.objects.filter(specialty=specialty, public_snapshot__isnull=False):
        public_snapshot_refresh(article=article)
    shown = PublicProfile.objects.filter(
        consented_at__isnull=False, user__reviewer__specialties=specialty
    )
    for user_id in shown.values_list("user_id", flat=True):
        public_profile_refresh(user_id=user_id)
    return specialty


# -- people and their roles ----------------------------------------------------------------
@workflow_service
def person_create(*, actor: Actor, person: Any) -> Any:
    """An administrator opens an account (the person's password set by the form)."""
    require(policy.can_administer_accounts(actor), NOT_ADMINISTRATOR)
    validate(person)
    person.save()
    audit.record(
        action=AuditAction.PERSON_CREATED,
        actor=actor,
        article=None,
        data={"user": person.pk, **{name: getattr(person, name) for name in PERSON_FIELDS}},
    )
    return person


@workflow_service
def person_update(*, actor: Actor, person: Any, **fields: Any) -> Any:
    """An administrator changes a person's name, e-mail or whether the account is active;
    articles that credit them by name are rendered again."""
    require(policy.can_administer_accounts(actor), NOT_ADMINISTRATOR)
    person = lock(person)
    changed = _changes(person, PERSON_FIELDS, fields)
    if not changed:
        return person
    validate(person, exclude=["password"])
    person.save(update_fields=list(changed))
    audit.record(
        action=AuditAction.PERSON_UPDATED,
        actor=actor,
        article=None,
        data={"user": person.pk, "changed": changed},
    )
    if SHOWN_PERSON_FIELDS & set(changed):
        public_snapshots_refresh_for_person(user_id=person.pk)
        public_profile_refresh(user_id=person.pk)
    return person


@workflow_service
def person_set_password(*, actor: Actor, person: Any, password: str | None) -> Any:
    """An administrator sets a person's password (None: no password can sign in), which ends
    every API token the person holds. The history says it happened, never what the password
    is."""
    require(policy.can_administer_accounts(actor), NOT_ADMINISTRATOR)
    person = lock(person)
    api_tokens_revoke_all(actor=actor, person=person, reason=TokenRevocation.PASSWORD_CHANGED)
    if password is None:
        person.set_unusable_password()
    else:
        person.set_password(password)
    person.save(update_fields=["password"])
    audit.record(
        action=AuditAction.PASSWORD_SET,
        actor=actor,
        article=None,
        data={"user": person.pk, "usable": password is not None},
    )
    return person


def _role_group(role: str) -> Group:
    if role not in policy.ROLE_GROUPS:
        raise RuleViolation(
            f"Unknown role {role!r}; the roles are {', '.join(policy.ROLE_GROUPS)}.",
            fields={"role": ["unknown"]},
        )
    return Group.objects.get(name=role)


def _role_change(actor: Actor, person: Any, role: str, *, grant: bool) -> bool:
    require(policy.can_administer_accounts(actor), NOT_ADMINISTRATOR)
    group = _role_group(role)
    if person.groups.filter(pk=group.pk).exists() == grant:
        return False
    (person.groups.add if grant else person.groups.remove)(group)
    policy.forget(person)
    audit.record(
        action=AuditAction.ROLE_GRANTED if grant else AuditAction.ROLE_REVOKED,
        actor=actor,
        article=None,
        data={"user": person.pk, "role": role},
    )
    return True


@workflow_service
def role_grant(*, actor: Actor, person: Any, role: str) -> bool:
    """Add a person to a role group (Authors, Reviewers, Editors, Advisory Board); True if
    they did not have it. Granting the board is granting a say in what is published, so
    every grant is in the audit history."""
    return _role_change(actor, person, role, grant=True)


@workflow_service
def role_revoke(*, actor: Actor, person: Any, role: str) -> bool:
    """Remove a person from a role group; True if they had it."""
    return _role_change(actor, person, role, grant=False)
