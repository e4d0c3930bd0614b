"""The versions of the article written for each audience are content: in the hash whenever
one is written, approved with the rest; a revision without them hashes as it always did."""

from __future__ import annotations

import hashlib
import json

import pytest

from articles import content
from articles.models import AUDIENCE_BODY_FIELDS, Reference, Revision
from editorial.review_record import verify
from tests.public_view import public_detail

# Computed before the versions existed, from the revisions _fixed() builds: every hash
# approved then must still hold.
FIXED_HASH = "f3acdcc719b24b81ee2778ca3a14a58cc81cc11526607793f2b6f0d89cf6da99"
FIXED_HASH_WITH_PROVENANCE = "d774a8a98f2d85a52fd51b6a8a3c2bd93fd94f66e7533a6fd81f9a078358d82f"


def _fixed() -> tuple[Revision, list[Reference]]:
    revision = Revision(
        title="Asthma in adults",
        summary="What asthma is.",
        summary_patient="Your airways.",
        summary_caregiver="",
        summary_clinician="GINA steps.",
        body="Inhalers help [1]. See [2].",
    )
    references = [
        Reference(position=2, kind="guideline", title="BTS/SIGN asthma guideline",
                  source="SIGN", year=2019, doi="", pmid="", url="https://example.org/g"),
        Reference(position=1, kind="systematic_review", title="Inhaled steroids",
                  source="Cochrane", year=2021, doi="10.1002/x", pmid="123", url=""),
    ]  # fmt: skip
    return revision, references


def test_a_revision_without_audience_versions_keeps_the_hash_it_had_before_they_existed():
    revision, references = _fixed()

    assert content.content_hash(revision, references) == FIXED_HASH
    assert "audience_bodies" not in content.canonical_content(revision, references)

    revision.drafting, revision.drafting_pipeline = "ai_generated", "p"
    revision.drafting_model, revision.drafting_model_version = "m", "1"
    assert content.content_hash(revision, references) == FIXED_HASH_WITH_PROVENANCE


def test_a_version_that_is_only_white_space_is_no_version_and_changes_nothing():
    revision, references = _fixed()
    revision.body_caregiver = "  \n"

    assert content.content_hash(revision, references) == FIXED_HASH


@pytest.mark.parametrize("field", AUDIENCE_BODY_FIELDS)
def test_writing_any_audience_version_changes_the_hash_and_names_every_audience(field):
    revision, references = _fixed()
    setattr(revision, field, "Written for you [1].")

    canonical = content.canonical_content(revision, references)

    assert content.content_hash(revision, references) != FIXED_HASH
    expected = dict.fromkeys(("patient", "caregiver", "clinician"), "")
    expected[field.removeprefix("body_")] = "Written for you [1]."
    assert canonical["audience_bodies"] == expected


def test_each_version_changes_the_hash_on_its_own():
    revision, references = _fixed()
    revision.body_patient = revision.body_caregiver = revision.body_clinician = "Same [1]."
    baseline = content.content_hash(revision, references)
    variants = []
    for field in AUDIENCE_BODY_FIELDS:
        setattr(revision, field, "Changed [1].")
        variants.append(content.content_hash(revision, references))
        setattr(revision, field, "Same [1].")

    assert baseline not in variants
    assert len(set(variants)) == len(variants)


def test_the_published_hash_covers_the_versions_and_anyone_can_recompute_it(workflow):
    revision = workflow.draft(body_patient="Plain words for you [2].")
    published = workflow.published(revision)

    status, shown = public_detail(published.article.slug)

    assert status == 200
    assert shown["content"]["audience_bodies"] == {
        "patient": "Plain words for you [2].",
        "caregiver": "",
        "clinician": "",
    }
    canonical = json.dumps(
        shown["content"], sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode()
    assert hashlib.sha256(canonical).hexdigest() == shown["content_hash"]
    assert published.content_hash == shown["content_hash"]
    assert verify.recompute(shown["content"]) == published.content_hash
