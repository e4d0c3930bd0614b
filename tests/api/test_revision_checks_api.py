"""The authenticated API's revision detail carries the checks: evidence findings and reading
levels by audience, beside their targets, as stored at submission (a draft's computed)."""

from __future__ import annotations

from editorial import services

from ..articles.test_reading_levels import HARD
from .conftest import client_for


def test_the_revision_detail_carries_the_checks_stored_at_submission(workflow):
    draft = workflow.draft(references=3)
    services.revision_edit(revision=draft, actor=workflow.author, summary_patient=HARD)
    submitted = services.revision_submit(revision=draft, actor=workflow.author)

    for reader in (workflow.author, workflow.editor, workflow.board[0]):
        checks = client_for(reader).get(f"/api/v1/revisions/{submitted.pk}/").json()["checks"]

        assert checks["at_submission"] is True
        assert checks["evidence"]["findings"] == [
            {
                "code": "uncited_reference",
                "reference": 3,
                "message": "Reference 3 is never cited in the body.",
            }
        ]
        assert list(checks["reading"]) == ["general", "patient"]
        assert checks["reading"]["patient"]["target_grade"] == 8
        assert checks["reading"]["patient"]["meets_target"] is False
        assert checks["reading"]["general"]["words"] > 0


def test_a_drafts_checks_are_computed_now(workflow):
    draft = workflow.draft()

    checks = client_for(workflow.author).get(f"/api/v1/revisions/{draft.pk}/").json()["checks"]

    assert checks["at_submission"] is False
    assert checks["evidence"]["findings"] == []
    assert checks["reading"]["patient"]["text"] == "summary_patient"
