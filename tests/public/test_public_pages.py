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
    assert remembered["Vary"] == "Cookie, Accept-Encoding"

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


def test_sitemap_feed_and_robots_list_published_articles(workflow, client, settings):
    settings.SITE_URL = "https://health.example.org"
    revision = workflow.published()
    slug = revision.article.slug
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://health.example.org/sitemap-articles.xml</loc>" in index
    assert "<loc>https://health.example.org/sitemap-pages.xml</loc>" in index
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    assert f"<loc>https://health.example.org/articles/{slug}/</loc>" in sitemap
    assert "<lastmod>" in sitemap
    feed = client.get("/articles/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert f'href="https://health.example.org/articles/{slug}/"' in feed.content.decode()
    assert "<updated>" in feed.content.decode()
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://health.example.org/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


def test_every_absolute_address_is_under_site_url_whatever_the_host(workflow, client, settings):
    """The page's canonical link, the feed's ids, the sitemap's loc, robots.txt and the API's
    page links agree, and a Host header changes none of them."""
    settings.SITE_URL = "https://health.example.org"
    settings.ALLOWED_HOSTS = ["health.example.org", "other.example.net"]
    slug = workflow.published().article.slug
    for host in ("health.example.org", "other.example.net"):
        shown = "".join(
            client.get(path, HTTP_HOST=host).content.decode()
            for path in (
                f"/articles/{slug}/",
                "/articles/feed.atom",
                "/sitemap.xml",
                "/sitemap-articles.xml",
                "/robots.txt",
                "/api/v1/public/articles/?page=1",
            )
        )
        assert "other.example.net" not in shown
        assert f'<link rel="canonical" href="https://health.example.org/articles/{slug}/">' in (
            shown
        )
        assert "<id>https://health.example.org/articles/</id>" in shown


def test_the_sitemap_index_lists_every_page_of_a_large_sitemap(workflow, client, monkeypatch):
    from articles.public.feeds import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    slugs = {workflow.published().article.slug for _ in range(5)}
    index = client.get("/sitemap.xml").content.decode()
    pages = [f"/sitemap-articles.xml?p={n}" for n in (2, 3)]
    assert all(f"<loc>http://127.0.0.1:8000{page}</loc>" in index for page in pages)
    listed = "".join(
        client.get(path).content.decode() for path in ["/sitemap-articles.xml", *pages]
    )
    assert all(f"/articles/{slug}/</loc>" in listed for slug in slugs)
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_the_home_page_shows_the_latest_articles_and_where_the_policy_is(workflow, client):
    published = workflow.published()
    submitted = workflow.submitted()  # never listed
    page = client.get("/")
    body = page.content.decode()
    assert page.status_code == 200
    assert f'href="/articles/{published.article.slug}/"' in body
    assert submitted.article.slug not in body
    assert 'href="/editorial-policy/"' in body
    assert 'href="/corrections/"' in body
    assert '<link rel="canonical" href="http://127.0.0.1:8000/">' in body
