"""The checks at submission, together: evidence findings and reading levels.

They are stored with the revision when it is submitted (Revision.checks, outside the content
hash: they describe the content, they are not content), and frozen with it, so reviewers and
the board read what the author was shown, measured on the day of submission against the
settings of that day. A draft, or a revision submitted before the checks existed, has them
computed from its content when shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils import timezone

from .content import version_texts
from .evidence import evidence_findings
from .models import AUDIENCE_READERS, Reference, Revision
from .readability import reading_levels


def revision_checks(
    revision: Revision,
    references: Sequence[Reference],
    *,
    reading: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every check of these contents, measured today; `reading` if already measured."""
    today = timezone.localdate()
    return {
        "measured_on": today.isoformat(),
        "evidence": evidence_findings(version_texts(revision), references, today=today),
        "reading": reading_levels(revision) if reading is None else reading,
    }


def shown_checks(revision: Revision, references: Sequence[Reference]) -> dict[str, Any]:
    """What the revision page shows: the checks stored at submission, or computed now."""
    if revision.checks:
        return {**revision.checks, "at_submission": True}
    return {**revision_checks(revision, references), "at_submission": False}


def warnings_count(checks: dict[str, Any]) -> int:
    """Findings plus texts that miss their reading target."""
    missed = sum(1 for level in checks["reading"].values() if level["meets_target"] is False)
    return len(checks["evidence"]["findings"]) + missed


CITATION_CODES = frozenset({"unresolved_citation", "uncited_reference"})
TEXT_LABELS = {
    "body": "The article",
    "body_patient": "The version for patients",
    "body_caregiver": "The version for caregivers",
    "body_clinician": "The version for clinicians",
    "summary_patient": "Summary for patients",
    "summary_caregiver": "Summary for caregivers",
    "summary_clinician": "Summary for clinicians",
}


def reading_verdict(level: dict[str, Any]) -> str:
    """The reading level against its target, in words (never colour alone)."""
    target = level["target_grade"]
    if target is None:
        return "No target for this audience."
    if level["meets_target"]:
        return f"Meets the target: grade {target:g} or below."
    return f"Above the target: grade {level['grade']:g}, where {target:g} or below is wanted."


def checks_view(checks: dict[str, Any]) -> dict[str, Any]:
    """The checks as a page lists them: findings, then each text's reading level."""
    reading = []
    for audience, level in checks["reading"].items():
        text = level.get("text", "")
        reading.append(
            {
                **level,
                "audience": audience,
                "label": TEXT_LABELS.get(text, text),
                "readers": AUDIENCE_READERS.get(audience, audience),
                "verdict": reading_verdict(level),
            }
        )
    return {
        "at_submission": checks.get("at_submission", False),
        "measured_on": date.fromisoformat(checks["measured_on"]),
        "evidence": checks["evidence"],
        "findings": checks["evidence"]["findings"],
        # The findings on the references themselves (a citation check lists the rest).
        "reference_findings": [
            f for f in checks["evidence"]["findings"] if f["code"] not in CITATION_CODES
        ],
        "reading": reading,
        "missed_targets": [r for r in reading if r["meets_target"] is False],
        "warnings": warnings_count(checks),
    }
