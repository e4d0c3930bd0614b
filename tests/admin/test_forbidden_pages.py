"""A refusal is a page that says why and where to go: in the office's frame under /admin/
(the policy's own reason), in the public look elsewhere, and still JSON for the API."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils.html import escape

from config.forbidden import GENERIC_REASON, forbidden
from editorial import messages

from .conftest import action_url


def test_an_action_not_yours_in_the_office_says_the_policys_reason_in_the_office_frame(
    workflow, login
):
    revision = workflow.reviewed()

    response = login(workflow.editor).get(
        action_url(revision, "approve"), HTTP_REFERER="http://testserver/admin/"
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="site-name"' in html
    assert "editorial/admin.css" in html
    assert escape(messages.NOT_VOTER) in html
    assert "The office&#x27;s queues" in html or "The office's queues" in html
    assert 'href="http://testserver/admin/"' in html


def test_elsewhere_the_refusal_is_a_page_in_the_public_look_with_where_to_go(db):
    request = RequestFactory().get("/workspace/articles/1/")
    request.user = AnonymousUser()

    response = forbidden(request, PermissionDenied("Only the article's author may edit it."))

    assert response.status_code == 403
    html = response.content.decode()
    assert "Only the article&#x27;s author may edit it." in html
    assert 'class="brand" href="/"' in html
    assert 'href="/workspace/sign-in/"' in html
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_a_refusal_without_words_gets_a_plain_reason(db):
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()

    html = forbidden(request, PermissionDenied()).content.decode()

    assert escape(GENERIC_REASON) in html


def test_the_api_still_answers_a_refusal_in_json(workflow, client):
    revision = workflow.reviewed()
    client.force_login(workflow.author)

    response = client.post(
        f"/api/v1/revisions/{revision.pk}/vote/",
        {"decision": "approve"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
