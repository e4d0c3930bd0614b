"""Odd single values get a clear 4xx and change nothing: a title, name or source holding a
line break or other control character; an id that is not a whole number; an invitation to
someone who is not a reviewer."""

from __future__ import annotations

import pytest

from editorial import selectors, services
from editorial.errors import RuleViolation
from tests.api.conftest import assert_error_shape, client_for
from tests.factories import ReviewerFactory, UserFactory


@pytest.mark.parametrize("title", ["Two\\nlines", "A\\ttab", "Bell\\x07"])
def test_a_title_with_a_control_character_is_refused_by_the_api(workflow, title):
    draft = workflow.draft()
    value = title.encode().decode("unicode_escape")

    response = client_for(workflow.author).patch(
        f"/api/v1/revisions/{draft.pk}/", {"title": value}, format="json"
    )

    error = assert_error_shape(response, 400)
    assert "one line of text" in error["fields"]["title"][0]
    draft.refresh_from_db()
    assert draft.title != value


def test_a_reference_title_with_a_line_break_is_refused_by_the_service(workflow):
    draft = workflow.draft()
    reference = {"kind": "guideline", "title": "Line one\nline two"}

    with pytest.raises(RuleViolation, match="one line of text"):
        services.revision_edit(revision=draft, actor=workflow.author, references=[reference])


def test_a_specialty_name_with_a_line_break_is_refused(workflow):
    with pytest.raises(RuleViolation, match="one line of text"):
        services.specialty_create(actor=workflow.editor, name="Derm\natology", slug="derm")


@pytest.mark.parametrize("reviewer", [1.5, "1.0", True, "1e0"])
def test_a_reviewer_id_that_is_not_a_whole_number_is_refused(workflow, reviewer):
    revision = workflow.submitted()

    response = client_for(workflow.editor).post(
        f"/api/v1/revisions/{revision.pk}/assignments/", {"reviewer": reviewer}, format="json"
    )

    assert_error_shape(response, 400)
    assert not revision.assignments.exists()


def test_someone_outside_the_reviewers_group_is_neither_offered_nor_invited(workflow):
    member = UserFactory(username="board_only", groups=["Advisory Board"])
    profile = ReviewerFactory(user=member, display_name="Dr Board Only")
    revision = workflow.submitted()

    assert profile not in selectors.reviewer_candidate_list(revision)
    with pytest.raises(RuleViolation, match="not in the Reviewers group"):
        services.assignment_create(revision=revision, reviewer=profile, actor=workflow.editor)
