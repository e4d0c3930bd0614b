"""Reach any revision state through the services (a helper for the tests, not a test)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles.models import Revision
from editorial import services

if TYPE_CHECKING:
    from tests.conftest import Workflow

ALL_STATES = (
    "draft",
    "submitted",
    "under_review",
    "approved",
    "published",
    "superseded",
    "retracted",
    "changes_requested",
    "rejected",
    "withdrawn",
)


def reach(wf: Workflow, state: str) -> Revision:
    """A fresh article whose (returned) revision is in ``state``; "reviewed" is under
    review with the required reviews completed."""
    simple = {
        "draft": wf.draft,
        "submitted": wf.submitted,
        "under_review": wf.under_review,
        "reviewed": wf.reviewed,
        "approved": wf.approved,
        "published": wf.published,
    }
    if state in simple:
        return simple[state]()
    board = wf.board[0]
    if state == "changes_requested":
        return services.revision_request_changes(
            revision=wf.reviewed(), actor=board, comment="Add the 2024 guideline."
        )
    if state == "rejected":
        return services.revision_reject(
            revision=wf.reviewed(), actor=board, comment="Outside our scope."
        )
    if state == "withdrawn":
        return services.revision_withdraw(revision=wf.submitted(), actor=wf.author)
    if state == "retracted":
        return services.revision_unpublish(
            revision=wf.published(), actor=board, reason="A dosing error was found."
        )
    if state == "superseded":
        first = wf.published()
        second = services.revision_start_next(article=first.article, actor=wf.author)
        services.revision_submit(revision=second, actor=wf.author)
        wf.published(second)
        first.refresh_from_db()
        return first
    raise ValueError(state)
