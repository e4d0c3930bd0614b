"""After the board decides, the author reads the decision, the board's comments and the
reviews blinded: "Reviewer 1", never a reviewer's name, never a confidential comment; before
it decides, nothing of the reviews."""

from __future__ import annotations

from django.urls import reverse

from editorial import services
from tests.workflow import CONFIDENTIAL, FOR_AUTHOR

from ..signin import signed_in


def _page(author, revision) -> str:
    response = signed_in(author).get(reverse("workspace:article", args=[revision.article.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_decision_and_the_blinded_reviews_once_the_board_has_decided(
    workflow, author, board, reviewers
):
    revision = services.revision_request_changes(
        revision=workflow.reviewed(), actor=board[0], comment="Add the 2024 guideline."
    )
    page = _page(author, revision)
    assert "The board's decision" in page
    assert "Add the 2024 guideline." in page
    assert "Reviewer 1" in page
    assert "Reviewer 2" in page
    assert FOR_AUTHOR in page
    assert CONFIDENTIAL not in page
    for reviewer in reviewers:
        assert reviewer.display_name not in page
        assert reviewer.user.username not in page
    for member in board:
        assert member.username not in page


def test_under_review_the_author_reads_no_review(workflow, author):
    revision = workflow.reviewed()
    page = _page(author, revision)
    assert FOR_AUTHOR not in page
    assert "appear here once the board has decided" in page


def test_the_decision_is_in_words_with_each_review_and_vote(workflow, author):
    revision = workflow.published()
    page = _page(author, revision)
    assert "The board approved this revision, and it was published." in page
    assert "recommends: approve" in page
    assert "A board member (approve)" in page
