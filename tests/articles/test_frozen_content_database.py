"""The database (a trigger, on PostgreSQL and on SQLite) refuses changes to submitted
content, whatever the path."""

import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import Reference, Revision


def test_queryset_update_of_submitted_content_is_refused_by_the_database(workflow):
    revision = workflow.submitted()

    with pytest.raises(IntegrityError, match="content is frozen"), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(body="Changed after approval.")

    revision.refresh_from_db()
    assert revision.body != "Changed after approval."


def test_raw_sql_change_to_submitted_references_is_refused(workflow):
    revision = workflow.submitted()

    with (
        pytest.raises(IntegrityError, match="frozen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE articles_reference SET title = 'Swapped' WHERE revision_id = %s",
            [revision.pk],
        )
    with pytest.raises(IntegrityError, match="frozen"), transaction.atomic():
        Reference.objects.filter(revision=revision).delete()

    assert revision.references.count() == 2


def test_draft_content_and_state_changes_still_pass_the_trigger(workflow):
    draft = workflow.draft()

    Revision.objects.filter(pk=draft.pk).update(body="Edited draft [1].")
    Reference.objects.filter(revision=draft, position=2).delete()
    published = workflow.published()

    assert published.state == "published"
    assert Revision.objects.get(pk=draft.pk).body == "Edited draft [1]."
