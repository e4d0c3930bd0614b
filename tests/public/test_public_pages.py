"""The server-rendered pages people read."""

from __future__ import annotations

from django.utils import timezone

from editorial import services

from .conftest import UNKNOWN_SLUG


def test_article_page_shows_badge_reviewers_status_citations_and_disclaimer(
    workflow, client, reviewers, settings
):
    revision = workflow.published()
    page = client.get(f"/articles/{revision.article.slug}/").content.decode()

    assert '<html lang="en-GB">' in page
    assert 'name="viewport"' in page
    assert f"<h1>{revision.title}</h1>" in page
    assert "Reviewed by the Medical Advisory Board" in page
    assert f'{reviewers[0].display_name}</span>, <span class="credentials">MD, FRCP' in page
    for step in ("Submitted", "Under review", "Approved", "Last updated", "Last reviewed"):
        assert step in page
    assert '<a href="#ref-1" class="citation">1</a>' in page
    assert 'id="ref-1"' in page
    assert 'id="ref-2"' in page
    assert '<span class="kind">Guideline</span>' in page
    assert "National Institute for Health and Care Excellence, 2023" in page
    assert settings.EDITORIAL["DISCLAIMER"] in page
    assert 'href="/editorial-policy/"' in page


def test_audience_choice_works_without_javascript_and_is_remembered(workflow, client):
    slug = workflow.published().article.slug
    page = client.get(f"/articles/{slug}/").content.decode()
    assert "Which best describes you?" in page
    assert 'name="audience" value="patient"' in page

    chosen = client.get(f"/articles/{slug}/?audience=patient")
    assert "Plain-language summary for patients." in chosen.content.decode()
    assert chosen.cookies["audience"].value == "patient"
    assert chosen["Cache-Control"] == "private, no-cache"

    remembered = client.get(f"/articles/{slug}/")
    assert "Summary for patients" in remembered.content.decode()
    assert 'value="patient" checked' in remembered.content.decode()
    assert remembered["Vary"] == "Cookie"

    client.get(f"/articles/{slug}/?audience=general")
    assert "Plain-language summary" not in client.get(f"/articles/{slug}/").content.decode()


def test_a_tampered_audience_cookie_is_ignored(workflow, client):
    slug = workflow.published().article.slug
    client.cookies["audience"] = "<script>"
    response = client.get(f"/articles/{slug}/")
    assert response.status_code == 200
    assert 'value="general" checked' in response.content.decode()


def test_unpublished_page_is_the_same_404_as_an_unknown_one(workflow, client):
    draft = workflow.submitted()
    unknown = client.get(f"/articles/{UNKNOWN_SLUG}/")
    hidden = client.get(f"/articles/{draft.article.slug}/")
    assert unknown.status_code == hidden.status_code == 404
    assert unknown.content == hidden.content


def test_retracted_page_answers_410_with_the_reason(workflow, client, board):
    revision = workflow.published()
    services.revision_unpublish(revision=revision, actor=board[0], reason="Dosage table was wrong.")
    response = client.get(f"/articles/{revision.article.slug}/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "Dosage table was wrong." in page
    assert f'<p class="retracted-title">{revision.title}</p>' in page
    assert f'<time datetime="{timezone.localdate().isoformat()}">' in page
    assert revision.summary not in page


def test_list_page_links_each_published_article(workflow, client):
    revision = workflow.published()
    page = client.get("/articles/").content.decode()
    assert f'href="/articles/{revision.article.slug}/"' in page
    assert revision.title in page
    assert "1 article." in page


def test_editorial_policy_reads_the_live_settings(client, settings):
    settings.EDITORIAL = {**settings.EDITORIAL, "BOARD_QUORUM": 3, "REQUIRED_REVIEWS": 4,
                          "REREVIEW_MONTHS": 18, "DISCLAIMER": "Ask your own doctor."}  # fmt: skip
    page = client.get("/editorial-policy/").content.decode()
    assert "at least 3 board members" in page
    assert "At least 4 independent reviews" in page
    assert "18 months after its approval" in page
    assert "Ask your own doctor." in page


def test_sitemap_feed_and_robots_list_published_articles(workflow, client):
    revision = workflow.published()
    slug = revision.article.slug
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/articles/{slug}/</loc>" in sitemap
    assert "<lastmod>" in sitemap
    feed = client.get("/articles/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert f"/articles/{slug}/" in feed.content.decode()
    assert "<updated>" in feed.content.decode()
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots
