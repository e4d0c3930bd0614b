"""A reader who chooses an audience reads the version of the article written for it, or the
text for everyone where there is none, told plainly which; the page and the JSON serve it
from the stored rendering, in one query, with the same cookie, ETags, gzip copy and
404/410 answers as before."""

from __future__ import annotations

import gzip
import json

import pytest

from editorial import services
from editorial.review_record import verify

from .conftest import API, UNKNOWN_SLUG

GENERAL = "Hypertension is common [1]. Treatment lowers stroke risk [2]."
PATIENT = "Your blood pressure is high. Pills and less salt help [2]."
PATIENT_HTML = "Your blood pressure is high. Pills and less salt help"


@pytest.fixture
def slug(workflow) -> str:
    draft = workflow.draft(body=GENERAL, body_patient=PATIENT)
    return workflow.published(draft).article.slug


def _page(client, path: str, **headers) -> str:
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_page_serves_the_chosen_audience_its_own_version(client, slug):
    page = _page(client, f"/articles/{slug}/?audience=patient")

    assert PATIENT_HTML in page
    assert "Hypertension is common" not in page
    assert "<strong>Written for patients</strong>" in page
    assert 'data-version="patient"' in page
    assert '<a href="#ref-2" class="citation">2</a>' in page
    assert "Plain-language summary for patients." in page


def test_an_audience_without_a_version_reads_the_text_for_everyone_and_is_told_so(client, slug):
    page = _page(client, f"/articles/{slug}/?audience=caregiver")

    assert "Hypertension is common" in page
    assert PATIENT_HTML not in page
    assert "There is no version for caregivers yet; this is the text for everyone." in page


def test_the_page_for_everyone_says_which_audiences_have_a_version(client, slug):
    page = _page(client, f"/articles/{slug}/")

    assert "Hypertension is common" in page
    assert PATIENT_HTML not in page
    assert "It is also written for patients: choose who you are above." in page


def test_the_choice_is_remembered_in_the_cookie_without_javascript(client, slug):
    chosen = client.get(f"/articles/{slug}/?audience=patient")
    assert chosen.cookies["audience"].value == "patient"
    assert '<form method="get">' in chosen.content.decode()

    remembered = _page(client, f"/articles/{slug}/")

    assert PATIENT_HTML in remembered
    assert 'value="patient" checked' in remembered


def test_each_audience_has_its_own_etag_and_revalidates(client, slug):
    tags = {
        audience: client.get(f"/articles/{slug}/", HTTP_COOKIE=f"audience={audience}")["ETag"]
        for audience in ("general", "patient", "caregiver")
    }
    assert len(set(tags.values())) == 3
    again = client.get(
        f"/articles/{slug}/", HTTP_COOKIE="audience=patient", HTTP_IF_NONE_MATCH=tags["patient"]
    )
    assert again.status_code == 304


def test_the_gzip_copy_is_the_general_page_and_an_audience_is_served_uncompressed(client, slug):
    packed = client.get(f"/articles/{slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    general = gzip.decompress(packed.content).decode()
    assert "Hypertension is common" in general
    assert PATIENT_HTML not in general

    chosen = client.get(f"/articles/{slug}/?audience=patient", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in chosen
    assert PATIENT_HTML in chosen.content.decode()


def test_the_json_carries_every_version_and_picks_the_chosen_one(client, slug):
    data = client.get(f"{API}{slug}/").json()

    assert (data["audience"], data["body_version"]) == (None, "general")
    assert "Hypertension is common" in data["body_html"]
    assert data["audience_versions"] == ["patient"]
    assert data["versions"]["patient"]["body"] == PATIENT
    assert PATIENT_HTML in data["versions"]["patient"]["body_html"]
    assert data["versions"]["caregiver"] is None
    assert data["versions"]["clinician"] is None

    patient = client.get(f"{API}{slug}/?audience=patient").json()
    assert (patient["audience"], patient["body_version"]) == ("patient", "patient")
    assert patient["body_html"] == data["versions"]["patient"]["body_html"]

    clinician = client.get(f"{API}{slug}/?audience=clinician").json()
    assert (clinician["audience"], clinician["body_version"]) == ("clinician", "general")
    assert clinician["body_html"] == data["body_html"]


def test_an_article_without_versions_serves_everyone_the_one_text(workflow, client):
    slug = workflow.published().article.slug

    data = client.get(f"{API}{slug}/?audience=patient").json()
    page = _page(client, f"/articles/{slug}/?audience=patient")

    assert (data["body_version"], data["audience_versions"]) == ("general", [])
    assert "audience_bodies" not in data["content"]
    assert "There is no version for patients yet; this is the text for everyone." in page
    assert "also written for" not in _page(client, f"/articles/{slug}/?audience=general")


def test_a_retracted_or_unknown_article_answers_as_before_whatever_the_audience(
    workflow, client, slug
):
    revision = workflow.published(workflow.draft(body_patient="Retracted advice [1]."))
    services.revision_unpublish(revision=revision, actor=workflow.board[0], reason="Wrong dose.")
    gone = revision.article.slug

    for audience in ("patient", "caregiver"):
        page = client.get(f"/articles/{gone}/?audience={audience}")
        assert page.status_code == 410
        assert "Retracted advice" not in page.content.decode()
        assert client.get(f"{API}{gone}/?audience={audience}").status_code == 410
        assert client.get(f"/articles/{UNKNOWN_SLUG}/?audience={audience}").status_code == 404
        assert client.get(f"{API}{UNKNOWN_SLUG}/?audience={audience}").status_code == 404


def test_serving_a_version_takes_one_query(client, slug, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert PATIENT_HTML in _page(client, f"/articles/{slug}/?audience=patient")
    with django_assert_num_queries(1):
        assert client.get(f"{API}{slug}/?audience=patient").json()["body_version"] == "patient"
    client.cookies["audience"] = "patient"
    with django_assert_num_queries(1):
        assert PATIENT_HTML in _page(client, f"/articles/{slug}/")


def test_verification_checks_the_versions_shown_against_the_approved_ones(client, slug):
    article = client.get(f"{API}{slug}/").json()
    record = client.get(f"{API}{slug}/review-record/").json()

    assert verify.verify(article, record).ok

    forged = json.loads(json.dumps(article))
    forged["versions"]["patient"]["body"] = "Stop your pills."
    assert verify.verify(forged, record).problems == [
        "The version for patients shown is not the approved one."
    ]
    edited = json.loads(json.dumps(article))
    edited["content"]["audience_bodies"]["patient"] = "Stop your pills."
    assert not verify.verify(edited, record).ok
