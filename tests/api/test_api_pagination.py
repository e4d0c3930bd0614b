"""The API's pages: `next` from one row read ahead, `count` exact up to a bound and the
database's estimate past it, and an address past the end a 404, so a list costs the same at
any size of archive."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.api import pagination
from config.counts import estimated_rows
from editorial.models import AuditEvent

from .conftest import client_for

ARTICLES = "/api/v1/articles/"


def _drafts(workflow, n: int) -> None:
    for _ in range(n):
        workflow.draft()


def test_next_and_previous_follow_the_rows_themselves(workflow):
    _drafts(workflow, 5)
    client = client_for(workflow.editor)
    first = client.get(ARTICLES, {"page_size": 2}).json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert "page=2" in first["next"]
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert len(third["results"]) == 1
    assert third["next"] is None
    assert "page=2" in third["previous"]
    seen = [a["slug"] for page in (first, second, third) for a in page["results"]]
    assert len(set(seen)) == 5


def test_a_full_last_page_has_no_next(workflow):
    _drafts(workflow, 4)
    second = client_for(workflow.editor).get(ARTICLES, {"page_size": 2, "page": 2}).json()
    assert len(second["results"]) == 2
    assert second["next"] is None


def test_a_page_past_the_end_is_a_404_in_the_error_shape(workflow):
    client = client_for(workflow.editor)
    empty = client.get(ARTICLES).json()
    assert empty["count"] == 0
    assert empty["results"] == []
    _drafts(workflow, 2)
    for page in ("2", "0", "last", "x"):
        response = client.get(ARTICLES, {"page_size": 2, "page": page})
        assert response.status_code == 404, page
        assert response.json()["error"]["code"] == "not_found"


def test_the_count_reads_at_most_one_row_past_the_bound(workflow, monkeypatch):
    _drafts(workflow, 4)
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 2)
    client = client_for(workflow.editor)
    with CaptureQueriesContext(connection) as captured:
        data = client.get(ARTICLES, {"page_size": 2}).json()
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts
    assert "LIMIT 3" in counts[0]
    assert data["next"] is not None
    if estimated_rows(AuditEvent.objects.all()) is None:  # not PostgreSQL: exact
        assert data["count"] == 4
    else:
        assert data["count"] >= 3


def test_the_document_says_what_count_is(workflow):
    response = client_for(workflow.editor).get("/api/v1/schema/", {"format": "json"})
    schemas = response.json()["components"]["schemas"]
    paginated = [name for name in schemas if name.startswith("Paginated")]
    assert paginated
    for name in paginated:
        described = schemas[name]["properties"]["count"].get("description", "")
        assert "exact up to 1,000" in described, name
