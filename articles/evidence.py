"""What the checks at submission find in a revision's evidence: identifiers in the wrong
format, references older than the publisher's limit, references never cited, citations that
name no reference. Findings are warnings for the reviewers and the board; the only refusal
(a citation naming no reference) stays the submit service's.

Findings are plain data, stored with the submitted revision (Revision.checks) so the board
reads what the author was shown at submission, whatever the date or the settings later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.conf import settings

from .content import check_versions
from .models import AUDIENCE_READERS, Reference, ReferenceKind
from .validators import doi_format, pmid_format

DOI_RE = re.compile(doi_format.regex.pattern)
PMID_RE = re.compile(pmid_format.regex.pattern)

# Each finding's code, in the order the page lists them.
FINDING_CODES = (
    "unresolved_citation",
    "uncited_reference",
    "doi_format",
    "pmid_format",
    "old_reference",
    "no_year",
    "future_year",
)


def age_limits() -> dict[str, int]:
    """The age past which a reference is flagged, in years: a guideline's, and any other's."""
    evidence = settings.EDITORIAL["EVIDENCE"]
    return {
        "default": evidence["MAX_AGE_YEARS"],
        "guideline": evidence["GUIDELINE_MAX_AGE_YEARS"],
    }


def _finding(code: str, message: str, reference: int | None = None) -> dict[str, Any]:
    return {"code": code, "reference": reference, "message": message}


def _reference_findings(ref: Reference, today: date, limits: dict[str, int]) -> list[dict]:
    n = ref.position
    found = []
    if ref.doi and not DOI_RE.match(ref.doi):
        found.append(
            _finding(
                "doi_format",
                f"Reference {n}: the DOI “{ref.doi}” is not in DOI form (“10.”, a registrant "
                "code of digits and dots, a slash, then a suffix), so it may not resolve.",
                n,
            )
        )
    if ref.pmid and not PMID_RE.match(ref.pmid):
        found.append(
            _finding(
                "pmid_format",
                f"Reference {n}: the PMID “{ref.pmid}” is not a number of up to nine digits.",
                n,
            )
        )
    guideline = ref.kind == ReferenceKind.GUIDELINE
    limit = limits["guideline" if guideline else "default"]
    if ref.year is None:
        found.append(
            _finding("no_year", f"Reference {n} has no year, so its age cannot be checked.", n)
        )
    elif ref.year > today.year:
        found.append(
            _finding("future_year", f"Reference {n} is dated {ref.year}, a year to come.", n)
        )
    elif today.year - ref.year > limit:
        what = "guidelines" if guideline else "references"
        found.append(
            _finding(
                "old_reference",
                f"Reference {n} ({ref.year}) is {today.year - ref.year} years old: "
                f"{what} older than {limit} years are flagged; is there newer evidence?",
                n,
            )
        )
    return found


def _version_name(version: str) -> str:
    return "The body" if version == "general" else f"The version for {AUDIENCE_READERS[version]}"


def evidence_findings(
    texts: str | Mapping[str, str], references: Sequence[Reference], *, today: date
) -> dict[str, Any]:
    """Every finding on the citations of each version of the body (the body alone when given
    one text) and on the references, with the limits used."""
    texts = {"general": texts} if isinstance(texts, str) else texts
    references = sorted(references, key=lambda r: r.position)
    report = check_versions(texts, (r.position for r in references))
    limits = age_limits()
    findings = [
        _finding(
            "unresolved_citation",
            f"{_version_name(version)} cites [{n}], but there is no reference {n}.",
        )
        for version, numbers in report.unresolved.items()
        for n in numbers
    ]
    where = "the body" if len(texts) == 1 else "any version of the article"
    findings += [
        _finding("uncited_reference", f"Reference {n} is never cited in {where}.", n)
        for n in report.uncited
    ]
    for ref in references:
        findings += _reference_findings(ref, today, limits)
    order = {code: index for index, code in enumerate(FINDING_CODES)}
    findings.sort(key=lambda f: (order[f["code"]], f["reference"] or 0))
    return {
        "max_age_years": limits["default"],
        "guideline_max_age_years": limits["guideline"],
        "references": len(references),
        "findings": findings,
    }
