"""The OpenAPI contract: generated without warnings, valid OpenAPI 3, docs served locally."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from openapi_spec_validator import validate
from rest_framework.test import APIClient

ENDPOINTS = {
    "/api/v1/auth/token/": {"post", "delete"},
    "/api/v1/auth/tokens/": {"get"},
    "/api/v1/auth/tokens/{id}/": {"delete"},
    "/api/v1/articles/": {"get", "post"},
    "/api/v1/articles/{slug}/": {"get"},
    "/api/v1/articles/{slug}/revisions/": {"post"},
    "/api/v1/revisions/": {"get"},
    "/api/v1/revisions/{id}/": {"get", "patch"},
    "/api/v1/revisions/{id}/submit/": {"post"},
    "/api/v1/revisions/{id}/withdraw/": {"post"},
    "/api/v1/revisions/{id}/start-review/": {"post"},
    "/api/v1/revisions/{id}/assignments/": {"post"},
    "/api/v1/revisions/{id}/vote/": {"post"},
    "/api/v1/revisions/{id}/recuse/": {"post"},
    "/api/v1/revisions/{id}/publish/": {"post"},
    "/api/v1/revisions/{id}/schedule/": {"post"},
    "/api/v1/revisions/{id}/unpublish/": {"post"},
    "/api/v1/revisions/{id}/rereview/": {"post"},
    "/api/v1/rereviews/": {"get"},
    "/api/v1/rereviews/{id}/": {"get"},
    "/api/v1/rereviews/{id}/assignments/": {"post"},
    "/api/v1/rereviews/{id}/attest/": {"post"},
    "/api/v1/rereviews/{id}/open-update/": {"post"},
    "/api/v1/rereviews/{id}/cancel/": {"post"},
    "/api/v1/assignments/": {"get"},
    "/api/v1/assignments/{id}/": {"get"},
    "/api/v1/assignments/{id}/accept/": {"post"},
    "/api/v1/assignments/{id}/decline/": {"post"},
    "/api/v1/assignments/{id}/review/": {"post"},
    "/api/v1/assignments/{id}/cancel/": {"post"},
    "/api/v1/assignments/{id}/extend-due/": {"post"},
    "/api/v1/reviewers/": {"get"},
    "/api/v1/specialties/": {"get"},
    # The public API: anonymous, so it has no 401.
    "/api/v1/public/articles/": {"get"},
    "/api/v1/public/articles/{slug}/": {"get"},
    "/api/v1/public/articles/{slug}/review-record/": {"get"},
    "/api/v1/public/articles/{slug}/reports/": {"post"},
}
ANONYMOUS = {
    "/api/v1/auth/token/",
    "/api/v1/public/articles/",
    "/api/v1/public/articles/{slug}/",
    "/api/v1/public/articles/{slug}/review-record/",
    "/api/v1/public/articles/{slug}/reports/",
}


@pytest.fixture
def schema(db):
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_generates_with_no_warnings_or_errors(db, tmp_path):
    # The equivalent of `manage.py spectacular --validate --fail-on-warn`.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert (tmp_path / "s.yml").read_text().startswith("openapi: 3")


def test_schema_is_valid_openapi(schema):
    validate(schema)


def test_schema_lists_every_endpoint_and_method(schema):
    documented = {
        path: {m for m in item if m in {"get", "post", "patch", "put", "delete"}}
        for path, item in schema["paths"].items()
    }
    assert documented == ENDPOINTS


def test_every_refusal_is_documented_with_the_error_shape(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ENDPOINTS.get(path, ()):
                continue
            errors = {code: r for code, r in operation["responses"].items() if code >= "400"}
            assert "401" in errors or path in ANONYMOUS, (path, method)
            assert {"400", "404"} <= set(errors), (path, method)
            for code, response in errors.items():
                ref = response["content"]["application/json"]["schema"]["$ref"]
                # A retracted article's notice is an error with the notice's fields beside it.
                expected = "PublicRetraction" if code == "410" else "Error"
                assert ref == f"#/components/schemas/{expected}", (path, method, code)


def test_schema_security_offers_token_and_session(schema):
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_interactive_docs_are_served_without_the_internet(db):
    response = APIClient().get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'src="([^"]+\.js)"', html) + re.findall(r'href="([^"]+\.css)"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "cdn" not in html.lower()


def _schemas(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _schemas(value)
    elif isinstance(node, list):
        for item in node:
            yield from _schemas(item)


def test_null_is_allowed_only_beside_a_type(schema):
    # OpenAPI 3.0: `nullable` without `type` (beside allOf or a $ref) allows nothing.
    for node in _schemas(schema["components"]):
        if node.get("nullable"):
            assert "type" in node, node


def test_request_bodies_say_they_refuse_unknown_fields(schema):
    requests = {n: s for n, s in schema["components"]["schemas"].items() if n.endswith("Request")}
    assert requests
    for name, component in requests.items():
        assert component["additionalProperties"] is False, name
        assert "Fields not listed here are refused" in component["description"], name
        assert "serializer" not in component["description"], name


def test_the_document_passes_openapi_core(schema):
    from openapi_core import OpenAPI

    OpenAPI.from_dict(schema).check_spec()
