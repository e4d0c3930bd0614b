"""From submission on, a revision's content and references are frozen: the model, the
references and the edit service all refuse to change them."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_fsm import ConcurrentTransition

from articles.models import FrozenContentError, Reference, Revision
from editorial import services
from editorial.errors import InvalidTransition
from tests.factories import reference_data


@pytest.fixture
def submitted(workflow):
    return workflow.submitted()


def _unchanged(revision: Revision) -> None:
    stored = Revision.objects.get(pk=revision.pk)
    assert stored.title == revision.title
    assert stored.body == revision.body


def test_saving_changed_content_of_a_submitted_revision_is_refused(submitted):
    original_title = submitted.title
    submitted.title = "A different title"

    with pytest.raises(FrozenContentError, match="its content is frozen"):
        submitted.save()

    assert Revision.objects.get(pk=submitted.pk).title == original_title


@pytest.mark.parametrize("field", ["summary", "summary_patient", "summary_clinician", "body"])
def test_every_content_field_is_frozen(field, submitted):
    setattr(submitted, field, "Changed after submission.")

    with pytest.raises(FrozenContentError):
        submitted.save(update_fields=[field])


def test_a_draft_loaded_before_submission_cannot_overwrite_the_frozen_revision(workflow):
    draft = workflow.draft()
    stale = Revision.objects.get(pk=draft.pk)
    services.revision_submit(revision=draft, actor=workflow.author)
    stale.title = "Written into a stale copy"

    with pytest.raises((FrozenContentError, ConcurrentTransition)), transaction.atomic():
        stale.save()

    stored = Revision.objects.get(pk=draft.pk)
    assert (stored.state, stored.title) == ("submitted", draft.title)


def test_saving_a_reference_of_a_submitted_revision_is_refused(submitted):
    reference = submitted.references.first()
    reference.title = "Another study"

    with pytest.raises(FrozenContentError, match="its references are frozen"):
        reference.save()

    assert Reference.objects.get(pk=reference.pk).title == "Clinical guideline number 1"


def test_adding_a_reference_to_a_submitted_revision_is_refused(submitted):
    with pytest.raises(FrozenContentError):
        Reference(revision=submitted, position=9, kind="other", title="Late addition").save()

    assert submitted.references.count() == 2


def test_deleting_a_reference_of_a_submitted_revision_is_refused(submitted):
    with pytest.raises(FrozenContentError):
        submitted.references.first().delete()

    assert submitted.references.count() == 2


def test_deleting_a_submitted_revision_is_refused(submitted):
    with pytest.raises(FrozenContentError, match=r"Only a draft revision can be deleted\."):
        submitted.delete()


@pytest.mark.parametrize(
    "change",
    [{"title": "New title"}, {"references": reference_data(3)}],
    ids=["fields", "references"],
)
def test_edit_service_refuses_a_submitted_revision(change, submitted, workflow):
    with pytest.raises(InvalidTransition) as refused:
        services.revision_edit(revision=submitted, actor=workflow.author, **change)

    assert refused.value.message == (
        "A revision that is submitted is frozen; start a new revision to change it."
    )
    _unchanged(submitted)
    assert submitted.references.count() == 2


def test_a_draft_can_still_be_changed_through_the_model(workflow):
    draft = workflow.draft()
    draft.title = "Revised title"
    draft.save()
    reference = draft.references.first()
    reference.title = "Updated guideline"
    reference.save()

    draft.refresh_from_db()
    assert draft.title == "Revised title"
    assert draft.references.first().title == "Updated guideline"


def test_edit_service_replaces_a_drafts_references_in_order(workflow):
    draft = workflow.draft(references=1)

    services.revision_edit(revision=draft, actor=workflow.author, references=reference_data(3))

    assert list(draft.references.values_list("position", "title")) == [
        (1, "Clinical guideline number 1"),
        (2, "Clinical guideline number 2"),
        (3, "Clinical guideline number 3"),
    ]
