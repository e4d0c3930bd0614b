"""A reviewer's or board member's own public profile in the workspace: the details they keep,
their consent given and withdrawn from one form, reached from their workspace home."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from editorial import services
from editorial.models import AuditEvent
from reviewers.models import PublicProfile

from ..signin import signed_in

pytestmark = pytest.mark.django_db
URL = reverse("workspace:profile")
FORM = {
    "affiliation": "Royal Infirmary",
    "orcid": "https://orcid.org/0000-0002-1825-0097",
    "declared_interests": "Speaker's fee, 2024.\r\nNothing else.",
}


def test_a_reviewer_reaches_it_from_their_workspace_home(reviewers):
    client = signed_in(reviewers[0].user)
    home = client.get(reverse("workspace:home"), follow=True)
    page = home.content.decode()
    assert home.redirect_chain[-1][0] == reverse("workspace:reviews")
    assert f'href="{URL}"' in page
    assert ">Your public profile</a>" in page


def test_consenting_in_the_form_shows_the_page_and_unticking_takes_it_down(reviewers, workflow):
    person = reviewers[0].user
    workflow.published()
    client = signed_in(person)
    page = client.get(URL).content.decode()
    assert "Not shown." in page
    assert reviewers[0].display_name in page  # kept by the editors, shown read-only

    response = client.post(URL, {**FORM, "consent": "on"}, follow=True)

    profile = PublicProfile.objects.get(user=person)
    assert profile.is_public
    assert profile.orcid == "0000-0002-1825-0097"
    assert profile.declared_interests == "Speaker's fee, 2024.\nNothing else."
    page = response.content.decode()
    assert "Your public profile is shown" in page
    assert f'href="/reviewers/{profile.slug}/"' in page
    assert "linked from 1 published article" in page
    assert Client().get(f"/reviewers/{profile.slug}/").status_code == 200

    response = client.post(URL, FORM, follow=True)

    assert "taken down" in response.content.decode()
    assert Client().get(f"/reviewers/{profile.slug}/").status_code == 404
    actions = list(
        AuditEvent.objects.filter(action__startswith="public_profile")
        .order_by("sequence")
        .values_list("action", "actor")
    )
    assert actions == [
        ("public_profile_updated", person.pk),
        ("public_profile_consented", person.pk),
        ("public_profile_withdrawn", person.pk),
    ]


def test_an_invalid_orcid_id_is_shown_beside_its_field_and_nothing_is_saved(reviewers):
    client = signed_in(reviewers[0].user)
    response = client.post(URL, {**FORM, "orcid": "0000-0002-1825-0098", "consent": "on"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_orcid"' in page
    assert 'aria-invalid="true"' in page
    assert not PublicProfile.objects.exists()


def test_an_orcid_id_on_someone_else_s_profile_is_refused_on_its_field(reviewers):
    other = reviewers[1].user
    services.public_profile_update(actor=other, person=other, orcid="0000-0002-1825-0097")
    response = signed_in(reviewers[0].user).post(URL, FORM)
    assert "another person" in response.content.decode()
    assert not PublicProfile.objects.filter(user=reviewers[0].user).exists()


def test_a_board_member_keeps_theirs_and_finds_it_from_the_workspace(board):
    member = board[0]
    services.person_update(actor=None, person=member, first_name="Amara", last_name="Okafor")
    client = signed_in(member)
    home = client.get(reverse("workspace:home"))
    assert home.status_code == 403  # the board works in the editorial office
    assert f'href="{URL}"' in home.content.decode()

    response = client.post(URL, {"affiliation": "Eastgate", "consent": "on"})

    assert response.status_code == 302
    assert PublicProfile.objects.get(user=member).is_public


def test_a_board_member_without_the_second_factor_signs_in_again(board):
    client = Client()
    client.force_login(board[0])
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("workspace:sign_in") in response["Location"]


def test_it_is_not_for_authors_nor_strangers(author):
    response = signed_in(author).get(URL)
    assert response.status_code == 403
    assert "for reviewers and board members" in response.content.decode()
    anonymous = Client().get(URL)
    assert anonymous.status_code == 302
    assert reverse("workspace:sign_in") in anonymous["Location"]
