"""ORCID iDs: sixteen characters in four groups, 0000-0002-1825-0097, the last a check digit
(ISO 7064 MOD 11-2, where 10 is written X). A mistyped digit or two swapped neighbours fail the
check, so a reviewer's profile never links to someone else's record."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

URL = "https://orcid.org/"
FORMAT = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
# What people paste: the iD, its URL (http or https, with or without www.), lower-case x.
_PASTED = re.compile(r"^(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dxX])/?$")

FORMAT_MESSAGE = (
    "An ORCID iD looks like 0000-0002-1825-0097: four groups of four digits (the last may "
    "end in X)."
)
CHECK_MESSAGE = (
    "This is not an ORCID iD: its last character does not match the others. Check it "
    "against your ORCID record."
)


def check_digit(digits: str) -> str:
    """The check character of the first fifteen digits (ISO 7064 MOD 11-2)."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise(text: str) -> str:
    """The iD as stored (0000-0002-1825-0097) from what a person typed or pasted; anything
    unrecognised comes back stripped, for the validator to explain."""
    text = text.strip()
    match = _PASTED.match(text)
    if match is None:
        return text
    bare = match.group(1).replace("-", "").upper()
    return "-".join(bare[i : i + 4] for i in range(0, 16, 4))


def validate_orcid(value: str) -> None:
    """The model's check: the stored form, and the check digit."""
    if not FORMAT.match(value):
        raise ValidationError(FORMAT_MESSAGE, code="orcid_format")
    digits = value.replace("-", "")
    if check_digit(digits[:15]) != digits[15]:
        raise ValidationError(CHECK_MESSAGE, code="orcid_check_digit")


def orcid_url(value: str) -> str:
    return f"{URL}{value}" if value else ""
