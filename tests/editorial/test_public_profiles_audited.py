"""Public profiles: only the person keeps theirs and consents (the operator may fill in the
details; an editor may take a page down), each change audited in the transaction that makes
it, which also writes what the public sees."""

from __future__ import annotations

import pytest

from articles.models import ProfileSnapshot
from editorial import audit, services
from editorial.audit import verify_chain
from editorial.errors import NotPermitted, RuleViolation
from editorial.models import AuditAction, AuditEvent
from editorial.services import profiles
from reviewers.models import PublicProfile
from tests.factories import ReviewerFactory, UserFactory
from tests.public_view import public_detail

ORCID = "0000-0002-1825-0097"


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("sequence"))


def test_the_person_s_details_and_consent_are_audited_separately(reviewers):
    person = reviewers[0].user

    profile = services.public_profile_update(
        actor=person,
        person=person,
        consent=True,
        affiliation="Royal Infirmary",
        orcid=f"https://orcid.org/{ORCID}",
        declared_interests="Speaker's fee, 2024.",
    )

    (updated,) = _events(AuditAction.PUBLIC_PROFILE_UPDATED)
    (consented,) = _events(AuditAction.PUBLIC_PROFILE_CONSENTED)
    assert updated.actor == consented.actor == person
    assert updated.sequence < consented.sequence
    assert updated.data["profile"] == consented.data["profile"] == profile.slug
    assert updated.data["changed"]["affiliation"] == ["", "Royal Infirmary"]
    assert updated.data["changed"]["orcid"] == ["", ORCID]
    # The declaration is the person's own words: the history keeps its fingerprint only.
    interests = updated.data["changed"]["declared_interests"][1]
    assert set(interests) == {"sha256", "length"}
    assert "Speaker" not in str(updated.data)
    assert consented.data["by"] == "themself"
    assert profile.is_public
    assert list(verify_chain()) == []


def test_saving_nothing_new_writes_nothing(reviewers):
    person = reviewers[0].user
    services.public_profile_update(actor=person, person=person, consent=True, affiliation="A")
    before = AuditEvent.objects.count()
    services.public_profile_update(actor=person, person=person, consent=True, affiliation=" A ")
    assert AuditEvent.objects.count() == before


def test_nothing_is_stored_until_the_person_writes_something(reviewers):
    person = reviewers[0].user
    services.public_profile_update(actor=person, person=person, consent=False, affiliation="")
    assert not PublicProfile.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="public_profile").exists()


def test_withdrawal_is_audited_by_whoever_withdraws(reviewers, editor):
    person = reviewers[0].user
    services.public_profile_update(actor=person, person=person, consent=True)
    services.public_profile_update(actor=person, person=person, consent=False)
    services.public_profile_update(actor=person, person=person, consent=True)
    services.public_profile_withdraw(actor=editor, person=person, reason="Asked by e-mail.")

    themself, editors = _events(AuditAction.PUBLIC_PROFILE_WITHDRAWN)
    assert (themself.actor, themself.data["by"]) == (person, "themself")
    assert (editors.actor, editors.data["by"], editors.comment) == (
        editor,
        "editors",
        "Asked by e-mail.",
    )
    profile = PublicProfile.objects.get()
    assert not profile.is_public
    assert profile.withdrawn_at is not None
    assert not ProfileSnapshot.objects.exists()


def test_only_the_person_keeps_their_profile_and_only_they_consent(reviewers, editor):
    person, other = reviewers[0].user, reviewers[1].user
    for actor in (other, editor):
        with pytest.raises(NotPermitted):
            services.public_profile_update(actor=actor, person=person, affiliation="X")
        with pytest.raises(NotPermitted):
            services.public_profile_update(actor=actor, person=person, consent=True)
    # The operator fills in the details at the console, but never consents for anyone.
    services.public_profile_update(actor=None, person=person, affiliation="Royal Infirmary")
    with pytest.raises(NotPermitted, match=profiles.ONLY_THEY_CONSENT):
        services.public_profile_update(actor=None, person=person, consent=True)
    with pytest.raises(NotPermitted):
        services.public_profile_withdraw(actor=other, person=person)
    assert not PublicProfile.objects.get().is_public


def test_profiles_are_for_reviewers_and_board_members(author, board):
    with pytest.raises(NotPermitted, match=profiles.NOT_ELIGIBLE):
        services.public_profile_update(actor=author, person=author, affiliation="X")
    # A board member needs no reviewer profile, but a name to be shown under.
    member = board[0]
    services.public_profile_update(actor=member, person=member, affiliation="Eastgate")
    with pytest.raises(RuleViolation, match="not on record"):
        services.public_profile_update(actor=member, person=member, consent=True)
    services.person_update(actor=None, person=member, first_name="Amara", last_name="Okafor")
    assert services.public_profile_update(actor=member, person=member, consent=True).is_public


def test_someone_who_left_may_still_take_their_page_down(reviewers, superuser_actor):
    person = reviewers[0].user
    services.public_profile_update(actor=person, person=person, consent=True)
    services.role_revoke(actor=superuser_actor, person=person, role="Reviewers")

    with pytest.raises(NotPermitted):
        services.public_profile_update(actor=person, person=person, affiliation="New")
    services.public_profile_update(actor=person, person=person, consent=False, affiliation="")
    assert not PublicProfile.objects.get().is_public


def test_an_invalid_or_taken_orcid_id_is_refused_on_its_field(reviewers):
    person, other = reviewers[0].user, reviewers[1].user
    with pytest.raises(RuleViolation) as refused:
        services.public_profile_update(actor=person, person=person, orcid="0000-0002-1825-0098")
    assert "orcid" in refused.value.fields
    services.public_profile_update(actor=person, person=person, orcid=ORCID)
    with pytest.raises(RuleViolation, match="another person") as refused:
        services.public_profile_update(actor=other, person=other, orcid=ORCID)
    assert "orcid" in refused.value.fields


def test_the_address_comes_from_the_name_once_and_is_unique(db):
    first, second = (ReviewerFactory(display_name="Dr Siobhán Byrne") for _ in range(2))
    slugs = [
        services.public_profile_update(actor=r.user, person=r.user, consent=True).slug
        for r in (first, second)
    ]
    assert slugs == ["dr-siobhan-byrne", "dr-siobhan-byrne-2"]
    services.reviewer_profile_update(actor=None, reviewer=first, display_name="Prof S Byrne")
    assert PublicProfile.objects.get(user=first.user).slug == "dr-siobhan-byrne"


def test_when_the_audit_cannot_be_written_nothing_is_shown(workflow, reviewers, monkeypatch):
    person = reviewers[0].user
    slug = workflow.published().article.slug
    real = audit.record

    def record(**kwargs):
        if kwargs["action"] == AuditAction.PUBLIC_PROFILE_CONSENTED:
            raise RuntimeError("the audit is down")
        return real(**kwargs)

    monkeypatch.setattr(audit, "record", record)
    with pytest.raises(RuntimeError):
        services.public_profile_update(actor=person, person=person, consent=True, orcid=ORCID)

    assert not PublicProfile.objects.exists()
    assert not ProfileSnapshot.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="public_profile").exists()
    _, shown = public_detail(slug)
    assert all(p["profile_url"] is None for p in shown["reviewed_by"])


@pytest.fixture
def superuser_actor(db):
    return UserFactory(username="root", is_superuser=True)
