"""Editors, the board and superusers sign in to the admin with their password and then a
code from their authenticator app (or a recovery code); the first time, they set the app up.
Until both steps are done nobody is signed in. Authors and reviewers need the password only."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial import services
from editorial.models import AuditEvent
from editorial.signin.views import PENDING, lockout_message

from ..factories import UserFactory
from ..signin import authenticator, current_code, signed_in

PASSWORD = "pw-imprimatur-test"


@pytest.fixture
def member(db):
    return UserFactory(username="okafor", groups=["Advisory Board"])


def password_step(client: Client, username: str):
    return client.post(
        "/admin/login/?next=/admin/articles/revision/", {"username": username, "password": PASSWORD}
    )


def code_step(client: Client, code: str, url: str = "/admin/second-factor/"):
    return client.post(url, {"otp": code})


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("username", "groups", "superuser"),
    [("okafor", ["Advisory Board"], False), ("hughes", ["Editors"], False), ("root", [], True)],
)
def test_the_password_alone_signs_nobody_in_whose_role_needs_a_code(
    db, username, groups, superuser
):
    user = UserFactory(username=username, groups=groups, is_superuser=superuser)
    authenticator(user)
    client = Client()

    response = password_step(client, username)

    assert response.status_code == 302
    assert response["Location"] == "/admin/second-factor/"
    assert not is_signed_in(client)
    assert client.get("/admin/").url.startswith("/admin/login/")
    assert client.get("/api/v1/articles/").status_code == 401


def test_the_code_from_the_app_completes_the_sign_in(member):
    device = authenticator(member)
    client = Client()
    password_step(client, "okafor")
    page = client.get("/admin/second-factor/").content.decode()
    assert "Signing in as <strong>okafor</strong>" in page

    response = code_step(client, current_code(device))

    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/revision/"
    assert is_signed_in(client)
    assert client.get("/admin/").status_code == 200
    assert client.get("/api/v1/articles/").status_code == 200


def test_a_wrong_code_is_refused_and_counts_toward_the_lockout(member):
    device = authenticator(member)
    client = Client()
    password_step(client, "okafor")
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"

    response = code_step(client, wrong)
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert not is_signed_in(client)

    for _ in range(4):
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
        response = code_step(client, wrong)
    assert response.status_code == 429
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    locked = code_step(client, current_code(device))
    assert locked.status_code == 429
    assert lockout_message().split(".")[0] in locked.content.decode()
    assert not is_signed_in(client)


def test_a_recovery_code_signs_in_once(member):
    device = services.second_factor_start(person=member)
    codes = services.second_factor_enrol(actor=member, device=device, code=current_code(device))
    first = Client()
    password_step(first, "okafor")
    assert code_step(first, f"{codes[0][:4]}-{codes[0][4:].upper()}").status_code == 302
    assert is_signed_in(first)

    again = Client()
    password_step(again, "okafor")
    assert code_step(again, codes[0]).status_code == 200
    assert not is_signed_in(again)
    event = AuditEvent.objects.filter(action="recovery_code_used").get()
    assert (event.actor, event.data) == (member, {"user": member.pk, "remaining": 9})


def test_the_first_sign_in_sets_up_the_app_then_shows_ten_recovery_codes_once(member):
    client = Client()
    password_step(client, "okafor")
    assert client.get("/admin/second-factor/")["Location"] == "/admin/second-factor/setup/"

    page = client.get("/admin/second-factor/setup/").content.decode()
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    assert "otpauth://totp/Imprimatur%3Aokafor?secret=" in page
    assert code_step(client, "000000", "/admin/second-factor/setup/").status_code == 200
    assert not is_signed_in(client)
    code = f"{totp(device.bin_key):06d}"

    response = code_step(client, code, "/admin/second-factor/setup/")

    assert response.status_code == 200
    shown = response.content.decode()
    assert shown.count("<li><code>") == 10
    assert is_signed_in(client)
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=member).confirmed
    assert StaticToken.objects.filter(device__user=member).count() == 10
    event = AuditEvent.objects.get(action="second_factor_enrolled")
    assert (event.actor, event.data) == (member, {"user": member.pk, "recovery_codes": 10})
    for token in StaticToken.objects.values_list("token", flat=True):
        assert token not in str(event.data)
    # From now on the code is asked for, and the set-up page is not offered again.
    later = Client()
    password_step(later, "okafor")
    assert later.get("/admin/second-factor/setup/")["Location"] == "/admin/second-factor/"


def test_authors_and_reviewers_sign_in_with_the_password_alone(db):
    UserFactory(username="rev", groups=["Reviewers"])
    client = Client()

    response = password_step(client, "rev")

    assert response["Location"] == "/admin/articles/revision/"
    assert is_signed_in(client)


def test_a_session_without_the_second_factor_reaches_neither_admin_nor_api(member):
    client = Client()
    client.force_login(member)  # as if signed in before the role was granted

    assert client.get("/admin/").url.startswith("/admin/login/")
    assert client.get("/api/v1/articles/").status_code == 401
    client.get("/admin/login/")
    assert not is_signed_in(client)


def test_the_pending_step_lapses_after_ten_minutes(member):
    authenticator(member)
    client = Client()
    password_step(client, "okafor")
    session = client.session
    session[PENDING] = {**session[PENDING], "since": time.time() - 601}
    session.save()

    response = client.get("/admin/second-factor/")

    assert response["Location"] == "/admin/login/"


def test_an_administrator_resets_a_lost_authenticator(member):
    authenticator(member)
    root = signed_in(UserFactory(username="root", is_superuser=True))

    response = root.post(
        "/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [member.pk]}
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    event = AuditEvent.objects.get(action="second_factor_reset")
    assert event.data == {"user": member.pk}
    client = Client()
    password_step(client, "okafor")
    assert client.get("/admin/second-factor/")["Location"] == "/admin/second-factor/setup/"
