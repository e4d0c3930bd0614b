"""Every HTML page carries a Content-Security-Policy: the admin's and the API docs' from
django-csp (scripts and styles from our own files only; the docs allow Swagger UI's inline
styles), the public pages their own stricter one, with no script at all."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.readers.conftest import receive
from tests.signin import signed_in

ADMIN_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/articles/revision/"])
def test_the_admin_allows_only_its_own_scripts_and_styles(path, editor):
    client = Client() if path == "/admin/login/" else signed_in(editor)
    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert {name: policy.get(name) for name in ADMIN_POLICY} == ADMIN_POLICY
    assert "unsafe" not in response["Content-Security-Policy"]


def test_the_admin_pages_have_no_inline_script_or_style(editor, workflow):
    revision = workflow.submitted()
    report = receive(workflow.published())
    client = signed_in(editor)
    report_page = f"/admin/editorial/readerreport/{report.pk}"
    for path in (
        "/admin/",
        f"/admin/articles/revision/{revision.pk}/change/",
        f"{report_page}/change/",
        f"{report_page}/do/resolve/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html), path
        assert "<style" not in html
        assert " style=" not in html


def test_the_api_docs_serve_their_script_as_a_file(db):
    response = Client().get("/api/v1/docs/")

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts
    assert all("src=" in attributes for attributes in scripts)


def test_api_answers_carry_the_policy_too(db):
    response = Client().get("/api/v1/articles/")
    assert directives(response)["default-src"] == "'self'"


def test_public_pages_keep_their_own_stricter_policy(db):
    response = Client().get("/articles/")

    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == "'none'"
    assert "script-src" not in policy
