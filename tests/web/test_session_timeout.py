"""A signed-in session ends after SESSION_IDLE_MINUTES without a request, and in any case
SESSION_MAX_HOURS after signing in; activity keeps it going until then."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client

from config.middleware import SessionTimeoutMiddleware as Timeout

from ..factories import UserFactory
from ..signin import signed_in


@pytest.fixture
def client_of(db):
    def make(**ages: int) -> Client:
        client = signed_in(UserFactory(username="hughes", groups=["Editors"]))
        session = client.session
        now = int(time.time())
        session[Timeout.SIGNED_IN_AT] = now - ages.get("signed_in", 0)
        session[Timeout.LAST_SEEN] = now - ages.get("idle", 0)
        session.save()
        return client

    return make


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_defaults_are_thirty_idle_minutes_and_twelve_hours():
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60


def test_thirty_one_idle_minutes_sign_the_person_out(client_of):
    client = client_of(idle=31 * 60)

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert not is_signed_in(client)
    assert "signed out after 30 minutes without activity" in response.content.decode()
    assert client.get("/api/v1/articles/").status_code == 401


def test_activity_within_the_idle_limit_keeps_the_session(client_of):
    client = client_of(idle=29 * 60, signed_in=11 * 60 * 60)

    assert client.get("/admin/").status_code == 200
    assert abs(client.session[Timeout.LAST_SEEN] - time.time()) < 5
    assert client.get("/admin/").status_code == 200


def test_a_busy_session_still_ends_twelve_hours_after_signing_in(client_of):
    client = client_of(idle=60, signed_in=12 * 60 * 60 + 60)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert not is_signed_in(client)


def test_the_idle_limit_comes_from_the_setting(client_of, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client = client_of(idle=6 * 60)

    assert client.get("/admin/").status_code == 302
    assert not is_signed_in(client)
