"""The public side's fixed reads run on the driver's own cursor (articles.selectors
._public_cursor): still translated into Django's errors, so a database that is down is a
503, and still counted wherever queries are being counted."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg
import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections

from articles import selectors


class _FailingDriver:
    """Stands in for the driver's connection: every statement fails as `error` says."""

    def __init__(self, real, error: Exception) -> None:
        self.real, self.error = real, error

    def cursor(self):
        error = self.error

        class Cursor:
            def execute(self, *args):
                raise error

            def close(self):
                pass

        return Cursor()

    def __getattr__(self, name):
        return getattr(self.real, name)


@contextlib.contextmanager
def failing_driver(error: Exception) -> Iterator[None]:
    db = connections[DEFAULT_DB_ALIAS]
    db.ensure_connection()
    real = db.connection
    db.connection = _FailingDriver(real, error)
    try:
        yield
    finally:
        db.connection = real


def test_a_driver_error_is_djangos_error(db):
    driver = connections[DEFAULT_DB_ALIAS].Database
    with (
        failing_driver(driver.OperationalError("the database went away")),
        pytest.raises(OperationalError),
    ):
        selectors.public_snapshot("any-slug", "json")


@pytest.mark.postgres
def test_a_reader_gets_the_503_page_and_the_api_its_503_json_when_the_database_is_down(db, client):
    with failing_driver(psycopg.OperationalError("connection refused")):
        page = client.get("/articles/any-slug/")
        api = client.get("/api/v1/public/articles/any-slug/")
        listing = client.get("/api/v1/public/articles/")
    assert page.status_code == 503
    assert b"Try again in a moment" in page.content
    assert api.status_code == 503
    assert api.json()["error"]["code"] == "unavailable"
    assert listing.status_code == 503


def test_public_reads_are_counted_where_queries_are_counted(
    workflow, client, django_assert_num_queries
):
    revision = workflow.published(workflow.submitted(workflow.draft(slug="counted")))
    assert revision.article.slug == "counted"
    with django_assert_num_queries(1) as captured:
        assert client.get("/api/v1/public/articles/counted/").status_code == 200
    assert "public" in captured.captured_queries[0]["sql"].lower()
