"""The admin's sign-in locks after repeated failures, per account and per client address,
for a cool-off period; the client's address comes from the connection, or from as many
X-Forwarded-For entries as there are trusted proxies, never from what the client wrote."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils.html import escape

from editorial.signin.views import lockout_message

from ..factories import UserFactory

PASSWORD = "pw-imprimatur-test"
LIMIT = 5


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rev", groups=["Reviewers"])


def sign_in(username: str, password: str, **meta: str):
    client = Client(**meta)
    return client, client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_is_refused_after_five_wrong_ones(reviewer):
    for _ in range(LIMIT - 1):
        client, response = sign_in("rev", "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    client, response = sign_in("rev", "wrong")
    assert response.status_code == 429

    client, response = sign_in("rev", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert escape(lockout_message()) in page
    assert "Try again in 15 minutes" in page
    assert 'id="try-again"' in page
    assert response["Retry-After"] == str(15 * 60)


def test_the_lockout_holds_for_the_account_from_any_address(reviewer):
    for number in range(LIMIT):
        sign_in("rev", "wrong", REMOTE_ADDR=f"198.51.100.{number}")

    client, response = sign_in("rev", PASSWORD, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429
    assert not signed_in(client)


def test_one_address_guessing_at_many_accounts_is_locked_out(reviewer):
    for number in range(LIMIT):
        sign_in(f"someone{number}", "wrong", REMOTE_ADDR="198.51.100.7")

    client, response = sign_in("rev", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert not signed_in(client)

    client, response = sign_in("rev", PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert signed_in(client)


def test_rotating_x_forwarded_for_buys_no_more_guesses(reviewer):
    for number in range(LIMIT):
        sign_in(f"someone{number}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    _, response = sign_in("rev", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_one_trusted_proxy_the_address_it_saw_is_the_clients(reviewer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(LIMIT):
        # The client wrote the first entry; the proxy appended the address it saw.
        forwarded = f"192.0.2.{number}, 198.51.100.7"
        sign_in(f"someone{number}", "wrong", HTTP_X_FORWARDED_FOR=forwarded, **proxy)

    _, locked = sign_in("rev", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    client, other = sign_in("rev", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)

    assert locked.status_code == 429
    assert other.status_code == 302
    assert signed_in(client)


def test_after_the_cool_off_the_right_password_signs_in(reviewer):
    for _ in range(LIMIT):
        sign_in("rev", "wrong")
    assert sign_in("rev", PASSWORD)[1].status_code == 429

    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=16)
        attempt.save()

    client, response = sign_in("rev", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)
