"""Authors and pipelines write each audience's version of the article through the API, read
it back, and hear in which version a citation names no reference."""

from __future__ import annotations

from articles.models import Revision

from ..factories import reference_data
from .conftest import assert_error_shape, client_for

PATIENT = "Plain words for you [1]."


def test_an_article_is_created_with_a_version_for_patients(author, specialty):
    payload = {
        "slug": "asthma-in-adults",
        "specialty": "cardiology",
        "title": "Asthma in adults",
        "body": "Inhaled steroids help [1].",
        "body_patient": PATIENT,
        "references": reference_data(1),
    }

    response = client_for(author).post("/api/v1/articles/", payload, format="json")

    assert response.status_code == 201, response.content
    revision = Revision.objects.get(article__slug="asthma-in-adults")
    assert (revision.body_patient, revision.body_caregiver) == (PATIENT, "")


def test_a_draft_takes_and_returns_the_versions(author, workflow):
    revision = workflow.draft()
    client = client_for(author)

    response = client.patch(
        f"/api/v1/revisions/{revision.pk}/",
        {"body_caregiver": "For carers [2].", "body_clinician": "Titrate [1]."},
        format="json",
    )

    assert response.status_code == 200, response.content
    shown = client.get(f"/api/v1/revisions/{revision.pk}/").json()
    assert (shown["body_patient"], shown["body_caregiver"], shown["body_clinician"]) == (
        "",
        "For carers [2].",
        "Titrate [1].",
    )


def test_a_version_over_the_markdown_limit_is_413(author, workflow):
    revision = workflow.draft()

    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/", {"body_patient": "x" * 210_000}, format="json"
    )

    error = assert_error_shape(response, 413, "too_large")
    assert error["message"].startswith("The version for patients is larger than 200 KB")


def test_submitting_names_the_version_whose_citation_has_no_reference(author, workflow):
    revision = workflow.draft(body_caregiver="For carers [4].")

    response = client_for(author).post(f"/api/v1/revisions/{revision.pk}/submit/", format="json")

    error = assert_error_shape(response, 400, "rule_violation")
    assert error["message"] == (
        "Cannot submit: citation [4] in the version for caregivers has no reference."
    )
    assert Revision.objects.get(pk=revision.pk).state == "draft"


def test_the_reading_level_of_each_version_is_in_the_checks(author, workflow):
    revision = workflow.draft(body_patient="Take one pill a day. Eat less salt. Walk more [1].")

    shown = client_for(author).get(f"/api/v1/revisions/{revision.pk}/").json()

    assert shown["checks"]["reading"]["patient"]["text"] == "body_patient"
