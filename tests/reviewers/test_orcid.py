"""ORCID iDs: the stored form, the check digit (ISO 7064 MOD 11-2) and what people paste."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviewers.models import PublicProfile
from reviewers.orcid import check_digit, normalise, validate_orcid

from ..factories import UserFactory

VALID = [
    "0000-0002-1825-0097",  # ORCID's test iD (Josiah Carberry, a fictional person)
    "0000-0001-5109-3700",
    "0000-0002-1694-233X",  # a check digit of 10 is written X
]


@pytest.mark.parametrize("orcid", VALID)
def test_valid_ids_pass(orcid):
    validate_orcid(orcid)


def test_the_check_digit_is_iso_7064_mod_11_2():
    assert check_digit("000000021825009") == "7"
    assert check_digit("000000015109370") == "0"
    assert check_digit("000000021694233") == "X"


@pytest.mark.parametrize(
    ("orcid", "code"),
    [
        ("0000-0002-1825-0098", "orcid_check_digit"),  # one digit off
        ("0000-0002-1825-0079", "orcid_check_digit"),  # two neighbours swapped
        ("0000-0002-1852-0097", "orcid_check_digit"),
        ("0000-0002-1694-2330", "orcid_check_digit"),  # X written as 0
        ("0000000218250097", "orcid_format"),  # not stored without hyphens
        ("0000-0002-1825-009", "orcid_format"),
        ("0000-0002-1825-00977", "orcid_format"),
        ("0000-0002-1825-009x", "orcid_format"),  # stored with a capital X
        ("https://orcid.org/0000-0002-1825-0097", "orcid_format"),  # stored without the URL
        ("0000-0002-1825-009X ", "orcid_format"),
        ("abcd-efgh-ijkl-mnop", "orcid_format"),
        ("", "orcid_format"),
    ],
)
def test_invalid_ids_are_refused_with_the_reason(orcid, code):
    with pytest.raises(ValidationError) as refused:
        validate_orcid(orcid)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        (" 0000000218250097 ", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("http://www.orcid.org/0000-0002-1825-0097/", "0000-0002-1825-0097"),
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("orcid 0000-0002-1825-0097", "orcid 0000-0002-1825-0097"),  # left for the validator
        ("", ""),
    ],
)
def test_what_people_paste_is_stored_in_one_form(pasted, stored):
    assert normalise(pasted) == stored


NOW = timezone.now()


@pytest.mark.django_db
def test_a_profile_refuses_an_invalid_id_and_an_id_on_someone_else_s_profile():
    profile = PublicProfile(
        user=UserFactory(), slug="someone", orcid="0000-0002-1825-0098", updated_at=NOW
    )
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert "orcid" in refused.value.message_dict
    profile.orcid = "0000-0002-1825-0097"
    profile.full_clean()
    profile.save()
    # An empty iD is nobody's: many profiles have none.
    for n in (1, 2):
        PublicProfile.objects.create(user=UserFactory(), slug=f"none-{n}", updated_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicProfile.objects.create(
            user=UserFactory(), slug="another", orcid=profile.orcid, updated_at=NOW
        )
