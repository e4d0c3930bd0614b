"""A drafting pipeline must say through the API how it drafted; a person need not."""

from __future__ import annotations

from articles.models import Revision
from tests.factories import UserFactory, reference_data

from .conftest import assert_error_shape, client_for

NEW_ARTICLE = {
    "slug": "asthma-in-adults",
    "specialty": "cardiology",
    "title": "Asthma in adults",
    "body": "Inhalers work [1].",
    "references": reference_data(1),
}
PROVENANCE = {
    "drafting": "ai_generated",
    "drafting_pipeline": "Draftbot",
    "drafting_model": "example-model",
    "drafting_model_version": "2026-06",
    "drafting_note": "Prompt 14.",
}


def test_a_pipeline_without_provenance_gets_a_400_naming_what_is_missing(db, specialty):
    pipeline = UserFactory(username="draftbot", groups=["Authors", "Pipelines"])

    response = client_for(pipeline).post("/api/v1/articles/", NEW_ARTICLE, format="json")

    error = assert_error_shape(response, 400, "rule_violation")
    assert error["message"].startswith("A drafting pipeline must say how the revision was drafted")
    assert set(error["fields"]) == {
        "drafting",
        "drafting_pipeline",
        "drafting_model",
        "drafting_model_version",
    }
    assert not Revision.objects.exists()


def test_a_pipeline_with_provenance_creates_its_draft_and_reads_it_back(db, specialty):
    pipeline = UserFactory(username="draftbot", groups=["Authors", "Pipelines"])

    response = client_for(pipeline).post(
        "/api/v1/articles/", {**NEW_ARTICLE, **PROVENANCE}, format="json"
    )

    assert response.status_code == 201, response.content
    pk = Revision.objects.get().pk
    revision = client_for(pipeline).get(f"/api/v1/revisions/{pk}/").json()
    assert {k: revision[k] for k in PROVENANCE} == PROVENANCE


def test_a_person_gets_human_by_default_and_an_unknown_kind_is_a_400(author, specialty):
    response = client_for(author).post("/api/v1/articles/", NEW_ARTICLE, format="json")
    assert response.status_code == 201
    assert Revision.objects.get().drafting == "human"

    bad = {**NEW_ARTICLE, "slug": "other", "drafting": "dictated"}
    error = assert_error_shape(
        client_for(author).post("/api/v1/articles/", bad, format="json"), 400
    )
    assert "drafting" in error["fields"]
