"""The author sees the checks the board will read: in the draft editor's live check (the
Preview button without JavaScript, the preview fragment with it) and, once submitted, on the
article's page, as stored at submission."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from editorial import services

from ..articles.test_reading_levels import HARD
from .conftest import draft_post, edit_url, reference

THIS_YEAR = timezone.localdate().year


def test_the_live_check_names_old_and_malformed_references_and_reading_levels(
    workflow, author, login
):
    revision = workflow.draft(references=2)
    data = draft_post(
        revision,
        body="Cited [1-2].",
        summary_patient=HARD,
        references=[reference(1, year=THIS_YEAR - 12), reference(2, year=THIS_YEAR)],
    )

    page = (
        login(author)
        .post(reverse("workspace:revision_preview", args=[revision.pk]), data)
        .content.decode()
    )

    assert "Evidence and reading level" in page
    assert "Checked as you write" in page
    assert f"Reference 1 ({THIS_YEAR - 12}) is 12 years old: guidelines older than 5" in page
    assert "Summary for patients" in page
    assert "<strong>Warning:</strong> Above the target: grade" in page
    assert "cites no reference" not in page


def test_the_preview_button_shows_the_same_check_without_javascript(workflow, author, login):
    revision = workflow.draft(references=1)
    data = draft_post(
        revision, intent="preview", references=[reference(1, kind="research", year=THIS_YEAR - 16)]
    )

    page = login(author).post(edit_url(revision), data).content.decode()

    assert f"({THIS_YEAR - 16}) is 16 years old: references older than 10 years" in page


def test_after_submitting_the_author_reads_the_checks_as_the_board_does(workflow, author, login):
    draft = workflow.draft(references=3)
    services.revision_edit(revision=draft, actor=author, summary_patient=HARD)
    services.revision_submit(revision=draft, actor=author)

    page = (
        login(author).get(reverse("workspace:article", args=[draft.article.slug])).content.decode()
    )

    assert "Checks at submission: 2 warnings" in page
    assert "Checked when you submitted" in page
    assert "Reference 3 is never cited in the body." in page
    assert "where 8 or below is wanted." in page
