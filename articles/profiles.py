"""Reviewers' and board members' public profile pages (/reviewers/<slug>/), stored like the
articles' renderings: what the person consented to show is written once (ProfileSnapshot),
and each published article that names them records the credit (PublicCredit) when its own
rendering is written. The page reads those two and nothing of the workflow, so it lists
exactly the articles whose pages link to it.

What the person shows is handed in as plain data by the workflow, which decides (from their
consent) whether there is a page at all.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from . import schema_org, seals
from .models import ProfileSnapshot
from .renderings import ROLE_LABELS

# How a credit reads under the article's title on the profile page.
CREDIT_LABELS = {
    "board": "Approved as a member of the Medical Advisory Board",
    "reviewer": "Peer reviewed",
}


@dataclass(frozen=True)
class PublicPerson:
    """A person's public profile, as they consented to show it."""

    slug: str
    name: str
    credentials: str
    affiliation: str
    orcid: str
    specialties: tuple[tuple[str, str], ...]  # (name, slug)
    declared_interests: str
    public_since: datetime


def profile_seal_value(row: ProfileSnapshot) -> str:
    """What the profile's seal covers: everything the page shows of the person."""
    return seals.profile_value(
        row.name,
        row.credentials,
        row.affiliation,
        row.orcid,
        row.specialties,
        row.declared_interests,
        row.public_since.isoformat(),
    )


def store_profile_snapshot(person: PublicPerson) -> ProfileSnapshot:
    """Write (or rewrite) the person's stored profile; Last-Modified moves only when what
    it shows changed."""
    row = ProfileSnapshot.objects.select_for_update().filter(slug=person.slug).first()
    existing = row is not None
    row = row or ProfileSnapshot(slug=person.slug)
    row.name = person.name
    row.credentials = person.credentials
    row.affiliation = person.affiliation
    row.orcid = person.orcid
    row.specialties = json.dumps([list(s) for s in person.specialties], ensure_ascii=False)
    row.declared_interests = person.declared_interests
    row.public_since = person.public_since.replace(microsecond=0)
    seal = seals.seal_one(row.slug, seals.PROFILE, seals.PROFILE, profile_seal_value(row))
    if existing and row.seal == seal:
        return row
    now = timezone.now().replace(microsecond=0)
    if existing and row.last_modified >= now:
        # Last-Modified has one-second resolution: never let a change share its second.
        now = row.last_modified + timedelta(seconds=1)
    row.seal = seal
    row.last_modified = now
    row.save()
    return row


def remove_profile_snapshot(slug: str) -> None:
    """Take the page down (consent withdrawn): its address answers like one never used."""
    ProfileSnapshot.objects.filter(slug=slug).delete()


def specialties_of(row: ProfileSnapshot) -> list[tuple[str, str]]:
    try:
        return [(name, slug) for name, slug in json.loads(row.specialties or "[]")]
    except (ValueError, TypeError):
        return []


def json_ld(row: ProfileSnapshot, url: str, credited: Sequence[Any]) -> str:
    """schema.org ProfilePage whose main entity is the Person, escaped for a <script>."""
    person = {
        "@type": "Person",
        "name": row.name,
        **({"honorificSuffix": row.credentials} if row.credentials else {}),
        "url": url,
        **({"sameAs": [f"https://orcid.org/{row.orcid}"]} if row.orcid else {}),
        **({"affiliation": schema_org.organization(row.affiliation)} if row.affiliation else {}),
        **(
            {"knowsAbout": [schema_org.specialty(name, slug) for name, slug in specialties]}
            if (specialties := specialties_of(row))
            else {}
        ),
        "jobTitle": sorted({ROLE_LABELS[c.role] for c in credited if c.role in ROLE_LABELS}),
    }
    if not person["jobTitle"]:
        del person["jobTitle"]
    document = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "dateModified": row.last_modified.isoformat(),
        "mainEntity": person,
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
