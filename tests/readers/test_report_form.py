"""The report form on the public side: plain HTML that works without JavaScript."""

from __future__ import annotations

import time

import pytest

from editorial import services
from editorial.models import ReaderReport, ReportState
from editorial.reports import forms
from tests.public.conftest import UNKNOWN_SLUG

from .conftest import MESSAGE, form_data


def test_the_stored_article_page_links_to_the_form(published, client):
    slug = published.article.slug
    page = client.get(f"/articles/{slug}/").content.decode()
    assert f'href="/articles/{slug}/report/"' in page
    assert "Report a problem or ask a question" in page


def test_the_form_is_a_plain_post_form_with_every_kind(published, client):
    slug = published.article.slug
    response = client.get(f"/articles/{slug}/report/")
    page = response.content.decode()

    assert response.status_code == 200
    assert f'method="post" action="/articles/{slug}/report/"' in page
    assert "<script" not in page
    for kind in ("factual_error", "out_of_date", "unclear", "question", "other"):
        assert f'value="{kind}"' in page
    assert 'name="message"' in page
    assert 'name="email"' in page
    assert 'name="website"' in page
    assert 'name="started"' in page
    assert published.title in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_plain_post_stores_the_report_with_the_revision_read_and_redirects(published, client):
    slug = published.article.slug
    response = client.post(f"/articles/{slug}/report/", form_data(slug))

    assert response.status_code == 303
    assert response["Location"] == f"/articles/{slug}/report/sent/"
    report = ReaderReport.objects.get()
    assert (report.article, report.revision) == (published.article, published)
    assert (report.kind, report.state) == ("factual_error", ReportState.NEW)
    assert report.message == MESSAGE.strip()
    assert report.email == "reader@example.org"
    thanks = client.get(response["Location"]).content.decode()
    assert "What happens next" in thanks
    assert "never published" in thanks


def test_windows_line_endings_are_kept_as_plain_newlines(published, client):
    slug = published.article.slug
    client.post(f"/articles/{slug}/report/", form_data(slug, message="One.\r\nTwo.\r\n"))
    assert ReaderReport.objects.get().message == "One.\nTwo."


def test_the_email_address_is_optional(published, client):
    slug = published.article.slug
    response = client.post(f"/articles/{slug}/report/", form_data(slug, email=""))
    assert response.status_code == 303
    assert ReaderReport.objects.get().email == ""


def test_a_filled_honeypot_looks_accepted_but_nothing_is_kept(published, client):
    slug = published.article.slug
    response = client.post(
        f"/articles/{slug}/report/", form_data(slug, website="http://spam.example")
    )
    assert response.status_code == 303
    assert response["Location"] == f"/articles/{slug}/report/sent/"
    assert not ReaderReport.objects.exists()


def test_a_form_sent_too_fast_is_shown_again_and_nothing_is_kept(published, client):
    slug = published.article.slug
    data = form_data(slug, started=forms.form_token(slug, issued_at=time.time()))
    response = client.post(f"/articles/{slug}/report/", data)

    assert response.status_code == 400
    page = response.content.decode()
    assert forms.TOO_FAST in page
    assert "The dose in the second table" in page  # what they wrote is not lost
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    "started",
    [
        "",
        "not-a-token",
        "other",  # a token given out for another article
        "old",
    ],
)
def test_a_missing_forged_or_stale_form_token_is_refused(published, client, started):
    slug = published.article.slug
    tokens = {
        "other": forms.form_token("another-article", issued_at=time.time() - 60),
        "old": forms.form_token(slug, issued_at=time.time() - forms.MAX_FORM_AGE - 10),
    }
    data = form_data(slug, started=tokens.get(started, started))
    response = client.post(f"/articles/{slug}/report/", data)
    assert response.status_code == 400
    assert forms.EXPIRED in response.content.decode()
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "praise"),
        ("message", ""),
        ("message", "x" * 5001),
        ("message", "bell \x07 character"),
        ("email", "not an address"),
    ],
)
def test_bad_input_shows_the_form_again_and_keeps_nothing(published, client, field, value):
    slug = published.article.slug
    response = client.post(f"/articles/{slug}/report/", form_data(slug, **{field: value}))
    assert response.status_code == 400
    assert 'class="errors"' in response.content.decode()
    assert not ReaderReport.objects.exists()


def _unpublished(workflow):
    return workflow.approved().article.slug


def _retracted(workflow):
    revision = workflow.published()
    services.revision_unpublish(revision=revision, actor=workflow.board[0], reason="Outdated.")
    return revision.article.slug


SLUGS = {
    "unknown": lambda wf: UNKNOWN_SLUG,
    "unpublished": _unpublished,
    "retracted": _retracted,
}


@pytest.mark.parametrize("which", SLUGS)
def test_an_article_the_public_cannot_read_has_no_form(workflow, client, which):
    slug = SLUGS[which](workflow)
    unknown = client.get(f"/articles/{UNKNOWN_SLUG}/")
    for response in (
        client.get(f"/articles/{slug}/report/"),
        client.post(f"/articles/{slug}/report/", form_data(slug)),
        client.get(f"/articles/{slug}/report/sent/"),
    ):
        assert response.status_code == 404
        assert response.content == unknown.content
    assert not ReaderReport.objects.exists()


def test_the_form_is_throttled_per_client_address(published, client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "reader_report": "2/hour",
        },
    }
    slug = published.article.slug
    statuses = [
        client.post(f"/articles/{slug}/report/", form_data(slug)).status_code for _ in range(3)
    ]
    assert statuses == [303, 303, 429]
    assert ReaderReport.objects.count() == 2
    other = client.post(f"/articles/{slug}/report/", form_data(slug), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 303


def test_reports_never_appear_on_any_public_path(workflow, published, client, editor):
    from tests.public.conftest import fetch_all, public_paths

    slug = published.article.slug
    client.post(
        f"/articles/{slug}/report/",
        form_data(slug, message="REPORT-MARKER words", email="marker@example.org"),
    )
    report = ReaderReport.objects.get()
    services.reader_report_resolve(report=report, actor=editor, note="NOTE-MARKER fixed")
    pages = fetch_all(client, public_paths([slug], ["REPORT", "MARKER"]))
    for path, (_, body) in pages.items():
        for marker in ("REPORT-MARKER", "marker@example.org", "NOTE-MARKER"):
            assert marker not in body, f"{marker} shown by {path}"
