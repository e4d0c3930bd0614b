"""What the public is served is always the current stored rendering: a retraction takes
effect the moment it commits, even for a read that raced it."""

from __future__ import annotations

from django.core.cache import cache

from editorial import services

from .conftest import API


def test_a_read_racing_a_retraction_never_serves_the_retracted_text_afterwards(
    workflow, client, board, settings, monkeypatch, django_capture_on_commit_callbacks
):
    # As in production with Redis; the test cache backend stays local memory.
    settings.REDIS_URL = "redis://cache.invalid:6379/0"
    revision = workflow.published()
    slug, title = revision.article.slug, revision.title
    retracted: list[bool] = []

    def retract() -> None:
        if not retracted:
            retracted.append(True)
            with django_capture_on_commit_callbacks(execute=True):
                services.revision_unpublish(
                    revision=revision, actor=board[0], reason="A dosing error was found."
                )

    real_set = cache.set

    def set_after_the_retraction(*args, **kwargs):
        retract()  # the retraction commits between this reader's query and its cache write
        return real_set(*args, **kwargs)

    monkeypatch.setattr(cache, "set", set_after_the_retraction)

    # Both readers fetched the published row before the retraction committed.
    assert client.get(f"{API}{slug}/").status_code == 200
    assert client.get(f"/articles/{slug}/").status_code == 200
    retract()

    for path in (f"{API}{slug}/", f"/articles/{slug}/", f"{API}{slug}/?audience=patient"):
        response = client.get(path)
        assert response.status_code == 410, path
        assert title not in response.content.decode(), path
        assert "A dosing error was found." in response.content.decode(), path


def test_a_new_publication_is_served_on_the_next_request(
    workflow, client, settings, django_capture_on_commit_callbacks
):
    settings.REDIS_URL = "redis://cache.invalid:6379/0"
    revision = workflow.published()
    slug = revision.article.slug
    first = client.get(f"{API}{slug}/")

    nxt = services.revision_start_next(article=revision.article, actor=workflow.author)
    nxt = services.revision_edit(revision=nxt, actor=workflow.author, title="A newer title")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.published(services.revision_submit(revision=nxt, actor=workflow.author))

    second = client.get(f"{API}{slug}/")
    assert second["ETag"] != first["ETag"]
    assert second.json()["title"] == "A newer title"
