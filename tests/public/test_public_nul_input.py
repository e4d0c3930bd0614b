"""A NUL character (%00) in a public address or filter is refused before any query:
PostgreSQL cannot compare text holding one, and no article could match it anyway."""

from __future__ import annotations

import pytest

from .conftest import API, UNKNOWN_SLUG


@pytest.fixture
def live(workflow):
    article = workflow.published().article
    article.refresh_from_db()
    return article


@pytest.mark.parametrize("slug", ["%00", "a%00b", "{slug}%00"])
def test_a_slug_with_nul_answers_like_an_unknown_article(live, client, slug):
    slug = slug.format(slug=live.slug)
    unknown_json = client.get(f"{API}{UNKNOWN_SLUG}/")
    unknown_page = client.get(f"/articles/{UNKNOWN_SLUG}/")

    for path, unknown in ((f"{API}{slug}/", unknown_json), (f"/articles/{slug}/", unknown_page)):
        response = client.get(path)
        assert (response.status_code, response.content) == (404, unknown.content), path
        conditional = client.get(path, HTTP_IF_NONE_MATCH='"x"')
        assert conditional.status_code == 404, path


@pytest.mark.parametrize(("param", "name"), [("q", "q"), ("specialty", "specialty")])
def test_the_json_list_refuses_a_filter_with_nul_with_a_clear_400(live, client, param, name):
    response = client.get(API, {param: "heart\x00"})

    assert response.status_code == 400
    assert response.json() == {"detail": f"{name} must not contain a NUL character (%00)."}


@pytest.mark.parametrize("param", ["q", "specialty"])
def test_the_list_page_ignores_a_filter_with_nul_and_shows_every_article(live, client, param):
    response = client.get("/articles/", {param: "\x00"})

    assert response.status_code == 200
    assert f"/articles/{live.slug}/" in response.content.decode()


def test_ordinary_filters_still_work(live, client):
    title_word = live.live_revision.title.split()[0]
    assert client.get(API, {"q": title_word}).json()["count"] == 1
    assert client.get(API, {"specialty": "no-such-specialty"}).json()["count"] == 0
