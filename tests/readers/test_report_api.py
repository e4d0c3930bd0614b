"""POST /api/v1/public/articles/{slug}/reports/: anonymous JSON, 202, errors in the one shape."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from editorial.models import ReaderReport
from tests.api.conftest import assert_error_shape
from tests.public.conftest import UNKNOWN_SLUG

from .test_report_form import SLUGS

API = "/api/v1/public/articles/"
REPORT = {"kind": "question", "message": "Does this apply to children?"}


def post(slug: str, data, **kwargs):
    return APIClient().post(f"{API}{slug}/reports/", data, format="json", **kwargs)


def test_a_report_is_accepted_with_202_and_kept(published):
    response = post(published.article.slug, {**REPORT, "email": "r@example.org"})

    assert response.status_code == 202
    assert response.json()["status"] == "received"
    report = ReaderReport.objects.get()
    assert (report.revision, report.kind, report.email) == (published, "question", "r@example.org")
    assert report.message == REPORT["message"]


def test_no_csrf_token_or_account_is_needed(published):
    client = APIClient(enforce_csrf_checks=True)
    response = client.post(f"{API}{published.article.slug}/reports/", REPORT, format="json")
    assert response.status_code == 202


def test_a_filled_honeypot_gets_the_same_202_and_nothing_is_kept(published):
    honest = post(published.article.slug, REPORT)
    ReaderReport.objects.all().delete()
    bot = post(published.article.slug, {**REPORT, "website": "http://spam.example"})

    assert (bot.status_code, bot.json()) == (honest.status_code, honest.json())
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"message": "No kind."}, "kind"),
        ({**REPORT, "kind": "praise"}, "kind"),
        ({"kind": "other"}, "message"),
        ({**REPORT, "message": ""}, "message"),
        ({**REPORT, "message": "x" * 5001}, "message"),
        ({**REPORT, "message": "escape \x1b[31m"}, "message"),
        ({**REPORT, "email": "nobody"}, "email"),
        ({**REPORT, "author": "me"}, "author"),
    ],
)
def test_bad_input_is_400_in_the_one_shape_and_keeps_nothing(published, data, field):
    error = assert_error_shape(post(published.article.slug, data), 400, "invalid")
    assert field in error["fields"]
    assert not ReaderReport.objects.exists()


def test_a_body_that_is_not_json_is_415(published):
    response = APIClient().post(
        f"{API}{published.article.slug}/reports/", "kind=other", content_type="text/plain"
    )
    assert_error_shape(response, 415, "unsupported_media_type")


def test_get_is_405_in_the_one_shape(published):
    response = APIClient().get(f"{API}{published.article.slug}/reports/")
    assert_error_shape(response, 405, "method_not_allowed")


@pytest.mark.parametrize("which", SLUGS)
def test_an_article_the_public_cannot_read_is_the_detail_endpoints_404(workflow, which):
    slug = SLUGS[which](workflow)
    unknown = APIClient().get(f"{API}{UNKNOWN_SLUG}/")
    for data in (REPORT, {"kind": "nonsense"}):
        response = post(slug, data)
        assert_error_shape(response, 404, "not_found")
        assert response.content == unknown.content
    assert not ReaderReport.objects.exists()


def test_reports_are_throttled_per_client_address_with_429_in_the_one_shape(published, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "reader_report": "3/hour",
        },
    }
    slug = published.article.slug
    statuses = [post(slug, REPORT).status_code for _ in range(3)]
    refused = post(slug, REPORT)

    assert statuses == [202, 202, 202]
    error = assert_error_shape(refused, 429, "throttled")
    assert error["message"].startswith("Request was throttled.")
    assert "Retry-After" in refused
    assert ReaderReport.objects.count() == 3
    assert post(slug, REPORT, REMOTE_ADDR="198.51.100.9").status_code == 202
    # A made-up X-Forwarded-For is not a new client: no proxy is trusted by default.
    assert post(slug, REPORT, HTTP_X_FORWARDED_FOR="203.0.113.77").status_code == 429


def test_the_form_and_the_api_share_one_budget(published, client, settings):
    from .conftest import form_data

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "reader_report": "1/hour",
        },
    }
    slug = published.article.slug
    assert client.post(f"/articles/{slug}/report/", form_data(slug)).status_code == 303
    assert post(slug, REPORT).status_code == 429
