"""What readers see of a re-review: the new review dates after an attestation (the same
revision, hash and sealed rendering rules), and "This page is overdue for review" once the
next review date has passed, without any rebuild."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from articles import selectors as public_selectors
from articles.models import Article
from editorial import services
from editorial.services.public_rebuild import public_rebuild_ids, public_snapshots_rebuild
from editorial.services.public_snapshots import public_snapshot_refresh
from editorial.services.rereviews import add_months

from .conftest import API

NOTICE = "This page is overdue for review"


def _stored_a_year_ago(article: Article) -> Article:
    """The article and its stored rendering as they stood a year after approval."""
    Article.objects.filter(pk=article.pk).update(
        last_reviewed_on=date(2025, 1, 10), next_review_due=date(2026, 1, 10)
    )
    public_snapshot_refresh(article=article)
    return Article.objects.get(pk=article.pk)


def _days_pass(monkeypatch, until: date) -> None:
    """The calendar moves on; nothing is rebuilt."""
    monkeypatch.setattr("articles.overdue.today", lambda: until)


def test_after_attestation_the_public_shows_the_new_dates_of_the_same_revision(workflow, client):
    live = workflow.published()
    article = _stored_a_year_ago(live.article)
    before = client.get(f"{API}{article.slug}/").json()
    assert before["last_reviewed"] == "2025-01-10"

    services.rereview_attest(rereview=workflow.rereview(live), actor=workflow.board[2])

    today = timezone.localdate()
    after = client.get(f"{API}{article.slug}/").json()
    assert after["last_reviewed"] == today.isoformat()
    assert after["next_review_due"] == add_months(today, 12).isoformat()
    assert after["revision"] == before["revision"] == live.number
    assert after["content_hash"] == before["content_hash"] == live.content_hash
    assert after["last_updated"] == before["last_updated"]
    assert after["body_html"] == before["body_html"]
    page = client.get(f"/articles/{article.slug}/")
    assert page.status_code == 200
    assert f'Last reviewed <time datetime="{today.isoformat()}">' in page.content.decode()
    # The seals of the rebuilt rendering verify: the selector serves only sealed columns.
    assert public_selectors.public_snapshot(article.slug, "json") is not None
    assert public_selectors.public_snapshot(article.slug, "page") is not None


def test_a_rebuild_after_attestation_keeps_the_article_public(workflow, client):
    live = workflow.published()
    services.rereview_attest(rereview=workflow.rereview(live), actor=workflow.board[2])

    report = public_snapshots_rebuild(public_rebuild_ids(everything=True))

    assert report.withdrawn == []
    assert client.get(f"/articles/{live.article.slug}/").status_code == 200


def test_an_article_past_its_review_date_says_so_without_a_rebuild(workflow, client, monkeypatch):
    article = _stored_a_year_ago(workflow.published().article)
    page_url, api_url = f"/articles/{article.slug}/", f"{API}{article.slug}/"

    _days_pass(monkeypatch, date(2026, 1, 10))
    on_the_day = client.get(page_url)
    assert NOTICE not in on_the_day.content.decode()
    assert client.get(api_url).json()["review_overdue"] is False

    _days_pass(monkeypatch, date(2026, 1, 11))
    page = client.get(page_url)
    assert NOTICE in page.content.decode()
    assert "It was due to be reviewed again by 10 January 2026" in page.content.decode()
    assert page["ETag"].endswith('-overdue-general"')
    detail = client.get(api_url)
    assert detail.json()["review_overdue"] is True
    assert detail["ETag"].endswith('-overdue"')
    assert NOTICE in client.get(f"{page_url}?audience=patient").content.decode()
    assert client.get(f"{api_url}?audience=patient").json()["review_overdue"] is True


def test_a_copy_cached_before_the_review_date_is_not_revalidated_after_it(
    workflow, client, monkeypatch
):
    article = _stored_a_year_ago(workflow.published().article)
    api_url, page_url = f"{API}{article.slug}/", f"/articles/{article.slug}/"
    _days_pass(monkeypatch, date(2026, 1, 1))
    json_tag, page_tag = client.get(api_url)["ETag"], client.get(page_url)["ETag"]
    assert client.get(api_url, HTTP_IF_NONE_MATCH=json_tag).status_code == 304

    _days_pass(monkeypatch, date(2026, 2, 1))

    assert client.get(api_url, HTTP_IF_NONE_MATCH=json_tag).status_code == 200
    assert client.get(page_url, HTTP_IF_NONE_MATCH=page_tag).status_code == 200
    fresh = client.get(api_url)["ETag"]
    assert client.get(api_url, HTTP_IF_NONE_MATCH=fresh).status_code == 304


@pytest.mark.parametrize("shown", [True, False])
def test_the_notice_follows_the_setting(workflow, client, monkeypatch, settings, shown):
    settings.EDITORIAL = {**settings.EDITORIAL, "SHOW_OVERDUE_NOTICE": shown}
    article = _stored_a_year_ago(workflow.published().article)
    _days_pass(monkeypatch, date(2026, 3, 1))

    page = client.get(f"/articles/{article.slug}/").content.decode()

    assert (NOTICE in page) is shown
    assert client.get(f"{API}{article.slug}/").json()["review_overdue"] is shown


def test_an_attestation_lifts_the_notice(workflow, client, monkeypatch):
    live = workflow.published()
    article = _stored_a_year_ago(live.article)
    _days_pass(monkeypatch, timezone.localdate() + timedelta(days=1))
    assert NOTICE in client.get(f"/articles/{article.slug}/").content.decode()

    services.rereview_attest(rereview=workflow.rereview(live), actor=workflow.board[2])

    assert NOTICE not in client.get(f"/articles/{article.slug}/").content.decode()
    assert client.get(f"{API}{article.slug}/").json()["review_overdue"] is False
