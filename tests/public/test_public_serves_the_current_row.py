"""What the public is served is always the current stored rendering: its row is read at every
request, with no cache in between, so a retraction or a new publication takes effect the
moment it commits, even in a process that has served the article before."""

from __future__ import annotations

from django.core.cache import cache

from editorial import services
from tests.workflow import UPDATE

from .conftest import API


def test_a_retraction_applies_to_the_very_next_read_with_no_cache_between(
    workflow, client, board, monkeypatch, django_capture_on_commit_callbacks
):
    revision = workflow.published()
    # The body's words: the retraction notice names the article but shows none of it.
    slug, words = revision.article.slug, revision.body.split("[")[0].strip()
    paths = (f"{API}{slug}/", f"/articles/{slug}/", f"{API}{slug}/?audience=patient")
    consulted: list[str] = []
    for name in ("get", "get_many", "set", "add"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda *a, _n=name, _real=real, **k: consulted.append(_n) or _real(*a, **k)
        )
    assert all(client.get(path).status_code == 200 for path in paths)

    with django_capture_on_commit_callbacks(execute=True):
        services.revision_unpublish(
            revision=revision, actor=board[0], reason="A dosing error was found."
        )

    for path in paths:
        response = client.get(path)
        assert response.status_code == 410, path
        assert words not in response.content.decode(), path
        assert "A dosing error was found." in response.content.decode(), path
    # Served from the stored row each time: no cache the retraction would have to reach.
    assert consulted == []


def test_a_new_publication_is_served_on_the_next_request(
    workflow, client, django_capture_on_commit_callbacks
):
    revision = workflow.published()
    slug = revision.article.slug
    first = client.get(f"{API}{slug}/")

    nxt = services.revision_start_next(article=revision.article, actor=workflow.author, **UPDATE)
    nxt = services.revision_edit(revision=nxt, actor=workflow.author, title="A newer title")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.published(services.revision_submit(revision=nxt, actor=workflow.author))

    second = client.get(f"{API}{slug}/")
    assert second["ETag"] != first["ETag"]
    assert second.json()["title"] == "A newer title"
