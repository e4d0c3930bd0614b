"""Evidence checks at submission: identifiers in form, old references and guidelines,
uncited references, citations naming no reference. Warnings for the board: submitting with
findings succeeds, and they are stored with the revision, outside its content hash."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from articles import content
from articles.evidence import evidence_findings
from articles.models import FrozenContentError, Reference, Revision
from editorial import services
from editorial.errors import RuleViolation
from editorial.models import AuditEvent

TODAY = date(2026, 11, 29)


def ref(position: int = 1, **fields) -> Reference:
    data = {"kind": "research", "title": "A trial", "year": 2024, "doi": "", "pmid": ""}
    return Reference(position=position, **{**data, **fields})


def codes(body: str, references: list[Reference]) -> list[tuple[str, int | None]]:
    found = evidence_findings(body, references, today=TODAY)["findings"]
    return [(f["code"], f["reference"]) for f in found]


@pytest.mark.parametrize(
    "doi", ["10.1056/NEJMoa2034577", "10.1000.10/abc", "10.1136/bmj.m1234", "10.1002/(SICI)1"]
)
def test_a_doi_in_form_is_no_finding(doi):
    assert codes("Cited [1].", [ref(doi=doi)]) == []


@pytest.mark.parametrize(
    "doi",
    [
        "https://doi.org/10.1056/NEJMoa2034577",
        "doi:10.1056/NEJMoa2034577",
        "10.abc/x",
        "10.1056/",
        "10.1056",
        "11.1056/x",
        "10.1056/with space",
        "10./x",
    ],
)
def test_a_doi_out_of_form_is_a_finding(doi):
    found = evidence_findings("Cited [1].", [ref(doi=doi)], today=TODAY)["findings"]
    assert [(f["code"], f["reference"]) for f in found] == [("doi_format", 1)]
    assert f"the DOI “{doi}” is not in DOI form" in found[0]["message"]


@pytest.mark.parametrize(("pmid", "finding"), [("31553837", False), ("1", False),
                                               ("PMC6781234", True), ("1234567890", True),
                                               ("3155 3837", True)])  # fmt: skip
def test_a_pmid_is_digits(pmid, finding):
    assert codes("Cited [1].", [ref(pmid=pmid)]) == ([("pmid_format", 1)] if finding else [])


def test_a_reference_older_than_ten_years_is_flagged_and_ten_is_not():
    found = codes("[1] [2]", [ref(1, year=2016), ref(2, year=2015)])

    assert found == [("old_reference", 2)]


def test_a_guideline_is_flagged_after_five_years_where_research_is_not():
    found = evidence_findings(
        "[1] [2]",
        [ref(1, kind="guideline", year=2020), ref(2, kind="research", year=2020)],
        today=TODAY,
    )["findings"]

    assert [(f["code"], f["reference"]) for f in found] == [("old_reference", 1)]
    assert found[0]["message"] == (
        "Reference 1 (2020) is 6 years old: guidelines older than 5 years are flagged; "
        "is there newer evidence?"
    )


def test_the_age_limits_are_settings(settings):
    settings.EDITORIAL = {
        **settings.EDITORIAL,
        "EVIDENCE": {"MAX_AGE_YEARS": 3, "GUIDELINE_MAX_AGE_YEARS": 1},
    }

    result = evidence_findings(
        "[1] [2]", [ref(1, year=2022), ref(2, kind="guideline", year=2024)], today=TODAY
    )

    assert [f["reference"] for f in result["findings"]] == [1, 2]
    assert (result["max_age_years"], result["guideline_max_age_years"]) == (3, 1)


def test_a_reference_without_a_year_or_from_a_year_to_come_is_reported():
    assert codes("[1] [2]", [ref(1, year=None), ref(2, year=2031)]) == [
        ("no_year", 1),
        ("future_year", 2),
    ]


def test_uncited_references_and_citations_naming_no_reference_are_reported():
    found = codes("Shown [1] and [4-5].", [ref(1), ref(2), ref(3)])

    assert found == [
        ("unresolved_citation", None),
        ("unresolved_citation", None),
        ("uncited_reference", 2),
        ("uncited_reference", 3),
    ]


def test_ranges_and_lists_cite_each_reference_they_name():
    assert codes("See [1-2], [3\u20134] and [5, 6].", [ref(n) for n in range(1, 7)]) == []


def _draft_with_findings(workflow) -> Revision:
    draft = workflow.draft(body="Lower salt helps [1].", references=1)
    references = [
        {"kind": "guideline", "title": "Old guideline", "year": 2009, "doi": "doi:10.1/x"},
        {"kind": "research", "title": "Never cited", "year": 2024, "pmid": "PMC1"},
    ]
    return services.revision_edit(revision=draft, actor=workflow.author, references=references)


def test_submitting_with_findings_succeeds_and_stores_them_with_the_revision(workflow):
    draft = _draft_with_findings(workflow)

    submitted = services.revision_submit(revision=draft, actor=workflow.author)

    submitted.refresh_from_db()
    assert submitted.state == "submitted"
    found = submitted.checks["evidence"]["findings"]
    assert [(f["code"], f["reference"]) for f in found] == [
        ("uncited_reference", 2),
        ("doi_format", 1),
        ("pmid_format", 2),
        ("old_reference", 1),
    ]
    event = AuditEvent.objects.filter(revision=submitted, action="submitted").get()
    assert (event.actor, event.from_state, event.to_state) == (
        workflow.author,
        "draft",
        "submitted",
    )
    assert event.data["check_warnings"] == 4 + sum(
        1 for level in submitted.checks["reading"].values() if level["meets_target"] is False
    )


def test_a_citation_naming_no_reference_is_still_refused(workflow):
    draft = workflow.draft(body="Shown [1] and [3].", references=1)

    with pytest.raises(RuleViolation, match=r"\[3\]"):
        services.revision_submit(revision=draft, actor=workflow.author)

    draft.refresh_from_db()
    assert (draft.state, draft.checks) == ("draft", None)


def test_the_checks_are_not_content_the_hash_is_of_the_content_alone(workflow):
    submitted = workflow.submitted(_draft_with_findings(workflow))
    references = list(submitted.references.all())

    assert submitted.checks
    assert "checks" not in content.canonical_content(submitted, references)["fields"]
    assert submitted.content_hash == content.content_hash(submitted, references)


def test_the_checks_of_a_submitted_revision_are_frozen_in_the_model_and_the_database(workflow):
    submitted = Revision.objects.get(pk=workflow.submitted().pk)

    submitted.checks = {**submitted.checks, "evidence": {"findings": []}}
    with pytest.raises(FrozenContentError, match="its checks are frozen"):
        submitted.save(update_fields=["checks"])
    with (
        pytest.raises(IntegrityError, match="checks of a submitted revision are frozen"),
        transaction.atomic(),
    ):
        Revision.objects.filter(pk=submitted.pk).update(checks={})


def test_a_draft_has_no_stored_checks_and_a_next_revision_starts_without_them(workflow):
    published = workflow.published()
    draft = services.revision_start_next(
        article=published.article, actor=workflow.author, change_class="update",
        change_note="New trial results.",
    )  # fmt: skip

    assert published.checks
    assert draft.checks is None
