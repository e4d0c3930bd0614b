"""`manage.py add_person`: how an operator opens the first accounts on a production box,
through the services (audited), with roles, credentials and specialties."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Specialty
from editorial import policy
from editorial.models import AuditEvent
from reviewers.models import PublicProfile

PASSWORD = "correct horse battery staple 42"


def add(monkeypatch, *args: str, password: str = PASSWORD) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("add_person", *args, "--password-stdin", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_board_member_with_credentials_and_specialties(monkeypatch):
    cardiology = Specialty.objects.create(name="Cardiology", slug="cardiology")
    printed = add(
        monkeypatch, "dr.okafor", "--role", "board", "--name", "Dr Amara Okafor",
        "--email", "okafor@example.org", "--credentials", "MD, FRCP",
        "--specialty", "cardiology",
    )  # fmt: skip

    person = get_user_model().objects.get(username="dr.okafor")
    assert person.check_password(PASSWORD)
    assert (person.first_name, person.last_name, person.is_staff) == ("Dr Amara", "Okafor", True)
    assert policy.is_board(person)
    assert person.reviewer.credentials == "MD, FRCP"
    assert list(person.reviewer.specialties.all()) == [cardiology]
    recorded = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"person_created", "role_granted", "reviewer_profile_created"} <= recorded
    assert "authenticator" in printed


@pytest.mark.django_db
def test_an_author_is_not_staff_and_has_no_profile(monkeypatch):
    add(monkeypatch, "writer", "--role", "author", "--name", "Wei Chen", "--email", "w@x.org")
    person = get_user_model().objects.get(username="writer")
    assert not person.is_staff
    assert not hasattr(person, "reviewer")


@pytest.mark.django_db
def test_unknown_specialty_weak_password_and_duplicate_are_refused(monkeypatch):
    with pytest.raises(CommandError, match="No specialty nephrology"):
        add(monkeypatch, "a", "--role", "reviewer", "--name", "A B", "--email", "a@x.org",
            "--specialty", "nephrology")  # fmt: skip
    with pytest.raises(CommandError, match=r"too short|too common"):
        add(monkeypatch, "a", "--role", "reviewer", "--name", "A B", "--email", "a@x.org",
            password="abc")  # fmt: skip
    add(monkeypatch, "a", "--role", "reviewer", "--name", "A B", "--email", "a@x.org")
    with pytest.raises(CommandError, match="username"):
        add(monkeypatch, "a", "--role", "editor", "--name", "A B", "--email", "a@x.org")
    assert get_user_model().objects.filter(username="a").count() == 1
    assert not AuditEvent.objects.filter(action="role_granted", data__role="Editors").exists()


@pytest.mark.django_db
def test_a_pipeline_is_an_author_marked_as_a_drafting_pipeline(monkeypatch):
    add(
        monkeypatch, "pipeline.draftbot", "--role", "pipeline", "--name", "Drafting pipeline",
        "--email", "draftbot@example.org",
    )  # fmt: skip

    pipeline = get_user_model().objects.get(username="pipeline.draftbot")
    assert policy.is_author(pipeline)
    assert policy.is_pipeline(pipeline)
    assert not pipeline.is_staff
    grants = AuditEvent.objects.filter(action="role_granted").values_list("data__role", flat=True)
    assert sorted(grants) == ["Authors", "Pipelines"]


@pytest.mark.django_db
def test_a_reviewer_s_affiliation_and_orcid_id_wait_for_their_consent(monkeypatch, client):
    add(
        monkeypatch, "dr.patel", "--role", "reviewer", "--name", "Dr Priya Patel",
        "--email", "patel@example.org", "--affiliation", "Northbridge General Hospital",
        "--orcid", "https://orcid.org/0000-0002-1825-0097",
    )  # fmt: skip

    profile = PublicProfile.objects.get(user__username="dr.patel")
    assert (profile.affiliation, profile.orcid) == (
        "Northbridge General Hospital",
        "0000-0002-1825-0097",
    )
    # Filled in at the console; shown only once the person agrees, in the workspace.
    assert not profile.is_public
    assert client.get(f"/reviewers/{profile.slug}/").status_code == 404
    updated = AuditEvent.objects.get(action="public_profile_updated")
    assert updated.actor is None


@pytest.mark.django_db
def test_an_invalid_orcid_id_or_one_for_an_author_is_refused_and_nothing_is_opened(monkeypatch):
    with pytest.raises(CommandError, match="ORCID"):
        add(monkeypatch, "r", "--role", "reviewer", "--name", "A B", "--email", "r@x.org",
            "--orcid", "0000-0002-1825-0098")  # fmt: skip
    with pytest.raises(CommandError, match="reviewers and board members"):
        add(monkeypatch, "w", "--role", "author", "--name", "A B", "--email", "w@x.org",
            "--affiliation", "Somewhere")  # fmt: skip
    assert not get_user_model().objects.filter(username__in=["r", "w"]).exists()
    assert not PublicProfile.objects.exists()
