"""The revision page shows reviewers and the board what the checks at submission found:
each evidence finding in words, and each text's reading level beside its target, a missed
target said as a warning (not by colour alone); a draft's are computed as it stands."""

from __future__ import annotations

from django.utils.html import escape

from editorial import services

from ..articles.test_reading_levels import HARD
from .conftest import revision_url


def _submitted_with_findings(workflow):
    draft = workflow.draft(body="Lower salt helps [1].", references=1)
    services.revision_edit(
        revision=draft,
        actor=workflow.author,
        summary_patient=HARD,
        references=[
            {"kind": "guideline", "title": "Old guideline", "year": 2012, "doi": "10.1/x"},
            {"kind": "research", "title": "Never cited", "year": 2024},
        ],
    )
    return services.revision_submit(revision=draft, actor=workflow.author)


def test_the_board_reads_the_findings_and_the_reading_levels_beside_their_targets(workflow, login):
    revision = _submitted_with_findings(workflow)

    page = login(workflow.board[0]).get(revision_url(revision)).content.decode()

    assert "Checked at submission" in page
    assert "2 findings" in page
    assert escape("Warning: Reference 2 is never cited in the body.") in page
    assert "Reference 1 (2012) is" in page
    assert "guidelines older than 5 years" in page
    patient = page[page.index('id="reading-patient"') :].split("</tr>")[0]
    assert "Summary for patients" in patient
    assert "<strong>Warning:</strong> Above the target: grade" in patient
    assert "where 8 or below is wanted." in patient
    general = page[page.index('id="reading-general"') :].split("</tr>")[0]
    assert "Meets the target: grade 10 or below." in general


def test_a_reviewer_reads_them_too(workflow, login):
    revision = _submitted_with_findings(workflow)
    assignment = workflow.assigned(revision, n=1)[0]

    page = login(assignment.reviewer.user).get(revision_url(revision)).content.decode()

    assert 'id="checks"' in page
    assert "Reference 2 is never cited" in page


def test_a_drafts_checks_are_computed_as_it_stands(workflow, login):
    draft = workflow.draft(references=3)

    page = login(workflow.editor).get(revision_url(draft)).content.decode()

    assert "Checked now" in page
    assert "checked again when it is submitted" in page
    assert "Reference 3 is never cited in the body." in page
