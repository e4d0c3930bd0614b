"""rebuild_public in worker processes on PostgreSQL, and beside a retraction: a rendering of
a retracted article is never written back."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from articles import versions
from articles.models import Article, PublicSnapshot
from editorial import services
from editorial.services.public_rebuild import public_rebuild_ids, public_snapshots_rebuild

from .conftest import API

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_workers_rebuild_every_stale_rendering(workflow, client):
    slugs = [workflow.published().article.slug for _ in range(3)]
    PublicSnapshot.objects.update(renderer_version="", encodings="", page_html_gz=b"")
    seen = []

    report = public_snapshots_rebuild(
        public_rebuild_ids(), workers=2, batch=1, progress=lambda done, total: seen.append(done)
    )

    assert (report.rebuilt, report.withdrawn) == (3, [])
    assert sorted(seen) == [1, 2, 3]
    assert set(PublicSnapshot.objects.values_list("renderer_version", flat=True)) == {
        versions.current()
    }
    for slug in slugs:
        assert client.get(f"{API}{slug}/", HTTP_ACCEPT_ENCODING="gzip").status_code == 200


def test_a_retraction_committed_while_a_rebuild_waits_is_not_overwritten(workflow, client):
    revision = workflow.published()
    article = revision.article
    outcome: list = []

    def rebuild() -> None:
        try:
            outcome.append(public_snapshots_rebuild([article.pk], workers=1))
        except Exception as exc:  # handed to the test
            outcome.append(exc)
        finally:
            connection.close()

    with transaction.atomic():
        # The retraction holds the article's lock, as the service takes it, while the
        # rebuild starts and has to wait for it.
        Article.objects.select_for_update(no_key=True).get(pk=article.pk)
        worker = threading.Thread(target=rebuild)
        worker.start()
        time.sleep(0.5)  # ordering only: the outcome is the same if the rebuild comes later
        services.revision_unpublish(revision=revision, actor=workflow.board[0], reason="Wrong.")
    worker.join(30)

    assert not worker.is_alive()
    assert not isinstance(outcome[0], Exception), outcome
    assert PublicSnapshot.objects.get(article=article).state == "retracted"
    assert client.get(f"{API}{article.slug}/").status_code == 410
    assert client.get(f"/articles/{article.slug}/").status_code == 410
