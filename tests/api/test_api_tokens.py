"""Tokens: one per device or pipeline, named, expiring, stored only as a hash; obtained with a
password, listed and revoked by their owner; expired or revoked ones refused with a reason."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from editorial.models import ApiToken, AuditEvent

from .conftest import assert_error_shape

CREDENTIALS = {"username": "author", "password": "pw-imprimatur-test", "name": "laptop"}


def obtain(**changes: str):
    return APIClient().post("/api/v1/auth/token/", {**CREDENTIALS, **changes}, format="json")


def with_key(key: str) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}")


def test_a_password_buys_a_named_token_that_then_authenticates(author):
    before = timezone.now()
    response = obtain()

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "laptop"
    assert body["state"] == "active"
    expires = ApiToken.objects.get(pk=body["id"]).expires_at
    assert timedelta(days=30) <= expires - before < timedelta(days=30, minutes=1)
    assert with_key(body["token"]).get("/api/v1/articles/").status_code == 200


def test_only_a_hash_of_the_key_is_stored(author):
    key = obtain().json()["token"]

    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    assert key not in stored
    # The secret part may itself hold "_" (URL-safe base64): cut off the public prefix instead.
    assert key.removeprefix(f"{ApiToken.KEY_START}{token.prefix}_") not in stored


def test_each_request_issues_another_token_and_the_earlier_ones_keep_working(author):
    laptop = obtain().json()["token"]
    pipeline = obtain(name="draft pipeline").json()["token"]

    assert laptop != pipeline
    for key in (laptop, pipeline):
        assert with_key(key).get("/api/v1/articles/").status_code == 200
    assert sorted(ApiToken.objects.values_list("name", flat=True)) == ["draft pipeline", "laptop"]


def test_api_token_days_sets_the_lifetime(author, settings):
    settings.API_TOKEN_DAYS = 7
    expires = ApiToken.objects.get(pk=obtain().json()["id"]).expires_at
    assert timedelta(days=6, hours=23) < expires - timezone.now() <= timedelta(days=7)


def test_a_token_needs_a_name(author):
    response = obtain(name="")
    error = assert_error_shape(response, 400, "invalid")
    assert set(error["fields"]) == {"name"}
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "changes", [{"password": "wrong"}, {"username": "nobody"}], ids=["password", "username"]
)
def test_wrong_credentials_are_401_without_saying_which_part(changes, author):
    error = assert_error_shape(obtain(**changes), 401, "not_authenticated")
    assert error["message"] == "That username and password do not match an active account."


def test_an_inactive_account_gets_no_token(author):
    author.is_active = False
    author.save()
    assert_error_shape(obtain(), 401)


def test_an_expired_token_is_refused_with_when_it_expired(author):
    body = obtain().json()
    ApiToken.objects.filter(pk=body["id"]).update(
        expires_at=timezone.make_aware(timezone.datetime(2026, 3, 1, 9, 0))
    )

    error = assert_error_shape(with_key(body["token"]).get("/api/v1/articles/"), 401)

    assert error["message"] == (
        "This token expired on 1 March 2026, 09:00 UTC; ask for a new one with "
        "POST /api/v1/auth/token/."
    )


def test_a_revoked_token_is_refused_with_who_revoked_it(author):
    body = obtain().json()
    client = with_key(body["token"])
    assert client.delete(f"/api/v1/auth/tokens/{body['id']}/").status_code == 204

    error = assert_error_shape(client.get("/api/v1/articles/"), 401, "not_authenticated")

    assert error["message"].startswith("This token was revoked by its owner on ")


def test_a_key_with_a_known_prefix_but_the_wrong_secret_is_unknown(author):
    key = obtain().json()["token"]
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    error = assert_error_shape(with_key(forged).get("/api/v1/articles/"), 401)
    assert error["message"] == "Invalid token."


def test_the_owner_lists_their_tokens_without_keys_and_nobody_elses(author, other_author):
    mine = obtain().json()
    obtain(username="other_author", name="theirs")
    obtain(name="old laptop")
    with_key(mine["token"]).get("/api/v1/articles/")

    response = with_key(mine["token"]).get("/api/v1/auth/tokens/")

    assert response.status_code == 200
    listed = response.json()["results"]
    assert [t["name"] for t in listed] == ["old laptop", "laptop"]
    assert set(listed[0]) == {"id", "name", "state", "created_at", "expires_at",
                              "last_used_at", "revoked_at", "revoked_reason"}  # fmt: skip
    assert listed[1]["last_used_at"] is not None
    assert mine["token"] not in response.content.decode()


def test_revoking_someone_elses_token_is_404_and_changes_nothing(author, other_author):
    mine = obtain().json()["token"]
    theirs = obtain(username="other_author", name="theirs").json()

    response = with_key(mine).delete(f"/api/v1/auth/tokens/{theirs['id']}/")

    assert_error_shape(response, 404)
    assert with_key(theirs["token"]).get("/api/v1/articles/").status_code == 200


def test_deleting_auth_token_revokes_the_token_in_use_only(author):
    first = obtain().json()["token"]
    second = obtain(name="phone").json()["token"]

    assert with_key(first).delete("/api/v1/auth/token/").status_code == 204

    assert_error_shape(with_key(first).get("/api/v1/articles/"), 401)
    assert with_key(second).get("/api/v1/articles/").status_code == 200


def test_issue_and_revocation_are_audited_without_the_key(author):
    body = obtain().json()
    with_key(body["token"]).delete(f"/api/v1/auth/tokens/{body['id']}/")

    events = list(AuditEvent.objects.order_by("sequence"))
    assert [(e.action, e.actor) for e in events] == [
        ("api_token_issued", author),
        ("api_token_revoked", author),
    ]
    assert events[1].data == {
        "user": author.pk, "token": body["id"], "name": "laptop", "reason": "by_owner",
    }  # fmt: skip
    everything = json.dumps([[e.comment, e.data] for e in events])
    assert body["token"] not in everything
    assert ApiToken.objects.get().prefix not in everything
