"""Tokens: obtained with a password or issued by a command, each issue replacing the last;
revoked either way."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .conftest import assert_error_shape

CREDENTIALS = {"username": "author", "password": "pw-imprimatur-test"}


def test_a_password_buys_a_token_that_then_authenticates(author):
    response = APIClient().post("/api/v1/auth/token/", CREDENTIALS, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/articles/").status_code == 200


def test_asking_again_issues_a_new_token_and_the_old_one_stops_working(author):
    """One meaning for the endpoint and the command: issuing replaces."""
    first = APIClient().post("/api/v1/auth/token/", CREDENTIALS, format="json").json()["token"]
    second = APIClient().post("/api/v1/auth/token/", CREDENTIALS, format="json").json()["token"]

    assert first != second
    assert_error_shape(APIClient(HTTP_AUTHORIZATION=f"Token {first}").get("/api/v1/articles/"))
    assert (
        APIClient(HTTP_AUTHORIZATION=f"Token {second}").get("/api/v1/articles/").status_code == 200
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"username": "author", "password": "wrong"},
        {"username": "nobody", "password": "pw-imprimatur-test"},
    ],
)
def test_wrong_credentials_are_401_without_saying_which_part(payload, author):
    response = APIClient().post("/api/v1/auth/token/", payload, format="json")
    error = assert_error_shape(response, 401, "not_authenticated")
    assert error["message"] == "That username and password do not match an active account."


def test_an_inactive_account_gets_no_token(author):
    author.is_active = False
    author.save()
    response = APIClient().post("/api/v1/auth/token/", CREDENTIALS, format="json")
    assert_error_shape(response, 401)


def test_deleting_revokes_the_callers_token(author):
    token = Token.objects.create(user=author)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.delete("/api/v1/auth/token/").status_code == 204
    assert_error_shape(client.get("/api/v1/articles/"), 401)
    assert not Token.objects.exists()


def test_the_command_issues_a_fresh_token_and_revokes_it(author, capsys):
    old = Token.objects.create(user=author)
    call_command("api_token", "issue", "author")
    key = capsys.readouterr().out.strip()
    assert key != old.key
    assert Token.objects.get(user=author).key == key

    call_command("api_token", "revoke", "author")
    assert "Revoked the API token of author." in capsys.readouterr().out
    assert not Token.objects.exists()


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match=r"No user called “ghost”\."):
        call_command("api_token", "issue", "ghost")
