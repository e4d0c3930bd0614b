"""Who may do what. Small predicates; no writes.

Roles are groups (created by a data migration); object rules sit on top: an
author acts only on their own articles, a reviewer only on their own
assignments, and nobody reviews or votes on an article they wrote. Whether an
action fits the current *state* is the state machine's question, not this
module's: services ask both and report them as different errors.
"""

from __future__ import annotations

from typing import Any

from articles.models import Article, Revision, RevisionState
from reviewers.models import AssignmentState, ReviewAssignment

from .errors import NotPermitted

AUTHORS = "Authors"
REVIEWERS = "Reviewers"
EDITORS = "Editors"
BOARD = "Advisory Board"
ROLE_GROUPS = (AUTHORS, REVIEWERS, EDITORS, BOARD)

User = Any  # django.contrib.auth user; kept loose so AnonymousUser passes too


def roles(user: User) -> frozenset[str]:
    """The user's role groups, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_imprimatur_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._imprimatur_roles = cached
    return cached


def is_author(user: User) -> bool:
    return AUTHORS in roles(user)


def is_reviewer(user: User) -> bool:
    return REVIEWERS in roles(user)


def is_editor(user: User) -> bool:
    return EDITORS in roles(user)


def is_board(user: User) -> bool:
    return BOARD in roles(user)


def wrote(user: User, article: Article) -> bool:
    return getattr(user, "pk", None) is not None and article.created_by_id == user.pk


# -- authors -----------------------------------------------------------------
def can_create_article(user: User) -> bool:
    return is_author(user)


def can_edit_draft(user: User, revision: Revision) -> bool:
    return is_author(user) and wrote(user, revision.article)


def can_submit(user: User, revision: Revision) -> bool:
    return can_edit_draft(user, revision)


def can_withdraw(user: User, revision: Revision) -> bool:
    return can_edit_draft(user, revision)


def can_start_revision(user: User, article: Article) -> bool:
    return is_author(user) and wrote(user, article)


def can_view_article(user: User, article: Article) -> bool:
    """Staff roles see every article in review; authors see their own."""
    return is_editor(user) or is_board(user) or wrote(user, article)


# -- editors -----------------------------------------------------------------
def can_assign_reviewer(user: User, revision: Revision) -> bool:
    return is_editor(user) and not wrote(user, revision.article)


def can_cancel_assignment(user: User, assignment: ReviewAssignment) -> bool:
    return is_editor(user) and not wrote(user, assignment.revision.article)


def can_start_review(user: User, revision: Revision) -> bool:
    return is_editor(user) and not wrote(user, revision.article)


def can_schedule_publication(user: User, revision: Revision) -> bool:
    return (is_editor(user) or is_board(user)) and not wrote(user, revision.article)


def can_publish(user: User | None, revision: Revision) -> bool:
    """None is the system acting on a publication scheduled by an editor."""
    if user is None:
        return True
    return (is_editor(user) or is_board(user)) and not wrote(user, revision.article)


# -- reviewers ---------------------------------------------------------------
def owns_assignment(user: User, assignment: ReviewAssignment) -> bool:
    return is_reviewer(user) and assignment.reviewer.user_id == user.pk


def can_respond(user: User, assignment: ReviewAssignment) -> bool:
    """Accept or decline an invitation."""
    return owns_assignment(user, assignment) and not wrote(user, assignment.revision.article)


def can_complete_review(user: User, assignment: ReviewAssignment) -> bool:
    return can_respond(user, assignment)


def can_view_revision_as_reviewer(user: User, revision: Revision) -> bool:
    return is_reviewer(user) and any(
        a.reviewer.user_id == user.pk and a.state != AssignmentState.CANCELLED
        for a in revision.assignments.all()
    )


# -- board -------------------------------------------------------------------
def can_vote(user: User, revision: Revision) -> bool:
    return is_board(user) and not wrote(user, revision.article)


def can_unpublish(user: User, revision: Revision) -> bool:
    return is_board(user)


# -- the one place that combines state and role --------------------------------
REVISION_ACTIONS: dict[str, tuple[str, Any]] = {
    # action: (state-machine method on Revision, policy predicate)
    "edit": ("", can_edit_draft),
    "submit": ("submit", can_submit),
    "withdraw": ("withdraw", can_withdraw),
    "assign_reviewer": ("", can_assign_reviewer),
    "start_review": ("start_review", can_start_review),
    "vote": ("", can_vote),
    "schedule_publication": ("publish", can_schedule_publication),
    "publish": ("publish", can_publish),
    "unpublish": ("unpublish", can_unpublish),
}

STATES_FOR = {
    "edit": {RevisionState.DRAFT},
    "assign_reviewer": {RevisionState.SUBMITTED, RevisionState.UNDER_REVIEW},
    "vote": {RevisionState.UNDER_REVIEW},
}


def state_allows(action: str, revision: Revision) -> bool:
    from django_fsm import can_proceed

    method_name, _ = REVISION_ACTIONS[action]
    if method_name:
        return can_proceed(getattr(revision, method_name))
    return revision.state in STATES_FOR[action]


def allowed_actions(user: User, revision: Revision) -> list[str]:
    """What this user may do to this revision now: both the state and the role allow it
    (a board member votes once)."""
    return [
        action
        for action, (_, predicate) in REVISION_ACTIONS.items()
        if state_allows(action, revision)
        and predicate(user, revision)
        and not (action == "vote" and has_voted(user, revision))
    ]


# -- what the API offers each caller ---------------------------------------------
# A new revision may be started only once the latest one is no longer in play.
OPEN_REVISION_STATES = (
    RevisionState.DRAFT,
    RevisionState.SUBMITTED,
    RevisionState.UNDER_REVIEW,
    RevisionState.APPROVED,
)


def article_allowed_actions(user: User, article: Article, latest: Revision | None) -> list[str]:
    """Article-level actions: starting the next revision once the latest is settled."""
    settled = latest is not None and latest.state not in OPEN_REVISION_STATES
    return ["start_revision"] if settled and can_start_revision(user, article) else []


def assignment_allowed_actions(user: User, assignment: ReviewAssignment) -> list[str]:
    """What this user may do to this assignment now: both its state and the role allow it."""
    A = AssignmentState
    open_for_review = assignment.revision.state in (
        RevisionState.SUBMITTED,
        RevisionState.UNDER_REVIEW,
    )
    actions = []
    if assignment.state == A.INVITED and open_for_review and can_respond(user, assignment):
        actions += ["accept", "decline"]
    if assignment.state == A.ACCEPTED and open_for_review and can_complete_review(user, assignment):
        actions.append("review")
    if assignment.state in (A.INVITED, A.ACCEPTED) and can_cancel_assignment(user, assignment):
        actions.append("cancel")
    return actions


def is_staff_reader(user: User) -> bool:
    """Editors and the board read every article, review and vote (except on their own)."""
    return is_editor(user) or is_board(user)


def sees_editorial_record(user: User, revision: Revision) -> bool:
    """Reviewer identities, confidential comments and votes: staff, never the article's author."""
    return is_staff_reader(user) and not wrote(user, revision.article)


def can_list_reviewers(user: User) -> bool:
    return is_staff_reader(user)


def require(predicate: Any, user: User, obj: Any, message: str) -> None:
    if not predicate(user, obj):
        raise NotPermitted(message)


# -- the admin -------------------------------------------------------------------
# Superusers see everything, but workflow actions still follow the role groups: being
# the site's administrator does not make someone a clinician or a board member.
VOTE_DECISIONS = ("approve", "request_changes", "reject")
# What the admin offers on a revision; authors' actions go through the API.
ADMIN_REVISION_ACTIONS: dict[str, Any] = {
    "assign_reviewer": can_assign_reviewer,
    "start_review": can_start_review,
    "approve": can_vote,
    "request_changes": can_vote,
    "reject": can_vote,
    "schedule_publication": can_schedule_publication,
    "publish": can_publish,
    "unpublish": can_unpublish,
}
ASSIGNMENT_ACTIONS: dict[str, tuple[tuple[str, ...], Any]] = {
    # action: (assignment states it fits, policy predicate)
    "accept": ((AssignmentState.INVITED,), can_respond),
    "decline": ((AssignmentState.INVITED,), can_respond),
    "complete": ((AssignmentState.ACCEPTED,), can_complete_review),
    "cancel": ((AssignmentState.INVITED, AssignmentState.ACCEPTED), can_cancel_assignment),
}


def is_superuser(user: User) -> bool:
    return bool(getattr(user, "is_superuser", False)) and user.is_active


def can_oversee(user: User) -> bool:
    """Editors, the board and superusers see every revision and its whole review record."""
    return is_editor(user) or is_board(user) or is_superuser(user)


def can_see_review_record(user: User, revision: Revision) -> bool:
    """Reviewers' names, confidential comments, votes and history: not for the author."""
    return can_oversee(user) and (is_superuser(user) or not wrote(user, revision.article))


def has_voted(user: User, revision: Revision) -> bool:
    """Reads revision.votes.all(), so a prefetched revision costs no query."""
    return any(vote.member_id == user.pk for vote in revision.votes.all())


def may_attempt(user: User, action: str, revision: Revision) -> bool:
    """The role half of an admin revision action; the service still checks the state."""
    predicate = ADMIN_REVISION_ACTIONS.get(action)
    return predicate is not None and predicate(user, revision)


def admin_actions(user: User, revision: Revision) -> list[str]:
    """allowed_actions as the admin offers them: the vote spelled out as the board's three
    decisions, and the author's own actions left to the API."""
    actions: list[str] = []
    for action in allowed_actions(user, revision):
        if action == "vote":
            actions.extend(VOTE_DECISIONS)
        elif action in ADMIN_REVISION_ACTIONS:
            actions.append(action)
    return actions


def may_attempt_on_assignment(user: User, action: str, assignment: ReviewAssignment) -> bool:
    entry = ASSIGNMENT_ACTIONS.get(action)
    return entry is not None and entry[1](user, assignment)


def assignment_actions(user: User, assignment: ReviewAssignment) -> list[str]:
    """What this user may do to this assignment now: both its state and the role allow it."""
    return [
        action
        for action, (states, predicate) in ASSIGNMENT_ACTIONS.items()
        if assignment.state in states and predicate(user, assignment)
    ]
