"""The admin lists API tokens without their keys; an administrator revokes any (audited),
others see and revoke only their own."""

from __future__ import annotations

import pytest

from editorial import services
from editorial.models import ApiToken, AuditEvent

from ..factories import UserFactory

CHANGELIST = "/admin/editorial/apitoken/"


@pytest.fixture
def tokens(author, editor):
    return {
        user.username: services.api_token_issue(actor=user, person=user, name=f"{user}'s laptop")
        for user in (author, editor)
    }


def test_an_administrator_sees_every_token_but_no_key(login, tokens):
    page = login(UserFactory(username="root", is_superuser=True)).get(CHANGELIST)

    assert page.status_code == 200
    html = page.content.decode()
    for token, key in tokens.values():
        assert token.name.replace("'", "&#x27;") in html
        assert key not in html
        assert token.key_hash not in html


def test_an_administrator_revokes_a_leaked_token_through_the_service(login, tokens):
    root = UserFactory(username="root", is_superuser=True)
    token, _ = tokens["author"]

    response = login(root).post(
        CHANGELIST, {"action": "revoke", "_selected_action": [token.pk]}, follow=True
    )

    assert "Revoked 1 token(s)." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_reason == "by_administrator"
    event = AuditEvent.objects.filter(action="api_token_revoked").get()
    assert (event.actor, event.data["token"]) == (root, token.pk)


def test_others_see_only_their_own_tokens(login, tokens, author):
    html = login(author).get(CHANGELIST).content.decode()

    assert "author&#x27;s laptop" in html
    assert "editor&#x27;s laptop" not in html


def test_nobody_adds_or_edits_a_token_here(login, tokens):
    root = login(UserFactory(username="root", is_superuser=True))
    token, _ = tokens["author"]

    assert root.get(f"{CHANGELIST}add/").status_code == 403
    response = root.post(f"/admin/editorial/apitoken/{token.pk}/change/", {"name": "renamed"})
    assert response.status_code == 403
    assert ApiToken.objects.get(pk=token.pk).name == "author's laptop"
