"""A query that outlasts PostgreSQL's statement_timeout costs its own request a 503 with
Retry-After, at once, and says so in the API's error shape or in a page; the next request
is served normally."""

from __future__ import annotations

import psycopg
import pytest
from django.db import OperationalError, connection

from config.middleware import DatabaseUnavailableMiddleware, unavailable


@pytest.mark.postgres
@pytest.mark.urls("tests.config.slow_urls")
def test_a_cancelled_statement_is_a_503_in_json_for_the_api(client):
    response = client.get("/api/v1/slow/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["error"] == {
        "code": "unavailable",
        "message": DatabaseUnavailableMiddleware.DETAIL,
        "fields": {},
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.postgres
@pytest.mark.urls("tests.config.slow_urls")
def test_a_cancelled_statement_is_a_503_page_for_a_reader(client):
    response = client.get("/articles/slow/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert b"Try again in a moment" in response.content
    assert response["Cache-Control"] == "no-store"


def raised_from(cause: Exception) -> OperationalError:
    try:
        raise OperationalError(str(cause)) from cause
    except OperationalError as exc:
        return exc


def test_a_refused_connection_counts_as_unavailable():
    assert unavailable(raised_from(psycopg.OperationalError("connection refused")))


def test_other_database_errors_stay_server_errors():
    assert not unavailable(raised_from(psycopg.errors.LockNotAvailable("lock timeout")))
    assert not unavailable(raised_from(ValueError("database is locked")))
    assert not unavailable(OperationalError("no cause"))
