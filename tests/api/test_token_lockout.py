"""The token endpoint checks a password, so it locks like the admin's sign-in, and its
throttle counts guesses per client address, which X-Forwarded-For cannot change."""

from __future__ import annotations

from django.core.cache import caches
from rest_framework.test import APIClient

from editorial.signin.views import lockout_message

from .conftest import assert_error_shape

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "pw-imprimatur-test"


def ask(username: str, password: str, **meta: str):
    body = {"username": username, "password": password, "name": "laptop"}
    return APIClient(**meta).post(TOKEN_URL, body, format="json")


def test_the_right_password_is_refused_once_the_account_is_locked(author):
    statuses = [ask("author", "wrong").status_code for _ in range(5)]
    response = ask("author", PASSWORD)

    assert statuses == [401] * 4 + [429]
    error = assert_error_shape(response, 429, "locked_out")
    assert error["message"] == lockout_message()
    assert response["Retry-After"] == str(15 * 60)
    assert "token" not in response.json()


def test_rotating_x_forwarded_for_does_not_escape_the_address_lockout(author):
    for number in range(5):
        ask(f"someone{number}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    response = ask("author", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert_error_shape(response, 429, "locked_out")


def test_rotating_x_forwarded_for_does_not_escape_the_throttle(author, settings):
    settings.AXES_FAILURE_LIMIT = 1000  # the throttle alone
    caches["default"].clear()
    caches["throttle"].clear()
    statuses = [
        ask(f"someone{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(11)
    ]

    assert statuses == [401] * 10 + [429]
