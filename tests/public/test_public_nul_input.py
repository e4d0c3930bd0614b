"""A NUL character (%00) in a public address or filter is refused before any query:
PostgreSQL cannot compare text holding one, and no article could match it anyway."""

from __future__ import annotations

import pytest

from .conftest import API


@pytest.fixture
def live(workflow):
    article = workflow.published().article
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("slug", ["%00", "a%00b", "{slug}%00"])
def test_a_slug_with_nul_is_a_bad_request_and_shows_nothing(live, client, slug):
    slug = slug.format(slug=live.slug)

    json_response = client.get(f"{API}{slug}/")
    page = client.get(f"/articles/{slug}/")

    assert json_response.status_code == 400
    assert json_response.json()["error"]["code"] == "bad_request"
    assert page.status_code == 400
    for response in (json_response, page):
        assert live.live_revision.title not in response.content.decode()


@pytest.mark.parametrize("param", ["q", "specialty"])
def test_a_list_filter_with_nul_is_a_bad_request_in_the_error_shape(live, client, param):
    response = client.get(API, {param: "heart\x00"})

    assert response.status_code == 400
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert client.get("/articles/", {param: "\x00"}).status_code == 400


def test_ordinary_filters_still_work(live, client):
    title_word = live.live_revision.title.split()[0]
    assert client.get(API, {"q": title_word}).json()["count"] == 1
    assert client.get(API, {"specialty": "no-such-specialty"}).json()["count"] == 0
