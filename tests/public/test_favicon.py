"""The site's icon: linked from the public pages, the workspace and the admin, and served with
a long cache, so no page load asks for a /favicon.ico that is not there."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from ..signin import signed_in

ICON_LINK = re.compile(r'<link rel="icon" href="([^"]+)"')
YEAR = 60 * 60 * 24 * 365


def icons_linked(client: Client, url: str, status: int = 200) -> list[str]:
    response = client.get(url)
    assert response.status_code == status, url
    return ICON_LINK.findall(response.content.decode())


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/favicon.ico", "image/vnd.microsoft.icon"), ("/favicon.svg", "image/svg+xml")],
)
def test_the_icon_answers_without_a_session_and_is_kept_for_a_week(client, path, content_type):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "public, max-age=604800"
    assert response.content
    assert "Set-Cookie" not in response


def test_a_page_links_the_icon_at_an_address_kept_for_a_year(workflow, client):
    revision = workflow.published()

    links = icons_linked(client, f"/articles/{revision.article.slug}/")

    assert [link.split("?")[0] for link in links] == ["/favicon.ico", "/favicon.svg"]
    for link in links:
        response = client.get(link)
        assert response.status_code == 200
        assert response["Cache-Control"] == f"public, max-age={YEAR}, immutable"


def test_the_icon_revalidates_with_its_etag_and_refuses_to_be_written(client):
    etag = client.get("/favicon.ico")["ETag"]

    assert client.get("/favicon.ico", headers={"if-none-match": etag}).status_code == 304
    assert client.head("/favicon.svg").status_code == 200
    assert client.post("/favicon.ico").status_code == 405


def test_public_workspace_and_admin_pages_all_link_the_icon(db, workflow, client):
    editor = signed_in(workflow.editor)
    author = signed_in(workflow.author)
    pages = [
        icons_linked(client, "/"),
        icons_linked(client, "/editorial-policy/"),
        icons_linked(client, "/articles/no-such-article/", 404),
        icons_linked(Client(), "/workspace/sign-in/"),
        icons_linked(author, "/workspace/"),
        icons_linked(Client(), "/admin/login/"),
        icons_linked(editor, "/admin/"),
        icons_linked(editor, "/admin/articles/revision/"),
    ]

    assert all(len(links) == 2 for links in pages)
    assert len({tuple(links) for links in pages}) == 1
