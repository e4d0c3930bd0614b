"""`manage.py api_token`: issue a named token for a pipeline with its own lifetime, list a
person's tokens, revoke one or all; audited as the API is, the key printed once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from editorial.models import ApiToken, AuditEvent


def run(*args: str, capsys) -> tuple[str, str]:
    call_command("api_token", *args)
    captured = capsys.readouterr()
    return captured.out.strip(), captured.err.strip()


def test_issue_prints_only_the_key_on_stdout_and_keeps_only_its_hash(author, capsys):
    key, note = run("issue", "author", "--name", "nightly drafts", "--days", "90", capsys=capsys)

    token = ApiToken.objects.get()
    assert token.matches(key)
    assert token.name == "nightly drafts"
    assert timedelta(days=89, hours=23) < token.expires_at - timezone.now() <= timedelta(days=90)
    assert "The key is shown this once" in note
    assert APIClient(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/articles/").status_code == 200
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.data["name"]) == (
        "api_token_issued",
        None,
        "nightly drafts",
    )


def test_list_shows_names_and_states_never_keys(author, capsys):
    key, _ = run("issue", "author", "--name", "pipeline", capsys=capsys)
    run("issue", "author", "--name", "laptop", capsys=capsys)
    ApiToken.objects.filter(name="laptop").update(revoked_at=timezone.now())

    listing, _ = run("list", "author", capsys=capsys)

    assert "active" in listing
    assert "revoked" in listing
    assert "pipeline" in listing
    assert key not in listing


def test_revoke_one_by_id_then_all(author, capsys):
    run("issue", "author", "--name", "a", capsys=capsys)
    run("issue", "author", "--name", "b", capsys=capsys)
    first, _ = ApiToken.objects.order_by("pk")

    out, _ = run("revoke", "author", "--id", str(first.pk), capsys=capsys)
    assert out == f"Revoked token {first.pk} of author."
    out, _ = run("revoke", "author", capsys=capsys)
    assert out == "Revoked 1 API token(s) of author."

    assert set(ApiToken.objects.values_list("revoked_reason", flat=True)) == {"by_operator"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["issue", "ghost", "--name", "x"], r"No user called “ghost”\."),
        (["issue", "author"], "Name the token's holder with --name"),
        (["issue", "author", "--name", "x", "--days", "0"], "A token lasts from 1 to 366 days"),
        (["revoke", "author", "--id", "999"], "author holds no token 999"),
    ],
)
def test_the_command_refuses_what_it_cannot_do(author, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("api_token", *args)
    assert not ApiToken.objects.exists()
