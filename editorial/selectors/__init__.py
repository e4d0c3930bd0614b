"""Every read the admin, the API and the public renderings make, already joined and filtered.

Names follow one scheme: `<entity>_list` for a queryset or list, `<entity>_get` for one
row, `<entity>_<purpose>` for a shaped read (`revision_changelist`, `article_api_detail`).
`visibility` holds what each user may see (one selector per model, for the admin and the
API alike) and `counting` which reviews and votes count toward a decision; `admin` holds the
queues and the revision decision page; `api` the author and reviewer API; `public` who
reviewed a published revision, for its public rendering; `reports` readers' reports;
`rereviews` periodic re-reviews, and the attestations the public history shows.
"""

from .admin import (
    ASSIGNMENT_QUEUES,
    REVISION_QUEUES,
    DecisionStatus,
    Queue,
    assignment_changelist,
    assignment_queue,
    audit_event_history,
    last_round_reviewer_list,
    open_review_count,
    queue_list,
    ready_for_review,
    rereview_horizon,
    retraction_acknowledged_get,
    reviewer_candidate_list,
    revision_changelist,
    revision_decision_status,
    revision_previous_get,
    revision_public_get,
    revision_queue,
    revision_queue_label,
    revision_review_get,
    revision_sibling_list,
)
from .api import (
    article_api_detail,
    article_api_list,
    assignment_api_list,
    reviewer_api_list,
    revision_api_detail,
    revision_api_list,
    revision_api_summaries,
)
from .counting import (
    review_counted_count,
    review_counted_in,
    review_counted_list,
    review_counts,
    vote_approval_count,
)
from .history import public_history
from .identities import (
    ReviewForAuthor,
    author_for,
    author_name,
    review_for_author_list,
)
from .public import article_credited_list, retraction_date, review_credit_list
from .reports import reader_report_list, reader_report_open_count, reportable_article
from .rereviews import (
    ATTESTED_LABEL,
    Attestation,
    rereview_api_list,
    rereview_attestations,
    rereview_list,
    rereview_queue_filter,
    rereview_revision_list,
    rereview_status,
)
from .visibility import (
    api_token_list,
    article_list,
    assignment_list,
    audit_event_list,
    review_blinded_list,
    revision_list,
    vote_list,
)

__all__ = [
    "ASSIGNMENT_QUEUES",
    "ATTESTED_LABEL",
    "REVISION_QUEUES",
    "Attestation",
    "DecisionStatus",
    "Queue",
    "ReviewForAuthor",
    "api_token_list",
    "article_api_detail",
    "article_api_list",
    "article_credited_list",
    "article_list",
    "assignment_api_list",
    "assignment_changelist",
    "assignment_list",
    "assignment_queue",
    "audit_event_history",
    "audit_event_list",
    "author_for",
    "author_name",
    "last_round_reviewer_list",
    "open_review_count",
    "public_history",
    "queue_list",
    "reader_report_list",
    "reader_report_open_count",
    "ready_for_review",
    "reportable_article",
    "rereview_api_list",
    "rereview_attestations",
    "rereview_horizon",
    "rereview_list",
    "rereview_queue_filter",
    "rereview_revision_list",
    "rereview_status",
    "retraction_acknowledged_get",
    "retraction_date",
    "review_blinded_list",
    "review_counted_count",
    "review_counted_in",
    "review_counted_list",
    "review_counts",
    "review_credit_list",
    "review_for_author_list",
    "reviewer_api_list",
    "reviewer_candidate_list",
    "revision_api_detail",
    "revision_api_list",
    "revision_api_summaries",
    "revision_changelist",
    "revision_decision_status",
    "revision_list",
    "revision_previous_get",
    "revision_public_get",
    "revision_queue",
    "revision_queue_label",
    "revision_review_get",
    "revision_sibling_list",
    "vote_approval_count",
    "vote_list",
]
