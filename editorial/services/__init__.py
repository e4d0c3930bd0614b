"""Every workflow write. Views, admin actions, the API and commands call these and
nothing else to change state; each runs in one transaction with its audit event."""

from ..selectors.counting import review_counted_count
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
from .people import (
    person_create,
    person_set_password,
    person_update,
    reviewer_profile_create,
    reviewer_profile_update,
    role_grant,
    role_revoke,
    specialty_create,
    specialty_rename,
)
from .profiles import public_profile_update, public_profile_withdraw
from .publication import (
    publish_due,
    revision_publish,
    revision_schedule_publication,
    revision_unpublish,
)
from .reminders import reminder_send, reminders_send
from .reports import (
    reader_report_acknowledge,
    reader_report_dismiss,
    reader_report_erase_expired_emails,
    reader_report_open_correction,
    reader_report_receive,
    reader_report_resolve,
)
from .rereviews import (
    rereview_assign,
    rereview_attest,
    rereview_cancel,
    rereview_open,
    rereview_open_update,
)
from .reviewer_links import (
    reviewer_link_ask_new,
    reviewer_link_open,
    reviewer_link_revoke,
    reviewer_link_send,
)
from .reviews import (
    assignment_accept,
    assignment_cancel,
    assignment_create,
    assignment_decline,
    assignment_extend_due,
    default_due_at,
    review_complete,
    review_draft_save,
    revision_reinvite_reviewers,
    revision_start_review,
)
from .second_factor import (
    has_second_factor,
    second_factor_enrol,
    second_factor_reset,
    second_factor_start,
    second_factor_verify,
)
from .tokens import api_token_issue, api_token_revoke, api_tokens_revoke_all

__all__ = [
    "api_token_issue",
    "api_token_revoke",
    "api_tokens_revoke_all",
    "article_create",
    "assignment_accept",
    "assignment_cancel",
    "assignment_create",
    "assignment_decline",
    "assignment_extend_due",
    "board_recuse",
    "board_vote",
    "default_due_at",
    "has_second_factor",
    "person_create",
    "person_set_password",
    "person_update",
    "public_profile_update",
    "public_profile_withdraw",
    "publish_due",
    "reader_report_acknowledge",
    "reader_report_dismiss",
    "reader_report_erase_expired_emails",
    "reader_report_open_correction",
    "reader_report_receive",
    "reader_report_resolve",
    "reminder_send",
    "reminders_send",
    "rereview_assign",
    "rereview_attest",
    "rereview_cancel",
    "rereview_open",
    "rereview_open_update",
    "review_complete",
    "review_counted_count",
    "review_draft_save",
    "reviewer_link_ask_new",
    "reviewer_link_open",
    "reviewer_link_revoke",
    "reviewer_link_send",
    "reviewer_profile_create",
    "reviewer_profile_update",
    "revision_approve",
    "revision_edit",
    "revision_publish",
    "revision_reinvite_reviewers",
    "revision_reject",
    "revision_request_changes",
    "revision_schedule_publication",
    "revision_start_next",
    "revision_start_review",
    "revision_submit",
    "revision_unpublish",
    "revision_withdraw",
    "role_grant",
    "role_revoke",
    "second_factor_enrol",
    "second_factor_reset",
    "second_factor_start",
    "second_factor_verify",
    "specialty_create",
    "specialty_rename",
]
