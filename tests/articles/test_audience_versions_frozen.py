"""The versions written for each audience, and their HTML, are frozen from submission like
the body: the model refuses a change, the edit service refuses it, and the database (a
trigger, on PostgreSQL and SQLite alike) refuses it whatever the path."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from articles.models import AUDIENCE_BODY_FIELDS, FrozenContentError, Revision
from editorial import services
from editorial.errors import WorkflowError
from tests.migration_code import migration_module

VERSIONS = migration_module("articles", "_revision_audience_versions")


@pytest.fixture
def submitted(workflow):
    return workflow.submitted(body_patient="Written for patients [1].")


def test_the_trigger_guards_the_versions_and_their_html():
    # Fails when a version is added: write a migration that brings the trigger up to date.
    assert (*AUDIENCE_BODY_FIELDS, "audience_body_html") == VERSIONS.AUDIENCE_COLUMNS
    assert set(VERSIONS.AUDIENCE_COLUMNS) <= {f.column for f in Revision._meta.concrete_fields}


@pytest.mark.parametrize("field", AUDIENCE_BODY_FIELDS)
def test_the_model_refuses_to_save_a_changed_version_of_a_submitted_revision(field, submitted):
    setattr(submitted, field, "Changed after submission.")

    with pytest.raises(FrozenContentError, match="its content is frozen"):
        submitted.save(update_fields=[field])

    assert Revision.objects.get(pk=submitted.pk).body_patient == "Written for patients [1]."


def test_the_edit_service_refuses_a_submitted_revision(workflow, submitted):
    with pytest.raises(WorkflowError):
        services.revision_edit(
            revision=submitted, actor=workflow.author, body_patient="Changed after submission."
        )

    assert Revision.objects.get(pk=submitted.pk).body_patient == "Written for patients [1]."


@pytest.mark.parametrize(
    ("column", "value"),
    [(name, "changed") for name in AUDIENCE_BODY_FIELDS]
    + [("audience_body_html", '{"patient": "<p>changed</p>"}')],
)
def test_the_database_refuses_a_change_to_a_version_after_submission(submitted, column, value):
    with (
        pytest.raises(IntegrityError, match="submitted content is frozen"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE articles_revision SET {column} = %s WHERE id = %s",  # noqa: S608 - a column name
            [value, submitted.pk],
        )

    stored = Revision.objects.get(pk=submitted.pk)
    assert stored.body_patient == "Written for patients [1]."
    assert stored.audience_body_html["patient"].startswith("<p>Written for patients")


def test_the_versions_of_a_published_revision_cannot_be_changed_through_a_queryset(workflow):
    published = workflow.published(workflow.draft(body_caregiver="For carers [2]."))

    with pytest.raises(IntegrityError, match="content is frozen"), transaction.atomic():
        Revision.objects.filter(pk=published.pk).update(body_caregiver="Unapproved advice.")
    with pytest.raises(IntegrityError, match="content is frozen"), transaction.atomic():
        Revision.objects.filter(pk=published.pk).update(audience_body_html={})

    assert Revision.objects.get(pk=published.pk).body_caregiver == "For carers [2]."


def test_a_draft_version_may_still_change(workflow):
    draft = workflow.draft()

    Revision.objects.filter(pk=draft.pk).update(body_clinician="Edited draft [1].")
    services.revision_edit(revision=draft, actor=workflow.author, body_patient="Also [2].")

    stored = Revision.objects.get(pk=draft.pk)
    assert (stored.body_clinician, stored.body_patient) == ("Edited draft [1].", "Also [2].")
