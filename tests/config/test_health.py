"""`/health/live` answers while the process does; `/health/ready` only while the database and
the cache do (a real Redis, then one that is not there), and then says which failed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from config import health


def test_live_touches_nothing(client):
    # No database access is allowed in this test: any query would fail it.
    response = client.get("/health/live")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_checks_the_database_and_the_cache(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checked": ["database", "cache", "tasks"]}


REDIS = {"BACKEND": "django_redis.cache.RedisCache", "OPTIONS": {"IGNORE_EXCEPTIONS": True}}


@pytest.mark.django_db
def test_ready_with_redis_and_without_it(client):
    with override_settings(CACHES={"default": {**REDIS, "LOCATION": "redis://127.0.0.1:6379/9"}}):
        assert client.get("/health/ready").status_code == 200
    # Nothing listens on port 1: the site's cache swallows the error; readiness does not.
    with override_settings(CACHES={"default": {**REDIS, "LOCATION": "redis://127.0.0.1:1/0"}}):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["cache"]}


@pytest.mark.django_db
def test_a_database_that_fails_is_named_and_nothing_more(client, monkeypatch):
    def broken_cursor():
        raise RuntimeError("connection to server at 10.0.0.7 failed: password authentication")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": ["database"]}
    assert b"10.0.0.7" not in response.content


def test_only_safe_methods(client):
    assert client.post("/health/live").status_code == 405
    assert list(health.CHECKS) == ["database", "cache", "tasks"]


@pytest.mark.django_db
def test_ready_reads_the_database_task_queue(client, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    assert client.get("/health/ready").status_code == 200

    from django_tasks_db.models import DBTaskResult

    def unreadable():
        raise RuntimeError("relation django_tasks_database_dbtaskresult does not exist")

    monkeypatch.setattr(DBTaskResult.objects, "ready", unreadable)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failed"] == ["tasks"]
