"""The throttles that guard passwords and the readers' inbox count in Redis and, when Redis is
not there, refuse with 503 (logged) instead of switching off; the site's own cache still
ignores Redis errors. Against a real Redis, then an address where nothing listens."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import caches
from django.test import override_settings
from rest_framework.test import APIClient

from editorial.models import ReaderReport
from tests.api.conftest import assert_error_shape

from .conftest import form_data

REDIS = {
    "BACKEND": "django_redis.cache.RedisCache",
    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
}
SITE = {**REDIS, "OPTIONS": {**REDIS["OPTIONS"], "IGNORE_EXCEPTIONS": True}}
WORKING = {
    "default": {**SITE, "LOCATION": "redis://127.0.0.1:6379/9"},
    "throttle": {**REDIS, "LOCATION": "redis://127.0.0.1:6379/9"},
}
GONE = {  # nothing listens on port 1
    "default": {**SITE, "LOCATION": "redis://127.0.0.1:1/0"},
    "throttle": {**REDIS, "LOCATION": "redis://127.0.0.1:1/0"},
}
TOKEN = "/api/v1/auth/token/"


def ask_for_token():
    return APIClient().post(
        TOKEN, {"username": "nobody", "password": "wrong", "name": "laptop"}, format="json"
    )


@pytest.mark.django_db
def test_token_guessing_is_counted_in_redis(settings):
    settings.AXES_FAILURE_LIMIT = 1000  # the throttle alone
    with override_settings(CACHES=WORKING):
        caches["throttle"].clear()
        try:
            answers = [ask_for_token().status_code for _ in range(11)]
        finally:
            caches["throttle"].clear()
    assert answers[:10] == [401] * 10
    assert answers[10] == 429


@pytest.mark.django_db
def test_without_redis_obtaining_a_token_is_refused_with_503(caplog):
    with override_settings(CACHES=GONE), caplog.at_level(logging.ERROR):
        response = ask_for_token()
    assert response.status_code == 503
    assert "try again" in assert_error_shape(response)["message"]
    assert any("cache failed" in r.getMessage() for r in caplog.records)


def test_without_redis_reports_are_refused_with_503_and_nothing_kept(published, client):
    slug = published.article.slug
    with override_settings(CACHES=GONE):
        api = APIClient().post(
            f"/api/v1/public/articles/{slug}/reports/",
            {"kind": "question", "message": "Does this apply to children?"},
            format="json",
        )
        page = client.post(f"/articles/{slug}/report/", form_data(slug))
    assert api.status_code == 503
    assert_error_shape(api)
    assert page.status_code == 503
    assert "try again" in page.content.decode()
    assert not ReaderReport.objects.exists()


def test_without_redis_the_public_page_still_serves(published, client):
    with override_settings(CACHES=GONE):
        assert client.get(f"/articles/{published.article.slug}/").status_code == 200
