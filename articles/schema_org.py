"""schema.org terms for the article page's JSON-LD (articles.renderings.json_ld): the
publisher, what an article is about and whom its summaries are written for."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

SCHEMA = "https://schema.org/"

# Specialty names as editors write them (British and American spellings), to the members of
# schema.org's MedicalSpecialty enumeration. A specialty not listed is described by its name.
MEDICAL_SPECIALTIES = {
    "anaesthesia": "Anesthesia", "anaesthetics": "Anesthesia", "anesthesia": "Anesthesia",
    "anesthesiology": "Anesthesia", "cardiology": "Cardiovascular",
    "cardiovascular medicine": "Cardiovascular", "community health": "CommunityHealth",
    "dentistry": "Dentistry", "dermatology": "Dermatology", "dietetics": "DietNutrition",
    "nutrition": "DietNutrition", "emergency medicine": "Emergency",
    "endocrinology": "Endocrine", "diabetes and endocrinology": "Endocrine",
    "gastroenterology": "Gastroenterologic", "laboratory medicine": "LaboratoryScience",
    "laboratory science": "LaboratoryScience", "genetics": "Genetic",
    "clinical genetics": "Genetic", "geriatric medicine": "Geriatric",
    "geriatrics": "Geriatric", "gynaecology": "Gynecologic", "gynecology": "Gynecologic",
    "haematology": "Hematologic", "hematology": "Hematologic",
    "infectious diseases": "Infectious", "infectious disease": "Infectious",
    "midwifery": "Midwifery", "musculoskeletal medicine": "Musculoskeletal",
    "orthopaedics": "Musculoskeletal", "orthopedics": "Musculoskeletal",
    "neurology": "Neurologic", "nursing": "Nursing", "obstetrics": "Obstetric",
    "oncology": "Oncologic", "optometry": "Optometric", "otolaryngology": "Otolaryngologic",
    "ear nose and throat": "Otolaryngologic", "ent": "Otolaryngologic",
    "pathology": "Pathology", "paediatrics": "Pediatric", "pediatrics": "Pediatric",
    "pharmacy": "PharmacySpecialty", "physiotherapy": "Physiotherapy",
    "plastic surgery": "PlasticSurgery", "podiatry": "Podiatric",
    "primary care": "PrimaryCare", "general practice": "PrimaryCare",
    "family medicine": "PrimaryCare", "psychiatry": "Psychiatric",
    "mental health": "Psychiatric", "public health": "PublicHealth",
    "respiratory medicine": "Pulmonary", "pulmonology": "Pulmonary",
    "radiology": "Radiography", "radiography": "Radiography", "nephrology": "Renal",
    "renal medicine": "Renal", "respiratory therapy": "RespiratoryTherapy",
    "rheumatology": "Rheumatologic", "speech and language therapy": "SpeechPathology",
    "speech pathology": "SpeechPathology", "surgery": "Surgical",
    "general surgery": "Surgical", "toxicology": "Toxicologic", "urology": "Urologic",
}  # fmt: skip
MEMBERS = frozenset(MEDICAL_SPECIALTIES.values())

# Whom each audience summary is written for: schema.org's MedicalAudience (a PeopleAudience).
AUDIENCE_TYPES = {"patient": "Patient", "caregiver": "Caregiver", "clinician": "Clinician"}
AUDIENCE_NAMES = {
    "patient": "People who have the condition",
    "caregiver": "People who care for someone with the condition",
    "clinician": "Health professionals",
}


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower().replace("&", " and ")).split())


# The members' own names ("PrimaryCare") count too, as do slugs ("respiratory-medicine").
_BY_KEY = {**{member.lower(): member for member in MEMBERS}, **MEDICAL_SPECIALTIES}


def medical_specialty(name: str, slug: str = "") -> str | None:
    """The MedicalSpecialty member a specialty is, by its name or its slug; None if none."""
    return _BY_KEY.get(_key(name)) or _BY_KEY.get(_key(slug))


def specialty(name: str, slug: str = "") -> dict[str, Any]:
    """A MedicalSpecialty: the enumeration's member where the specialty is one, named as we
    name it."""
    member = medical_specialty(name, slug)
    return {
        "@type": "MedicalSpecialty",
        **({"@id": f"{SCHEMA}{member}"} if member else {}),
        "name": name,
    }


def about(name: str, slug: str = "") -> dict[str, Any]:
    """What the article is about: its specialty where schema.org knows it, else a Thing by
    that name."""
    if medical_specialty(name, slug) is None:
        return {"@type": "Thing", "name": name}
    return specialty(name, slug)


def organization(name: str, url: str = "") -> dict[str, Any]:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def publisher() -> dict[str, Any]:
    """The organisation that publishes the site and holds editorial responsibility
    (settings.PUBLISHER; an empty URL is the site's)."""
    return organization(settings.PUBLISHER["NAME"], settings.PUBLISHER["URL"] or settings.SITE_URL)


def audiences(summaries: dict[str, str]) -> list[dict[str, Any]]:
    """One MedicalAudience per audience the article has a summary for."""
    return [
        {"@type": "MedicalAudience", "audienceType": kind, "name": AUDIENCE_NAMES[audience]}
        for audience, kind in AUDIENCE_TYPES.items()
        if summaries.get(audience)
    ]
