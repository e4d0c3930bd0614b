"""The list's total is kept by the builder, not counted per request: it must stay exact."""

from __future__ import annotations

from django.core.management import call_command

from articles.models import PublicCatalogue, PublicSnapshot
from editorial import services
from tests.workflow import UPDATE

from .conftest import API


def _total(client) -> int:
    return client.get(API).json()["count"]


def test_total_follows_publication_republication_retraction_and_rebuilds(
    workflow, client, board, author
):
    first, second = workflow.published(), workflow.published()
    assert _total(client) == 2

    nxt = services.revision_start_next(article=first.article, actor=author, **UPDATE)
    workflow.published(services.revision_submit(revision=nxt, actor=author))
    assert _total(client) == 2

    services.revision_unpublish(revision=second, actor=board[0], reason="Out of date.")
    assert _total(client) == 1
    call_command("rebuild_public", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _total(client) == 1
    assert PublicCatalogue.objects.get().published == (
        PublicSnapshot.objects.filter(state="published").count()
    )


def test_without_the_kept_total_the_list_counts(workflow, client):
    workflow.published()
    PublicCatalogue.objects.all().delete()
    assert _total(client) == 1
