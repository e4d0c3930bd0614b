"""Signing in to the workspace is the admin's sign-in: the same lockout after repeated
failures, and the second factor for those whose role needs one, who come back here after it.
Authors give their password alone. The admin's sign-in page points authors here."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from editorial.signin.views import PENDING
from tests.factories import UserFactory

PASSWORD = "pw-imprimatur-test"
SIGN_IN = "/workspace/sign-in/"


def sign_in(username: str, password: str, client: Client | None = None):
    client = client or Client()
    return client, client.post(
        f"{SIGN_IN}?next=/workspace/", {"username": username, "password": password}
    )


def test_an_author_signs_in_with_the_password_alone_and_out_again(author):
    client, response = sign_in("author", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/workspace/"
    assert client.get("/workspace/").status_code == 200

    response = client.post(reverse("workspace:sign_out"))
    assert response["Location"] == SIGN_IN
    assert client.get("/workspace/").status_code == 302


def test_a_wrong_password_is_refused_with_a_summary_linked_to_the_field(author):
    client, response = sign_in("author", "wrong")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_username"' in page
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_workspace_sign_in_as_they_lock_the_admin(author):
    for _ in range(5):
        sign_in("author", "wrong")
    client, response = sign_in("author", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Imprimatur <span>workspace</span>" in page
    assert "Try again in 15 minutes" in page
    assert 'id="try-again"' in page
    assert 'href="/workspace/sign-in/"' in page
    # The admin's sign-in counts the same failures.
    response = Client().post("/admin/login/", {"username": "author", "password": PASSWORD})
    assert response.status_code == 429


def test_an_editor_gives_the_second_factor_then_comes_back_to_the_workspace(db):
    UserFactory(username="hughes", groups=["Editors", "Authors"])
    client, response = sign_in("hughes", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:second_factor")
    assert "_auth_user_id" not in client.session  # nobody is signed in between the steps
    assert client.session[PENDING]["next"] == "/workspace/"
    assert client.get("/workspace/").status_code == 302


def test_the_admins_sign_in_page_tells_authors_to_use_the_workspace(db):
    page = Client().get("/admin/login/").content.decode()
    assert 'href="/workspace/"' in page
    assert "Authors: sign in to the" in page
