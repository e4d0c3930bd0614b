"""The writes around the workflow are audited like its steps: reviewer profiles,
specialties, accounts, roles and API tokens; the chain still verifies after them, no token
ever appears in it, and what readers see follows a rename."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group

from editorial import services
from editorial.audit import verify_chain
from editorial.errors import NotPermitted
from editorial.models import AuditEvent
from tests.factories import SpecialtyFactory, UserFactory
from tests.public_view import public_detail
from tests.signin import signed_in


def _last() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


def test_a_reviewer_profile_change_is_audited_and_renamed_in_public(workflow):
    revision = workflow.published()
    reviewer = workflow.reviewers[0]

    services.reviewer_profile_update(
        actor=workflow.editor,
        reviewer=reviewer,
        display_name="Dr Renamed Reviewer",
        max_active_reviews=2,
        specialties=[SpecialtyFactory(slug="neurology", name="Neurology")],
    )

    event = _last()
    assert (event.action, event.actor) == ("reviewer_profile_updated", workflow.editor)
    assert event.data["changed"]["display_name"] == [reviewer.display_name, "Dr Renamed Reviewer"]
    assert event.data["changed"]["max_active_reviews"] == [5, 2]
    assert event.data["changed"]["specialties"] == [["cardiology"], ["neurology"]]
    _, shown = public_detail(revision.article.slug)
    assert "Dr Renamed Reviewer" in {person["name"] for person in shown["reviewed_by"]}


def test_only_editors_keep_reviewer_profiles(workflow):
    with pytest.raises(NotPermitted):
        services.reviewer_profile_update(
            actor=workflow.board[0], reviewer=workflow.reviewers[0], is_active=False
        )
    assert not AuditEvent.objects.filter(action="reviewer_profile_updated").exists()


def test_renaming_a_specialty_renames_it_for_readers_and_its_filter(workflow, client):
    revision = workflow.published()

    services.specialty_rename(
        actor=workflow.editor, specialty=workflow.specialty, name="Heart health", slug="heart"
    )

    event = _last()
    assert (event.action, event.data["changed"]) == (
        "specialty_renamed",
        {"name": ["Cardiology", "Heart health"], "slug": ["cardiology", "heart"]},
    )
    _, shown = public_detail(revision.article.slug)
    assert shown["specialty"] == {"name": "Heart health", "slug": "heart"}
    listed = client.get("/api/v1/public/articles/?specialty=heart").json()["results"]
    assert [entry["slug"] for entry in listed] == [revision.article.slug]
    assert client.get("/api/v1/public/articles/?specialty=cardiology").json()["results"] == []


def test_granting_and_revoking_a_role_is_audited(superuser):
    person = UserFactory(username="new_member")

    assert services.role_grant(actor=superuser, person=person, role="Advisory Board")
    assert not services.role_grant(actor=superuser, person=person, role="Advisory Board")
    assert services.role_revoke(actor=superuser, person=person, role="Advisory Board")

    events = AuditEvent.objects.order_by("sequence")
    assert [(e.action, e.actor, e.data) for e in events] == [
        ("role_granted", superuser, {"user": person.pk, "role": "Advisory Board"}),
        ("role_revoked", superuser, {"user": person.pk, "role": "Advisory Board"}),
    ]
    assert not person.groups.exists()


def test_only_administrators_grant_roles(workflow):
    with pytest.raises(NotPermitted):
        services.role_grant(actor=workflow.editor, person=workflow.author, role="Editors")
    assert not workflow.author.groups.filter(name="Editors").exists()


def test_the_chain_verifies_after_every_kind_of_change(workflow, superuser):
    workflow.published()
    services.reviewer_profile_update(
        actor=workflow.editor, reviewer=workflow.reviewers[1], credentials="MD, PhD"
    )
    services.specialty_create(actor=workflow.editor, name="Dermatology", slug="dermatology")
    services.role_grant(actor=superuser, person=workflow.author, role="Reviewers")
    services.person_update(actor=superuser, person=workflow.author, last_name="Lovelace")
    token, _ = services.api_token_issue(actor=None, person=workflow.author, name="pipeline")
    services.api_token_revoke(actor=superuser, token=token)
    services.board_recuse(
        revision=workflow.reviewed(), actor=workflow.board[0], statement="A conflict."
    )

    assert list(verify_chain()) == []


def test_the_admin_saves_a_specialty_and_a_persons_roles_through_the_services(workflow, superuser):
    from django.test import Client

    editor = Client()
    signed_in(workflow.editor, editor)
    response = editor.post(
        "/admin/articles/specialty/add/", {"name": "Geriatrics", "slug": "geriatrics"}
    )
    assert response.status_code == 302
    assert _last().action == "specialty_created"

    admin = Client()
    signed_in(superuser, admin)
    person = workflow.author
    board = Group.objects.get(name="Advisory Board")
    authors = Group.objects.get(name="Authors")
    response = admin.post(
        f"/admin/auth/user/{person.pk}/change/",
        {
            "username": person.username,
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": person.email,
            "is_active": "on",
            "is_staff": "on",
            "groups": [authors.pk, board.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actions = list(AuditEvent.objects.order_by("-sequence").values_list("action", flat=True)[:2])
    assert actions == ["role_granted", "person_updated"]
    assert set(person.groups.values_list("name", flat=True)) == {"Authors", "Advisory Board"}


def test_an_administrator_setting_a_password_is_audited_without_it(workflow, superuser):
    from django.test import Client

    admin = Client()
    signed_in(superuser, admin)
    person = workflow.author

    response = admin.post(
        f"/admin/auth/user/{person.pk}/password/",
        {
            "password1": "a-Long-new-passphrase-42",
            "password2": "a-Long-new-passphrase-42",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302, response.content.decode()[:1500]
    person.refresh_from_db()
    assert person.check_password("a-Long-new-passphrase-42")
    event = _last()
    assert (event.action, event.actor, event.data) == (
        "password_set",
        superuser,
        {"user": person.pk, "usable": True},
    )
    assert "a-Long-new-passphrase-42" not in json.dumps([event.comment, event.data])


def test_accounts_are_never_deleted_in_the_admin(workflow, superuser):
    from django.test import Client

    admin = Client()
    signed_in(superuser, admin)

    response = admin.post(f"/admin/auth/user/{workflow.author.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert type(workflow.author).objects.filter(pk=workflow.author.pk).exists()


def test_nobody_issues_a_token_for_someone_else(workflow, superuser):
    with pytest.raises(NotPermitted):
        services.api_token_issue(actor=superuser, person=workflow.author, name="theirs")
    assert services.api_tokens_revoke_all(actor=superuser, person=workflow.author) == 0
    assert not AuditEvent.objects.exists()
