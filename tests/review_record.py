"""An article written by a member of staff (editor, board member or superuser), reviewed
by others: its review record must stay hidden from its author whatever their role."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group

from articles.models import Revision
from editorial import services

from .workflow import CONFLICT_STATEMENT

STAFF_AUTHORS = ("editor_author", "board_author", "superuser_author")
CONFLICT = CONFLICT_STATEMENT
CONFIDENTIAL = "Confidential-note-for-the-board"
VOTE_NOTE = "Vote-note-from-the-board"
SLUG = "own-guideline"


@dataclass
class OwnArticle:
    author: object
    revision: Revision


def make_staff_author(workflow, role: str):
    """The workflow's author, given a staff role too; it must still see no review record."""
    author = workflow.author
    if role == "superuser_author":
        author.is_superuser = True
        author.save(update_fields=["is_superuser"])
    else:
        group = "Editors" if role == "editor_author" else "Advisory Board"
        author.groups.add(Group.objects.get(name=group))
    author.__dict__.pop("_imprimatur_roles", None)  # the role cache predates the new group
    return author


def own_article_under_review(workflow, role: str) -> OwnArticle:
    """Two reviews in (one reviewer declared a conflict), one board approval with a note."""
    author = make_staff_author(workflow, role)
    # The third reviewer declares a conflict (and has not reviewed); the first two have.
    revision = workflow.submitted(slug=SLUG)
    _conflicted, *reviewing = workflow.accepted(
        revision, n=3, conflicted=1, reviewers=[workflow.reviewers[2], *workflow.reviewers[:2]]
    )
    revision = services.revision_start_review(revision=revision, actor=workflow.editor)
    for assignment in reviewing:
        workflow.complete(assignment, confidential=CONFIDENTIAL)
    services.revision_approve(revision=revision, actor=workflow.board[0], comment=VOTE_NOTE)
    revision.refresh_from_db()
    return OwnArticle(author, revision)


def someone_elses_approved_article(workflow, other_author) -> Revision:
    """An article by another author, reviewed and approved as usual."""
    mine = workflow.author
    workflow.author = other_author
    try:
        return workflow.approved()
    finally:
        workflow.author = mine
