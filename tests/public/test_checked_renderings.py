"""A rendering this process has checked is not read again while its row's seals are unchanged;
the row itself (state, validators, seals) is still read at every request."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import seals, selectors
from articles.models import PublicSnapshot
from editorial import services

from .conftest import API


def _queries(client, path: str) -> tuple[bytes, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content, [query["sql"] for query in captured]


@pytest.mark.parametrize(
    ("path", "column"),
    [
        ("{api}{slug}/", "detail_json"),
        ("/articles/{slug}/", "page_html"),
        ("/articles/{slug}/?audience=patient", "audience_html"),
        ("{api}", "list_entry_json"),
        ("/articles/", "list_entry_html"),
    ],
)
def test_a_checked_rendering_is_served_from_one_read_of_its_row(workflow, client, path, column):
    slug = workflow.published().article.slug
    path = path.format(api=API, slug=slug)

    first, first_sql = _queries(client, path)
    again, again_sql = _queries(client, path)

    # The column itself, not the name of its seal inside the seals ('"column":"…').
    selected = re.compile(re.escape(connection.ops.quote_name(column)) + "(?!:)")
    assert again == first
    assert len(first_sql) == len(again_sql) == 1
    assert selected.search(first_sql[0])
    assert not selected.search(again_sql[0])
    assert "seals" in again_sql[0]


def test_a_rebuilt_row_is_read_whole_again(workflow, client, settings):
    slug = workflow.published().article.slug
    before, _ = _queries(client, f"{API}{slug}/")
    # Another site name changes what the JSON shows (its publisher), so its bytes and seals.
    settings.PUBLISHER = {**settings.PUBLISHER, "NAME": "Another Publisher"}
    call_command("rebuild_public", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115

    after, sql = _queries(client, f"{API}{slug}/")

    assert after != before
    assert b"Another Publisher" in after
    assert len(sql) == 2
    assert re.search(r'"detail_json"(?!:)', sql[1])


def test_a_retraction_leaves_a_checked_list_at_once(
    workflow, client, board, django_capture_on_commit_callbacks
):
    kept = workflow.published()
    gone = workflow.published()
    assert client.get(API).json()["count"] == 2
    assert client.get(API).json()["count"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.revision_unpublish(revision=gone, actor=board[0], reason="Withdrawn.")

    listed = client.get(API).json()
    assert listed["count"] == 1
    assert [entry["slug"] for entry in listed["results"]] == [kept.article.slug]
    assert gone.article.slug not in client.get("/articles/").content.decode()


def test_an_edited_list_entry_stays_out_until_repaired(workflow, client, caplog):
    revision = workflow.published()
    slug = revision.article.slug
    PublicSnapshot.objects.filter(slug=slug).update(list_entry_json='{"title":"EDITED"}')
    assert client.get(API).json()["results"] == []
    assert client.get(API).json()["results"] == []
    assert "EDITED" not in client.get(API).content.decode()

    # The repair seals the same bytes with the same seal: the list must see it all the same.
    call_command("rebuild_public", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [entry["slug"] for entry in client.get(API).json()["results"]] == [slug]


@pytest.mark.parametrize(
    "stored",
    [
        seals.seal("a-slug", "published", {"list_entry_json": "x"}),
        '{"list_entry_json":"short"}',
        "not JSON at all",
        "",
        '{"list_entry_json":"ünïcödé before the end of the seal, and then some more text"}',
        '{"other":"1", "list_entry_json":"' + "f" * 64 + '"}',
    ],
)
@pytest.mark.django_db
def test_the_seal_the_list_reads_is_the_one_python_finds(stored):
    """The listing compares the seal text the database finds with what Python found when the
    entries were checked: both must find the same characters in any stored text."""
    expression = selectors._seal_of("list_entry_json")
    with connection.cursor() as cursor:
        sql = f"SELECT {expression} FROM (SELECT CAST(%s AS TEXT) AS seals) AS t"  # noqa: S608
        cursor.execute(sql, [stored])
        found = cursor.fetchone()[0]
    assert found == seals.seal_text(stored, "list_entry_json")


def test_renderings_past_the_limit_are_read_whole_in_one_query(workflow, client, monkeypatch):
    monkeypatch.setattr(selectors, "CHECKED_LIMIT", 1)
    slugs = [workflow.published().article.slug for _ in range(2)]
    for _ in range(2):
        for slug in slugs:
            body, sql = _queries(client, f"{API}{slug}/")
            # The other article pushed this one out: read whole, once.
            assert len(sql) == 1
            assert re.search(r'"detail_json"(?!:)', sql[0])
            assert slug.encode() in body
    assert len(selectors._checked) == 1
