"""The board and the editors read each audience's version of the article side by side with
the text for everyone, with each version's reading level beside its target, and see the
changes to the versions side by side too."""

from __future__ import annotations

from editorial import services
from tests.workflow import UPDATE

from ..articles.test_reading_levels import EASY, HARD
from .conftest import revision_url


def _version(page: str, audience: str) -> str:
    start = page.index(f'id="version-{audience}"')
    return page[start : page.index("</section>", start)]


def test_the_revision_page_shows_the_versions_side_by_side(workflow, login):
    revision = workflow.submitted(body_patient="Plain words for you [2].")

    page = login(workflow.board[0]).get(revision_url(revision)).content.decode()

    grid = page[page.index('id="versions"') :]
    assert 'class="versions-grid"' in grid
    assert grid.index('id="version-general"') < grid.index('id="version-patient"')
    assert "For everyone (the article)" in _version(page, "general")
    assert "Hypertension is common" in _version(page, "general")
    patient = _version(page, "patient")
    assert "For patients" in patient
    assert '<a href="#ref-2" class="citation">2</a>' in patient
    assert 'id="version-caregiver"' not in page


def test_a_revision_without_versions_shows_the_body_alone(workflow, login):
    revision = workflow.submitted()

    page = login(workflow.editor).get(revision_url(revision)).content.decode()

    assert 'id="versions"' not in page
    assert "Hypertension is common" in page


def test_each_versions_reading_level_is_shown_beside_its_target(workflow, login):
    revision = workflow.submitted(body=HARD + " [1] [2]", body_patient=EASY + " [1]")

    page = login(workflow.board[0]).get(revision_url(revision)).content.decode()

    patient = page[page.index('id="reading-patient"') :].split("</tr>")[0]
    assert "The version for patients" in patient
    assert "Meets the target: grade 8 or below." in patient
    general = page[page.index('id="reading-general"') :].split("</tr>")[0]
    assert "The article" in general
    assert "<strong>Warning:</strong> Above the target" in general


def test_the_changes_to_a_version_are_shown_beside_the_body(workflow, login):
    first = workflow.published(workflow.draft(body_patient="Plain words [2]."))
    second = services.revision_start_next(article=first.article, actor=workflow.author, **UPDATE)
    services.revision_edit(
        revision=second, actor=workflow.author, body_patient="Simpler words [2]."
    )
    second = services.revision_submit(revision=second, actor=workflow.author)

    page = login(workflow.editor).get(revision_url(second)).content.decode()

    for panel in ('id="public-diff"', 'id="diff"'):
        shown = page[page.index(panel) :]
        grid = shown[shown.index('class="versions-grid"') :]
        assert grid.index('class="version version-general"') < grid.index(
            'class="version version-patient"'
        )
        assert "Unchanged." in grid.split('class="version version-patient"')[0]
        assert "Simpler" in grid.split('class="version version-patient"')[1]
