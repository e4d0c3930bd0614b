"""Every error status the API produces, each in the one shape with a clear message."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import UserRateThrottle

from articles.api import MAX_MARKDOWN_BYTES, MAX_REFERENCES
from editorial import services
from editorial.errors import ConcurrentChange

from ..factories import reference_data
from .conftest import assert_error_shape, client_for


def test_invalid_input_is_400_with_a_message_per_field(author, workflow):
    revision = workflow.draft()
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/",
        {"title": "x" * 251, "references": [{"kind": "gossip"}]},
        format="json",
    )
    error = assert_error_shape(response, 400, "invalid")
    assert set(error["fields"]) == {"title", "references[0].kind", "references[0].title"}
    assert error["fields"]["references[0].kind"] == ['"gossip" is not a valid choice.']


def test_a_broken_workflow_rule_is_400_rule_violation(author, workflow):
    revision = workflow.draft(references=0, body="No citations here.")
    response = client_for(author).post(f"/api/v1/revisions/{revision.pk}/submit/", format="json")
    error = assert_error_shape(response, 400, "rule_violation")
    assert error["message"] == "Cannot submit: the revision needs at least one reference."


def test_no_credentials_is_401(workflow):
    response = APIClient().get("/api/v1/articles/")
    assert_error_shape(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_token_is_401(workflow):
    response = APIClient(HTTP_AUTHORIZATION="Token not-a-real-token").get("/api/v1/articles/")
    error = assert_error_shape(response, 401, "not_authenticated")
    assert error["message"] == "Invalid token."


def test_a_visible_object_the_caller_may_not_change_is_403(editor, workflow):
    revision = workflow.draft()
    response = client_for(editor).post(f"/api/v1/revisions/{revision.pk}/submit/", format="json")
    error = assert_error_shape(response, 403, "not_permitted")
    assert error["message"] == "Only the author of this article may do that."


def test_an_invisible_object_is_404_like_a_missing_one(other_author, workflow):
    revision = workflow.draft()
    hidden = client_for(other_author).get(f"/api/v1/revisions/{revision.pk}/")
    missing = client_for(other_author).get("/api/v1/revisions/999999/")
    assert assert_error_shape(hidden, 404) == assert_error_shape(missing, 404)


def test_an_unknown_api_path_is_404_in_the_one_shape(author):
    response = client_for(author).get("/api/v1/no-such-thing/")
    assert_error_shape(response, 404, "not_found")


def test_a_method_the_resource_does_not_take_is_405(author, workflow):
    revision = workflow.draft()
    response = client_for(author).put(f"/api/v1/revisions/{revision.pk}/", {}, format="json")
    error = assert_error_shape(response, 405, "method_not_allowed")
    assert error["message"] == 'Method "PUT" not allowed.'


def test_a_transition_the_state_does_not_allow_is_409_with_the_allowed_ones(author, workflow):
    revision = workflow.submitted()
    response = client_for(author).post(f"/api/v1/revisions/{revision.pk}/submit/", format="json")
    error = assert_error_shape(response, 409, "invalid_transition")
    assert error["message"] == "A revision that is submitted cannot be submitted."
    assert error["allowed"] == ["withdraw"]


def test_a_concurrent_change_is_409(author, workflow, monkeypatch):
    revision = workflow.draft()

    def lost_race(**kwargs):
        raise ConcurrentChange(services._base.BUSY)

    monkeypatch.setattr(services, "revision_submit", lost_race)
    response = client_for(author).post(f"/api/v1/revisions/{revision.pk}/submit/", format="json")
    error = assert_error_shape(response, 409, "concurrent_change")
    assert "allowed" not in error


def test_markdown_over_200_kb_is_413(author, workflow):
    revision = workflow.draft()
    body = "a" * (MAX_MARKDOWN_BYTES + 1)
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/", {"body": body}, format="json"
    )
    error = assert_error_shape(response, 413, "too_large")
    assert error["message"].startswith("The body is larger than 200 KB of Markdown")


def test_markdown_of_exactly_200_kb_is_accepted(author, workflow):
    revision = workflow.draft()
    body = "é" * (MAX_MARKDOWN_BYTES // 2)
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/", {"body": body}, format="json"
    )
    assert response.status_code == 200


def test_more_than_300_references_is_413(author, specialty):
    response = client_for(author).post(
        "/api/v1/articles/",
        {"slug": "long", "specialty": "cardiology", "references": reference_data(301)},
        format="json",
    )
    error = assert_error_shape(response, 413, "too_large")
    assert error["message"] == "An article may have at most 300 references; this one has 301."
    assert MAX_REFERENCES == 300


def test_a_raw_body_over_the_limit_is_413_before_it_is_parsed(author, settings):
    settings.API_MAX_BODY_BYTES = 1024
    response = client_for(author).post(
        "/api/v1/articles/", '{"slug": "' + "a" * 2000 + '"}', content_type="application/json"
    )
    error = assert_error_shape(response, 413, "too_large")
    assert error["message"] == "The request body is larger than the limit of 1 KB."


def test_a_body_that_is_not_json_is_415(author):
    response = client_for(author).post("/api/v1/articles/", "slug=x", content_type="text/plain")
    error = assert_error_shape(response, 415, "unsupported_media_type")
    assert error["message"] == 'Unsupported media type "text/plain" in request.'


def test_too_many_requests_is_429(author, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "2/minute", raising=False)
    client = client_for(author)
    statuses = [client.get("/api/v1/specialties/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/specialties/")
    error = assert_error_shape(response, 429, "throttled")
    assert error["message"].startswith("Request was throttled.")
    assert "Retry-After" in response


def test_guessing_passwords_is_throttled_after_ten_tries(author, settings):
    settings.AXES_FAILURE_LIMIT = 1000  # the throttle alone; the lockout has its own tests
    client = APIClient()
    statuses = [
        client.post(
            "/api/v1/auth/token/",
            {"username": "author", "password": "wrong", "name": "laptop"},
            format="json",
        ).status_code
        for _ in range(11)
    ]
    assert statuses == [401] * 10 + [429]


@pytest.mark.urls("tests.api.urls_boom")
@pytest.mark.parametrize("path", ["/api/v1/boom/plain/", "/api/v1/boom/drf/"])
def test_a_server_error_under_api_is_500_in_the_one_shape(path, db):
    response = APIClient(raise_request_exception=False).get(path)
    error = assert_error_shape(response, 500, "server_error")
    assert "bug" not in error["message"]


@pytest.mark.urls("tests.api.urls_boom")
def test_outside_api_django_keeps_its_own_404_page(db):
    response = APIClient().get("/not-the-api/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
