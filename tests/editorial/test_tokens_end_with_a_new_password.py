"""A new password ends every API token its owner holds, whichever way it was set: the
administrator's form (the audited service), the person's own password change in the admin,
or set_password() anywhere else. Django upgrading a password's hash at sign-in is not a new
password and ends nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client
from rest_framework.test import APIClient

from editorial import services
from editorial.models import ApiToken, AuditEvent

from ..factories import UserFactory
from ..signin import signed_in

PASSWORD = "pw-imprimatur-test"
NEW_PASSWORD = "a-Long-new-passphrase-42"


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """The preferred hasher in one test: few iterations, so the upgrade is quick."""

    iterations = 2


@pytest.fixture
def person(db):
    return UserFactory(username="rev", groups=["Reviewers"])


@pytest.fixture
def keys(person):
    return [
        services.api_token_issue(actor=person, person=person, name=name)[1]
        for name in ("laptop", "pipeline")
    ]


def works(key: str) -> bool:
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/articles/").status_code == 200


def revocations() -> list[tuple]:
    return list(
        AuditEvent.objects.filter(action="api_token_revoked")
        .order_by("sequence")
        .values_list("actor__username", "data__reason")
    )


def test_the_administrators_password_form_ends_the_persons_tokens(person, keys):
    admin = signed_in(UserFactory(username="root", is_superuser=True))
    admin.post(
        f"/admin/auth/user/{person.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert not any(works(key) for key in keys)
    assert revocations() == [("root", "password_changed")] * 2
    assert set(ApiToken.objects.values_list("revoked_reason", flat=True)) == {"password_changed"}


def test_taking_a_password_away_ends_the_tokens_too(person, keys):
    services.person_set_password(actor=None, person=person, password=None)

    assert not any(works(key) for key in keys)


def test_the_persons_own_password_change_in_the_admin_ends_their_tokens(person, keys):
    client = Client()
    client.force_login(person)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert not any(works(key) for key in keys)
    assert revocations() == [(None, "password_changed")] * 2


def test_set_password_anywhere_else_ends_the_tokens(person, keys):
    # As `manage.py changepassword` or a shell would.
    person.set_password(NEW_PASSWORD)
    person.save()

    assert not any(works(key) for key in keys)


def test_an_upgraded_hash_at_sign_in_is_not_a_new_password(person, keys, settings):
    settings.PASSWORD_HASHERS = [
        f"{__name__}.QuickPBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    before = type(person).objects.get(pk=person.pk).password

    response = APIClient().post(
        "/api/v1/auth/token/",
        {"username": "rev", "password": PASSWORD, "name": "phone"},
        format="json",
    )

    assert response.status_code == 201
    assert type(person).objects.get(pk=person.pk).password != before  # upgraded
    assert all(works(key) for key in keys)
    assert revocations() == []


def test_a_new_account_with_a_password_is_no_password_change(db):
    user = type(UserFactory.build())(username="fresh")
    user.set_password(PASSWORD)
    user.save()

    assert not AuditEvent.objects.exists()
