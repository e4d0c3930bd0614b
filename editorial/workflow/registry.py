"""The registry: every action of the revision, assignment, article, re-review and reader's
report machines, once."""

from __future__ import annotations

from articles.models import (
    AUDIENCE_BODY_FIELDS,
    CONTENT_FIELDS,
    OPEN_FOR_REVIEW,
    PROVENANCE_FIELDS,
    PROVENANCE_NOTE,
    Revision,
    RevisionState,
)
from reviewers.models import AssignmentState, ReReviewState

from .. import messages, policy
from ..models import OPEN_REPORT_STATES, AuditAction, ReaderReport, ReportState
from ..policy import Actor
from ..rules import rules_for
from ..selectors.counting import vote_approval_count
from .action import (
    ADMIN,
    API,
    ARTICLE,
    ASSIGNMENT,
    REPORT,
    REREVIEW,
    REVISION,
    SETTLED_REVISION_STATES,
    Action,
)

ONLY_API = frozenset({API})
ONLY_ADMIN = frozenset({ADMIN})
CHANGE_CLASS = (
    "For a published article: minor (meaning unchanged), update (new evidence or guidance) "
    "or correction (an error in the published text). After a retraction: reinstatement."
)
CHANGE_NOTE = (
    "One line readers see once it is published: what changed, what was wrong, or why a "
    "retracted article returns. Required for an update, a correction and a reinstatement."
)


def _frozen(revision: Revision) -> str:
    return (
        f"A revision that is {revision.get_state_display().lower()} is frozen; "
        "start a new revision to change it."
    )


def _not_yet_approved(revision: Revision) -> str | None:
    """Under review, say how far the board's vote has got."""
    if revision.state != RevisionState.UNDER_REVIEW:
        return None
    return messages.QUORUM_NOT_REACHED.format(
        approvals=vote_approval_count(revision), quorum=rules_for(revision).board_quorum
    )


def _not_in_review(revision: Revision) -> str:
    return (
        "Reviewers are assigned to submitted revisions; this one is "
        f"{revision.get_state_display().lower()}."
    )


def _why_not_vote(user: Actor, revision: Revision) -> str:
    """A board member is told what bars them; anyone else, who votes."""
    if policy.is_board(user) and not policy.wrote(user, revision.article):
        if policy.is_recused(user, revision.article):
            return messages.VOTER_CONFLICT
        if policy.peer_reviewed(user, revision):
            return messages.VOTER_REVIEWED
    return messages.NOT_VOTER


def _has_an_earlier_round(user: Actor, revision: Revision) -> bool:
    return revision.number > 1


def _has_live_link(user: Actor, assignment) -> bool:
    return assignment.links.live().exists()


def _no_correction_yet(user: Actor, report: ReaderReport) -> bool:
    return report.correction_id is None


def _has_not_voted(user: Actor, revision: Revision) -> bool:
    return not policy.has_voted(user, revision)


def _no_open_rereview(user: Actor, revision: Revision) -> bool:
    return not policy.has_open_rereview(revision)


def _not_live(revision: Revision) -> str:
    return (
        "Only the live, published revision is re-reviewed; this one is "
        f"{revision.get_state_display().lower()}."
    )


OPEN_REREVIEW = frozenset({ReReviewState.OPEN})


ACTIONS: dict[str, Action] = {}


def register(action: Action) -> Action:
    if action.name in ACTIONS:
        raise ValueError(f"Action {action.name} is declared twice.")
    ACTIONS[action.name] = action
    return action


# Each entry is laid out by hand, a line per concern; the formatter would scatter them.
# fmt: off
# -- the author ------------------------------------------------------------------------------
register(Action(
    "edit", machine=REVISION, source=frozenset({RevisionState.DRAFT}),
    who=policy.can_edit_draft, refusal=messages.NOT_YOURS,
    audit=AuditAction.DRAFT_EDITED, label="Edit", done="edited", wrong_state=_frozen,
    optional={**dict.fromkeys(CONTENT_FIELDS, "Content of the draft."),
              **dict.fromkeys(AUDIENCE_BODY_FIELDS, "The whole article written for that "
                                                    "audience (optional)."),
              "references": "Replaces the whole list.",
              "change_class": CHANGE_CLASS, "change_note": CHANGE_NOTE,
              **dict.fromkeys(PROVENANCE_FIELDS, "How the draft was drafted (required of a "
                                                 "pipeline); public once published."),
              PROVENANCE_NOTE: "The prompt or source reference; internal."},
    service="revision_edit", interfaces=ONLY_API,
))
register(Action(
    "submit", machine=REVISION, source=frozenset({RevisionState.DRAFT}),
    target=RevisionState.SUBMITTED, transition="submit",
    who=policy.can_submit, refusal=messages.NOT_YOURS,
    audit=AuditAction.SUBMITTED, label="Submit for review", done="submitted",
    service="revision_submit", interfaces=ONLY_API, tell="assign_reviewer",
))
register(Action(
    "withdraw", machine=REVISION,
    source=frozenset({RevisionState.DRAFT, RevisionState.SUBMITTED, RevisionState.UNDER_REVIEW}),
    target=RevisionState.WITHDRAWN, transition="withdraw",
    who=policy.can_withdraw, refusal=messages.NOT_YOURS,
    audit=AuditAction.WITHDRAWN, label="Withdraw", done="withdrawn",
    optional={"comment": "Why the revision is withdrawn (kept in the history)."},
    service="revision_withdraw", interfaces=ONLY_API,
))
register(Action(
    "start_revision", machine=ARTICLE, source=SETTLED_REVISION_STATES,
    who=policy.can_start_revision, refusal=messages.NOT_YOURS,
    audit=AuditAction.REVISION_STARTED, label="Start the next revision", done="started",
    optional={"change_class": CHANGE_CLASS, "change_note": CHANGE_NOTE},
    service="revision_start_next", interfaces=ONLY_API,
))

# -- editors ---------------------------------------------------------------------------------
register(Action(
    "assign_reviewer", machine=REVISION, source=OPEN_FOR_REVIEW,
    who=policy.can_assign_reviewer, refusal=messages.NOT_EDITOR,
    audit=AuditAction.REVIEWER_ASSIGNED, label="Assign a reviewer", done="given reviewers",
    wrong_state=_not_in_review,
    needs={"reviewer": "The reviewer to invite."},
    optional={"due_at": "When the review is due."},
    service="assignment_create", tell="reviewer",
))
register(Action(
    "reinvite_reviewers", machine=REVISION, source=OPEN_FOR_REVIEW,
    who=policy.can_assign_reviewer, refusal=messages.NOT_EDITOR,
    available=_has_an_earlier_round,
    audit=AuditAction.REVIEWER_ASSIGNED, label="Re-invite last round's reviewers",
    done="given reviewers", wrong_state=_not_in_review,
    optional={"due_at": "When the reviews are due."},
    service="revision_reinvite_reviewers", interfaces=ONLY_ADMIN,
))
register(Action(
    "start_review", machine=REVISION, source=frozenset({RevisionState.SUBMITTED}),
    target=RevisionState.UNDER_REVIEW, transition="start_review",
    who=policy.can_start_review, refusal=messages.NOT_EDITOR,
    audit=AuditAction.REVIEW_STARTED, label="Start review", done="put under review",
    optional={"change_class": "Confirm or change the author's class; a change is audited.",
              "change_note": "Replaces the author's note (for readers once published)."},
    service="revision_start_review",
))

# -- the board -------------------------------------------------------------------------------
register(Action(
    "vote", machine=REVISION, source=frozenset({RevisionState.UNDER_REVIEW}),
    who=policy.can_vote, refusal=_why_not_vote, available=_has_not_voted,
    audit=AuditAction.VOTE_CAST, label="Vote", done="voted on",
    needs={"decision": "approve, request_changes or reject."},
    optional={
        "comment": "For the author; required unless approving.",
        "conflict_of_interest": "Declare a conflict instead of voting: you are recused.",
        "acknowledges_retraction": "Required to approve a revision that reinstates a "
                                   "retracted article: you have read the retraction's reason.",
    },
    service="board_vote",
))
register(Action(
    "approve", machine=REVISION, source=frozenset({RevisionState.UNDER_REVIEW}),
    target=RevisionState.APPROVED, transition="approve", via="vote",
    who=policy.can_vote, refusal=_why_not_vote,
    audit=AuditAction.APPROVED, label="Approve", done="approved", tell="author",
))
register(Action(
    "request_changes", machine=REVISION, source=frozenset({RevisionState.UNDER_REVIEW}),
    target=RevisionState.CHANGES_REQUESTED, transition="request_changes", via="vote",
    who=policy.can_vote, refusal=_why_not_vote,
    audit=AuditAction.CHANGES_REQUESTED, label="Request changes", done="sent back for changes",
    needs={"comment": "What must change (sent to the author)."}, tell="author",
))
register(Action(
    "reject", machine=REVISION, source=frozenset({RevisionState.UNDER_REVIEW}),
    target=RevisionState.REJECTED, transition="reject", via="vote",
    who=policy.can_vote, refusal=_why_not_vote,
    audit=AuditAction.REJECTED, label="Reject", done="rejected",
    needs={"comment": "Why the revision is rejected (sent to the author)."}, tell="author",
))
register(Action(
    "recuse", machine=REVISION, source=OPEN_FOR_REVIEW,
    who=policy.can_recuse, refusal=messages.NOT_RECUSER,
    audit=AuditAction.BOARD_RECUSED, label="Declare a conflict of interest", done="recused from",
    needs={"statement": "The conflict you declare; the board and editors read it."},
    service="board_recuse",
))
register(Action(
    "schedule_publication", machine=REVISION, source=frozenset({RevisionState.APPROVED}),
    who=policy.can_schedule_publication, refusal=messages.NOT_PUBLISHER,
    audit=AuditAction.PUBLICATION_SCHEDULED, label="Schedule publication",
    done="scheduled for publication", wrong_state=_not_yet_approved,
    needs={"publish_at": "When to publish; empty clears the schedule."},
    service="revision_schedule_publication",
))
register(Action(
    "publish", machine=REVISION, source=frozenset({RevisionState.APPROVED}),
    target=RevisionState.PUBLISHED, transition="publish",
    who=policy.can_publish, refusal=messages.NOT_PUBLISHER,
    audit=AuditAction.PUBLISHED, label="Publish now", done="published",
    wrong_state=_not_yet_approved, service="revision_publish", tell="author",
))
register(Action(
    "supersede", machine=REVISION, source=frozenset({RevisionState.PUBLISHED}),
    target=RevisionState.SUPERSEDED, transition="supersede", via="publish",
    who=policy.can_publish, refusal=messages.NOT_PUBLISHER,
    audit=AuditAction.SUPERSEDED, label="Supersede", done="superseded",
))
register(Action(
    "unpublish", machine=REVISION, source=frozenset({RevisionState.PUBLISHED}),
    target=RevisionState.RETRACTED, transition="unpublish",
    who=policy.can_unpublish, refusal=messages.NOT_UNPUBLISHER,
    audit=AuditAction.UNPUBLISHED, label="Unpublish", done="unpublished",
    needs={"reason": "Shown to the public with the retraction."},
    service="revision_unpublish", tell="author",
))

# -- review assignments ----------------------------------------------------------------------
register(Action(
    "accept", machine=ASSIGNMENT, source=frozenset({AssignmentState.INVITED}),
    target=AssignmentState.ACCEPTED, transition="accept", revision_states=OPEN_FOR_REVIEW,
    who=policy.can_respond, refusal=messages.NOT_YOUR_INVITATION,
    audit=AuditAction.ASSIGNMENT_ACCEPTED, label="Accept", done="accepted",
    needs={"has_conflict": "Whether you have a conflict of interest."},
    optional={"conflict_statement": "Your declaration, when you have a conflict."},
    service="assignment_accept", tell="editor",
))
register(Action(
    "decline", machine=ASSIGNMENT, source=frozenset({AssignmentState.INVITED}),
    target=AssignmentState.DECLINED, transition="decline",
    who=policy.can_respond, refusal=messages.NOT_YOUR_INVITATION,
    audit=AuditAction.ASSIGNMENT_DECLINED, label="Decline", done="declined",
    needs={"reason": "Why you decline."}, service="assignment_decline", tell="editor",
))
register(Action(
    "review", machine=ASSIGNMENT, source=frozenset({AssignmentState.ACCEPTED}),
    target=AssignmentState.COMPLETED, transition="complete", revision_states=OPEN_FOR_REVIEW,
    who=policy.can_complete_review, refusal=messages.NOT_YOUR_REVIEW,
    audit=AuditAction.REVIEW_COMPLETED, label="Submit review", done="completed",
    needs={
        "recommendation": "approve, minor_changes, major_changes or reject; on a re-review, "
        "still_accurate or needs_update.",
        "comments_for_author": "What the author reads (blinded).",
    },
    optional={"confidential_comments": "For the editors and the board only.",
              "credit_consent": "Whether you may be named as a reviewer of the article once "
                                "it is published (default: no)."},
    service="review_complete", tell="editor",
))
register(Action(
    "cancel", machine=ASSIGNMENT,
    source=frozenset({AssignmentState.INVITED, AssignmentState.ACCEPTED}),
    target=AssignmentState.CANCELLED, transition="cancel",
    who=policy.can_manage_assignment, refusal=messages.NOT_EDITOR,
    audit=AuditAction.ASSIGNMENT_CANCELLED, label="Cancel", done="cancelled",
    optional={"reason": "Kept in the history and sent to the reviewer."},
    service="assignment_cancel", tell="reviewer",
))
register(Action(
    "extend_due", machine=ASSIGNMENT,
    source=frozenset({AssignmentState.INVITED, AssignmentState.ACCEPTED}),
    revision_states=OPEN_FOR_REVIEW,
    who=policy.can_manage_assignment, refusal=messages.NOT_EDITOR,
    audit=AuditAction.DUE_DATE_EXTENDED, label="Extend the due date", done="extended",
    needs={"due_at": "The new due date, later than the current one."},
    service="assignment_extend_due", tell="reviewer",
))
register(Action(
    "send_link", machine=ASSIGNMENT,
    source=frozenset({AssignmentState.INVITED, AssignmentState.ACCEPTED}),
    revision_states=OPEN_FOR_REVIEW,
    who=policy.can_manage_assignment, refusal=messages.NOT_EDITOR,
    audit=AuditAction.REVIEWER_LINK_SENT, label="Send a new link", done="sent a new link",
    service="reviewer_link_send", interfaces=ONLY_ADMIN, tell="reviewer",
))
register(Action(
    "revoke_link", machine=ASSIGNMENT,
    source=frozenset({AssignmentState.INVITED, AssignmentState.ACCEPTED}),
    who=policy.can_manage_assignment, refusal=messages.NOT_EDITOR, available=_has_live_link,
    audit=AuditAction.REVIEWER_LINK_REVOKED, label="Revoke link", done="given a revoked link",
    service="reviewer_link_revoke", interfaces=ONLY_ADMIN,
))

# -- periodic re-review of the live revision (not a new revision: the published one again) ---
register(Action(
    "open_rereview", machine=REVISION, source=frozenset({RevisionState.PUBLISHED}),
    who=policy.can_open_rereview, refusal=messages.NOT_EDITOR, available=_no_open_rereview,
    audit=AuditAction.REREVIEW_OPENED, label="Open a re-review", done="re-reviewed",
    wrong_state=_not_live, service="rereview_open",
))
register(Action(
    "assign_rereviewer", machine=REREVIEW, source=OPEN_REREVIEW,
    who=policy.can_manage_rereview, refusal=messages.NOT_EDITOR,
    audit=AuditAction.REVIEWER_ASSIGNED, label="Invite a re-reviewer", done="given reviewers",
    needs={"reviewer": "The reviewer to invite."},
    optional={"due_at": "When the re-review is due."},
    service="rereview_assign", tell="reviewer",
))
register(Action(
    "attest_rereview", machine=REREVIEW, source=OPEN_REREVIEW,
    target=ReReviewState.ATTESTED, transition="attest",
    who=policy.can_decide_rereview, refusal=messages.NOT_REREVIEW_DECIDER,
    audit=AuditAction.REREVIEW_ATTESTED, label="Attest: still accurate", done="attested",
    optional={"note": "The board's note (kept in the history, never shown publicly)."},
    service="rereview_attest",
))
register(Action(
    "open_update", machine=REREVIEW, source=OPEN_REREVIEW,
    target=ReReviewState.UPDATE_OPENED, transition="open_update",
    who=policy.can_decide_rereview, refusal=messages.NOT_REREVIEW_DECIDER,
    audit=AuditAction.REREVIEW_UPDATE_OPENED, label="Open an update", done="sent for an update",
    needs={"note": "What must be updated (sent to the author with the reviewers' reasons)."},
    service="rereview_open_update", tell="author",
))
register(Action(
    "cancel_rereview", machine=REREVIEW, source=OPEN_REREVIEW,
    target=ReReviewState.CANCELLED, transition="cancel",
    who=policy.can_manage_rereview, refusal=messages.NOT_EDITOR,
    audit=AuditAction.REREVIEW_CANCELLED, label="Cancel the re-review", done="cancelled",
    optional={"note": "Why (kept in the history)."},
    service="rereview_cancel",
))

# -- readers' reports (the editors' queue; readers send them without an account) -------------
register(Action(
    "acknowledge_report", machine=REPORT, source=frozenset({ReportState.NEW}),
    target=ReportState.ACKNOWLEDGED, transition="acknowledge",
    who=policy.can_handle_reader_report, refusal=messages.NOT_REPORT_HANDLER,
    audit=AuditAction.READER_REPORT_ACKNOWLEDGED, label="Acknowledge", done="acknowledged",
    optional={"note": "What will be looked at (kept with the report and in the history)."},
    service="reader_report_acknowledge", interfaces=ONLY_ADMIN,
))
register(Action(
    "resolve_report", machine=REPORT, source=frozenset(OPEN_REPORT_STATES),
    target=ReportState.RESOLVED, transition="resolve",
    who=policy.can_handle_reader_report, refusal=messages.NOT_REPORT_HANDLER,
    audit=AuditAction.READER_REPORT_RESOLVED, label="Resolve", done="resolved",
    needs={"note": "What was done about it (never shown publicly)."},
    service="reader_report_resolve", interfaces=ONLY_ADMIN,
))
register(Action(
    "dismiss_report", machine=REPORT, source=frozenset(OPEN_REPORT_STATES),
    target=ReportState.DISMISSED, transition="dismiss",
    who=policy.can_handle_reader_report, refusal=messages.NOT_REPORT_HANDLER,
    audit=AuditAction.READER_REPORT_DISMISSED, label="Dismiss", done="dismissed",
    needs={"note": "Why no change is needed (never shown publicly)."},
    service="reader_report_dismiss", interfaces=ONLY_ADMIN,
))
register(Action(
    "open_correction", machine=REPORT, source=frozenset(OPEN_REPORT_STATES),
    who=policy.can_open_correction, refusal=messages.NOT_REPORT_HANDLER,
    audit=AuditAction.READER_REPORT_CORRECTION_OPENED, label="Open a correction",
    optional={"note": "For the author: what the reader found (kept in the history)."},
    done="turned into a correction", available=_no_correction_yet,
    service="reader_report_open_correction", interfaces=ONLY_ADMIN, tell="author",
))
# fmt: on
