"""HTTP as RFC 9110/9111 says, on the public side and at the API's edges: a 304 has no body
and so no Content-Type; `If-None-Match: *` matches any current representation; the feed and
the sitemaps revalidate; a POST to the read-only public API and an over-large body are
answered in the API's JSON error shape with the status that says what happened."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import assert_error_shape, client_for

API = "/api/v1/public/articles/"


@pytest.fixture
def slug(workflow):
    return workflow.published().article.slug


def paths(slug: str) -> list[str]:
    return [
        "/",
        API,
        f"{API}{slug}/",
        "/articles/",
        f"/articles/{slug}/",
        "/articles/feed.atom",
        "/corrections/",
        "/corrections/feed/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
    ]


def test_every_public_read_revalidates_with_a_bodiless_304(client, slug):
    for path in paths(slug):
        first = client.get(path)
        assert first.status_code == 200, path
        assert first.has_header("ETag"), path
        again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, path
        assert not again.has_header("Content-Type"), path
        assert again.content == b"", path
        assert again["ETag"] == first["ETag"], path


def test_if_none_match_star_matches_any_current_representation(client, slug):
    for path in paths(slug):
        assert client.get(path, HTTP_IF_NONE_MATCH="*").status_code == 304, path


def test_an_unknown_article_with_if_none_match_star_is_still_404(client, db):
    assert client.get(f"{API}no-such-article/", HTTP_IF_NONE_MATCH="*").status_code == 404


def test_writing_to_the_public_api_is_405_in_the_error_shape(slug):
    client = APIClient(enforce_csrf_checks=True)
    for path in (API, f"{API}{slug}/"):
        for method in (client.post, client.put, client.delete):
            response = method(path, {"title": "x"}, format="json")
            error = assert_error_shape(response, 405, "method_not_allowed")
            assert "GET" in response["Allow"]
            assert error["message"]


def test_a_body_over_the_limit_is_413_wherever_it_is_sent(author, slug):
    big = json.dumps({"title": "x" * (3 * 1024 * 1024)})
    for client, path in (
        (APIClient(), "/api/v1/auth/token/"),
        (client_for(author), "/api/v1/articles/"),
        (APIClient(), f"{API}{slug}/reports/"),
    ):
        response = client.post(path, big, content_type="application/json")
        assert_error_shape(response, 413, "too_large")
