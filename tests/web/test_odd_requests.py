"""Input that the database or int() cannot take is refused with a 4xx on every surface,
never a server error: NUL characters, non-ASCII digits."""

import json

import pytest
from django.core import mail
from django.test import Client

from editorial import services

from ..signin import signed_in


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url",
    [
        "/articles/%00/",
        "/api/v1/public/articles/bad%00slug/",
        "/api/v1/public/articles/?q=%00",
        "/api/v1/public/articles/?specialty=a%00b",
        "/articles/?q=x%00",
        "/api/v1/articles/?state=%00",
    ],
)
@pytest.mark.django_db
def test_nul_in_an_address_is_a_bad_request(anonymous, url):
    response = anonymous.get(url)

    assert response.status_code == 400


@pytest.mark.django_db
def test_nul_in_an_api_address_answers_in_the_api_error_shape(anonymous):
    response = anonymous.get("/api/v1/public/articles/?q=%00")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_nul_in_an_api_body_is_refused_before_any_lookup(workflow, specialty):
    client = Client(raise_request_exception=False)
    client.force_login(workflow.author)
    payload = {"slug": "nul-test", "specialty": "cardio\u0000logy", "title": "T", "body": "B"}

    response = client.post(
        "/api/v1/articles/", json.dumps(payload), content_type="application/json"
    )

    assert response.status_code == 400
    assert "NUL" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/revision/%C2%B2/change/",
        "/admin/articles/revision/?author=%C2%B2",
        "/admin/articles/revision/?reviewer=%C2%B2",
        "/admin/articles/revision/?q=%00",
    ],
)
def test_admin_refuses_odd_ids_and_nul_without_a_server_error(workflow, path):
    workflow.submitted()
    client = Client(raise_request_exception=False)
    signed_in(workflow.editor, client)

    response = client.get(path)

    assert response.status_code in (200, 302, 400, 404)


def test_a_reviewer_profile_cannot_be_handed_to_another_account(workflow, admin_client):
    reviewer = workflow.reviewers[0]

    page = admin_client.get(f"/admin/reviewers/reviewer/{reviewer.pk}/change/")

    assert page.status_code == 200
    assert 'name="user"' not in page.content.decode()


def test_a_failing_mail_server_does_not_undo_or_fail_a_committed_action(
    workflow, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    revision = workflow.draft()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("editorial.tasks.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.revision_submit(revision=revision, actor=workflow.author)

    assert submitted.state == "submitted"
    assert mail.outbox == []
    assert "SMTP server down" in caplog.text
