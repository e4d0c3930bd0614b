"""Every workflow write. Views, admin actions, the API and commands call these and
nothing else to change state; each runs in one transaction with its audit event."""

from ..selectors.counting import counted_reviews
from .authoring import (
    article_create,
    revision_edit,
    revision_start_next,
    revision_submit,
    revision_withdraw,
)
from .decisions import (
    board_recuse,
    board_vote,
    revision_approve,
    revision_reject,
    revision_request_changes,
)
from .publication import (
    publish_due,
    revision_publish,
    revision_schedule_publication,
    revision_unpublish,
)
from .reviews import (
    assignment_accept,
    assignment_cancel,
    assignment_create,
    assignment_decline,
    assignment_extend_due,
    default_due_at,
    review_complete,
    revision_start_review,
)

__all__ = [
    "article_create",
    "assignment_accept",
    "assignment_cancel",
    "assignment_create",
    "assignment_decline",
    "assignment_extend_due",
    "board_recuse",
    "board_vote",
    "counted_reviews",
    "default_due_at",
    "publish_due",
    "review_complete",
    "revision_approve",
    "revision_edit",
    "revision_publish",
    "revision_reject",
    "revision_request_changes",
    "revision_schedule_publication",
    "revision_start_next",
    "revision_start_review",
    "revision_submit",
    "revision_unpublish",
    "revision_withdraw",
]
