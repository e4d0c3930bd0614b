"""A rebuild batch reads and writes its articles in a number of queries that does not grow
with the batch: fifty articles take no more than three."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import PublicSnapshot
from editorial import services
from editorial.services.public_rebuild import public_snapshots_rebuild_batch
from tests.workflow import UPDATE


def _published(workflow) -> int:
    return workflow.published().article_id


def _corrected(workflow) -> int:
    first = workflow.published()
    correction = services.revision_start_next(
        article=first.article,
        actor=workflow.author,
        change_class="correction",
        change_note="The dose was given in the wrong unit.",
    )
    workflow.published(correction)
    return first.article_id


def _updated_and_attested(workflow) -> int:
    first = workflow.published()
    update = services.revision_start_next(article=first.article, actor=workflow.author, **UPDATE)
    live = workflow.published(update)
    rereview = workflow.rereview(live)
    services.rereview_attest(rereview=rereview, actor=workflow.board[0], note="Still accurate.")
    return first.article_id


def _retracted(workflow) -> int:
    revision = workflow.published()
    services.revision_unpublish(revision=revision, actor=workflow.board[0], reason="Wrong dose.")
    return revision.article_id


KINDS = (_published, _corrected, _updated_and_attested, _retracted)


def _queries(ids: list[int]) -> int:
    with CaptureQueriesContext(connection) as queries:
        report = public_snapshots_rebuild_batch(ids)
    assert (report.rebuilt, report.withdrawn) == (len(ids), [])
    return len(queries)


def test_a_batch_of_fifty_takes_the_queries_of_a_batch_of_one_of_each_kind(
    workflow, django_assert_max_num_queries
):
    few = [kind(workflow) for kind in KINDS]
    many = few + [KINDS[i % len(KINDS)](workflow) for i in range(50 - len(few))]
    budget = _queries(few)

    with django_assert_max_num_queries(budget):
        public_snapshots_rebuild_batch(many)

    assert PublicSnapshot.objects.filter(state="retracted").count() == 50 // len(KINDS)
    # Reading, writing and the transaction: a handful, whatever the batch.
    assert budget <= 20
