"""The anonymous JSON API: fields, audience, pagination, filters, search, errors."""

from __future__ import annotations

import pytest
from django.utils import timezone

from articles.public import api
from editorial import services
from tests.factories import SpecialtyFactory

from .conftest import API, UNKNOWN_SLUG


def test_detail_has_everything_a_reader_app_needs(workflow, client, reviewers, settings):
    revision = workflow.published()
    article = revision.article
    article.refresh_from_db()

    data = client.get(f"{API}{article.slug}/").json()

    assert data["title"] == revision.title
    assert data["summary"] == revision.summary
    assert data["summaries"]["patient"] == "Plain-language summary for patients."
    assert data["body_html"] == revision.body_html
    assert '<a href="#ref-1" class="citation">1</a>' in data["body_html"]
    first = data["references"][0]
    assert (first["position"], first["kind"], first["kind_label"]) == (1, "guideline", "Guideline")
    assert first["doi_url"] == "https://doi.org/10.1000/example.1"
    # No public profile without the person's consent: nothing to link to.
    assert {
        "name": reviewers[0].display_name,
        "credentials": "MD, FRCP",
        "role": "reviewer",
        "profile_url": None,
        "orcid_url": None,
    } in data["reviewed_by"]
    assert [p["role"] for p in data["reviewed_by"]].count("board") == 2
    review = data["review"]
    assert review["status"] == "approved"
    assert review["submitted_at"]
    assert review["review_started_at"]
    assert review["approved_at"]
    assert data["last_reviewed"] == article.last_reviewed_on.isoformat()
    assert data["next_review_due"] == article.next_review_due.isoformat()
    assert data["last_updated"]
    assert data["disclaimer"] == settings.EDITORIAL["DISCLAIMER"]
    assert data["editorial_policy_url"].endswith("/editorial-policy/")


@pytest.mark.parametrize(
    ("audience", "summary"),
    [
        ("patient", "Plain-language summary for patients."),
        ("clinician", "What raised blood pressure means and how it is treated."),  # falls back
    ],
)
def test_audience_picks_its_summary(workflow, client, audience, summary):
    slug = workflow.published().article.slug
    data = client.get(f"{API}{slug}/?audience={audience}").json()
    assert data["audience"] == audience
    assert data["summary"] == summary


def test_unknown_audience_is_refused_clearly(workflow, client):
    slug = workflow.published().article.slug
    response = client.get(f"{API}{slug}/?audience=doctor")
    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "invalid",
            "message": "audience must be one of: patient, caregiver, clinician.",
            "fields": {},
        }
    }


def test_unknown_and_unpublished_slugs_answer_the_same_404(workflow, client):
    draft = workflow.draft(slug="in-draft")
    approved = workflow.approved()
    unknown = client.get(f"{API}{UNKNOWN_SLUG}/")
    assert unknown.status_code == 404
    for slug in (draft.article.slug, approved.article.slug, "Not A Slug!"):
        response = client.get(f"{API}{slug}/")
        assert (response.status_code, response.content) == (404, unknown.content)


def test_retracted_article_answers_410_with_its_title_date_and_public_reason_only(
    workflow, client, board
):
    revision = workflow.published()
    services.revision_unpublish(
        revision=revision, actor=board[0], reason="Superseded by NICE 2026."
    )
    response = client.get(f"{API}{revision.article.slug}/")
    assert response.status_code == 410
    notice = response.json()
    assert (notice["title"], notice["reason"], notice["retraction_reason"]) == (
        revision.title,
        "Superseded by NICE 2026.",
        "Superseded by NICE 2026.",
    )
    assert notice["retracted_on"] == timezone.localdate().isoformat()
    # Nothing of the retracted text but its title.
    for text in (revision.summary, revision.body, "references", "body_html", "reviewed_by"):
        assert text not in response.content.decode()


def test_list_is_newest_first_and_paginated(workflow, client, monkeypatch):
    monkeypatch.setattr(api, "PAGE_SIZE", 2)
    slugs = [workflow.published().article.slug for _ in range(3)]

    first = client.get(API).json()
    assert first["count"] == 3
    assert [e["slug"] for e in first["results"]] == slugs[::-1][:2]
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert [e["slug"] for e in second["results"]] == slugs[:1]
    assert second["next"] is None
    assert second["previous"].endswith("page=1")
    assert client.get(f"{API}?page=9").status_code == 404
    assert client.get(f"{API}?page=zero").json() == {
        "error": {"code": "invalid", "message": "page must be a whole number from 1.", "fields": {}}
    }


def test_list_filters_by_specialty_and_searches_titles(workflow, client, author):
    cardiology = workflow.published()
    other = workflow.draft(slug="asthma")
    services.revision_edit(revision=other, actor=author, title="Living with asthma")
    other.article.specialty = SpecialtyFactory(name="Respiratory", slug="respiratory")
    other.article.save(update_fields=["specialty"])
    workflow.published(services.revision_submit(revision=other, actor=author))

    by_specialty = client.get(f"{API}?specialty=respiratory").json()["results"]
    assert [e["slug"] for e in by_specialty] == ["asthma"]
    found = client.get(f"{API}?q=BLOOD pressure").json()["results"]
    assert [e["slug"] for e in found] == [cardiology.article.slug]
    assert client.get(f"{API}?q=nothing-like-this").json()["count"] == 0


def test_public_api_is_read_only(workflow, client):
    slug = workflow.published().article.slug
    assert client.post(f"{API}{slug}/").status_code == 405
    assert client.delete(API).status_code == 405


def test_search_treats_wildcards_as_plain_characters(workflow, client):
    workflow.published()
    assert client.get(f"{API}?q=%25").json()["count"] == 0
    assert client.get(f"{API}?q=_").json()["count"] == 0
    assert client.get(f"{API}?q=high blood").json()["count"] == 1
