"""How each revision was drafted: required of pipelines, human by default for people, in the
content hash (hashes of revisions written by people unchanged), frozen from submission by
the model and by the database, and recorded by the audit."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.db import IntegrityError, transaction

from articles import content
from articles.models import FrozenContentError, Revision
from editorial import services
from editorial.errors import RuleViolation
from editorial.models import AuditEvent
from tests.factories import UserFactory, reference_data
from tests.workflow import BODY

PIPELINE = {
    "drafting": "ai_generated",
    "drafting_pipeline": "Draftbot",
    "drafting_model": "example-model",
    "drafting_model_version": "2026-06",
    "drafting_note": "Prompt 14 over the NICE guideline NG136.",
}


@pytest.fixture
def pipeline(db):
    return UserFactory(username="draftbot", groups=["Authors", "Pipelines"])


def pipeline_draft(workflow, pipeline, slug: str = "drafted", **provenance: str) -> Revision:
    article = services.article_create(
        actor=pipeline,
        slug=slug,
        specialty=workflow.specialty,
        title="Drafted by a pipeline",
        summary="A summary.",
        body=BODY,
        references=reference_data(2),
        **(provenance or PIPELINE),
    )
    return article.revisions.get()


def test_a_pipeline_that_does_not_say_how_it_drafted_is_refused(workflow, pipeline):
    with pytest.raises(RuleViolation) as refusal:
        pipeline_draft(workflow, pipeline, drafting="ai_generated", drafting_pipeline="Draftbot")

    assert "drafting_model, drafting_model_version" in str(refusal.value)
    assert set(refusal.value.fields) == {"drafting_model", "drafting_model_version"}


def test_a_persons_revision_is_written_by_people_unless_they_say_otherwise(workflow):
    draft = workflow.draft()

    assert draft.provenance == content.DEFAULT_PROVENANCE
    with pytest.raises(RuleViolation, match="only a pipeline's account"):
        services.revision_edit(revision=draft, actor=workflow.author, drafting_pipeline="Mine")
    edited = services.revision_edit(
        revision=draft, actor=workflow.author, drafting="ai_assisted", drafting_model="Tool"
    )
    assert edited.drafting == "ai_assisted"


def test_a_human_revisions_canonical_form_and_hash_are_what_they_were_before_provenance(workflow):
    revision = workflow.submitted()
    references = list(revision.references.all())
    before = {
        "fields": {f: getattr(revision, f) for f in content.CONTENT_FIELDS},
        "references": [{f: getattr(r, f) for f in content.REFERENCE_FIELDS} for r in references],
    }
    payload = json.dumps(before, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    assert content.canonical_content(revision, references) == before
    assert revision.content_hash == hashlib.sha256(payload.encode()).hexdigest()


@pytest.mark.parametrize("field", ["drafting", "drafting_pipeline", "drafting_model",
                                   "drafting_model_version"])  # fmt: skip
def test_provenance_is_in_the_hash_and_the_internal_note_is_not(workflow, pipeline, field):
    draft = pipeline_draft(workflow, pipeline)
    references = list(draft.references.all())
    baseline = content.content_hash(draft, references)

    draft.drafting_note = "Another prompt."
    assert content.content_hash(draft, references) == baseline
    setattr(draft, field, "ai_assisted" if field == "drafting" else "other")
    assert content.content_hash(draft, references) != baseline


def test_submission_freezes_provenance_and_the_audit_records_it(workflow, pipeline):
    revision = workflow.submitted(pipeline_draft(workflow, pipeline))

    submitted = AuditEvent.objects.get(revision=revision, action="submitted")
    assert submitted.actor == pipeline
    assert submitted.data["provenance"] == {
        "kind": "ai_generated",
        "pipeline": "Draftbot",
        "model": "example-model",
        "version": "2026-06",
    }
    assert "Prompt 14" not in json.dumps(submitted.data)
    revision.drafting_model = "another-model"
    with pytest.raises(FrozenContentError):
        revision.save()


@pytest.mark.parametrize("column", ["drafting", "drafting_model", "drafting_note"])
def test_the_database_refuses_a_change_to_a_submitted_revisions_provenance(
    workflow, pipeline, column
):
    revision = workflow.submitted(pipeline_draft(workflow, pipeline))

    with pytest.raises(IntegrityError, match="drafted is frozen"), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(**{column: "human"})

    assert Revision.objects.get(pk=revision.pk).provenance["kind"] == "ai_generated"


def test_the_next_revision_carries_the_provenance(workflow, pipeline):
    published = workflow.published(workflow.submitted(pipeline_draft(workflow, pipeline)))

    following = services.revision_start_next(
        article=published.article,
        actor=pipeline,
        change_class="update",
        change_note="New guidance.",
    )

    assert following.provenance == published.provenance
    assert following.drafting_note == PIPELINE["drafting_note"]
