"""Who may do what, and who may read what, for the admin and the API alike. Small
predicates; no writes.

Roles are groups (created by a data migration); object rules sit on top: an
author acts only on their own articles, a reviewer only on their own
assignments, and nobody reviews, votes on or reads the review record of an article
they wrote. Whether an action fits the current *state* is the state machine's
question: services ask both and report them as different errors; the action tables
at the end combine them for what interfaces offer. The *_scope functions are the
reading predicates as queryset filters, for the selectors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Revision, RevisionState
from reviewers.models import AssignmentState, ReviewAssignment

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


def is_superuser(user: User) -> bool:
    return bool(getattr(user, "is_superuser", False)) and user.is_active


def wrote(user: User, article: Article) -> bool:
    return getattr(user, "pk", None) is not None and article.created_by_id == user.pk


# -- reading -------------------------------------------------------------------
# Superusers read what editors and the board read (and, like them, never the review record
# of an article they wrote), but act only through their role groups: being the site's
# administrator does not make someone a clinician or a board member.
def can_oversee(user: User) -> bool:
    """Editors, the board and superusers read every article and revision."""
    return is_editor(user) or is_board(user) or is_superuser(user)


def can_see_review_record(user: User, revision: Revision) -> bool:
    """Reviewers' names, conflict declarations, confidential comments, votes and history:
    for those who oversee, and never for the article's author, superusers included."""
    return can_oversee(user) and not wrote(user, revision.article)


def can_see_feedback(user: User, revision: Revision) -> bool:
    """The reviews' comments for the author and the board's comments, blinded: once the
    board has decided (reviews inform the decision, and the author hears them with it)."""
    return revision.decided_at is not None and (wrote(user, revision.article) or can_oversee(user))


def can_list_reviewers(user: User) -> bool:
    return can_oversee(user)


def sees_assignment_in_full(user: User, assignment: ReviewAssignment) -> bool:
    """Who reviews, their conflict declaration and confidential comments: the review record's
    readers, and the reviewer on their own assignment."""
    return can_see_review_record(user, assignment.revision) or owns_assignment(user, assignment)


def sees_blinded_review(user: User, assignment: ReviewAssignment) -> bool:
    """A completed review as "Reviewer n" with its comments for the author only."""
    return assignment.state == AssignmentState.COMPLETED and can_see_feedback(
        user, assignment.revision
    )


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


# -- board -------------------------------------------------------------------
def can_vote(user: User, revision: Revision) -> bool:
    return is_board(user) and not wrote(user, revision.article)


def can_unpublish(user: User, revision: Revision) -> bool:
    return is_board(user)


# -- what each caller may do now: one table per object -------------------------------
# Each action names the state-machine method that must be able to proceed ("" when the
# states are listed in STATES_FOR instead) and the role predicate. Interfaces offer these
# names; the admin only maps them to buttons and labels.
REVISION_ACTIONS: dict[str, tuple[str, Any]] = {
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


def has_voted(user: User, revision: Revision) -> bool:
    """Reads revision.votes.all(), so a prefetched revision costs no query."""
    return any(vote.member_id == user.pk for vote in revision.votes.all())


def may_attempt(user: User, action: str, revision: Revision) -> bool:
    """The role half of a revision action; the service still checks the state."""
    entry = REVISION_ACTIONS.get(action)
    return entry is not None and entry[1](user, revision)


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


# A new revision may be started only once the latest one is no longer in play.
OPEN_REVISION_STATES = (
    RevisionState.DRAFT,
    RevisionState.SUBMITTED,
    RevisionState.UNDER_REVIEW,
    RevisionState.APPROVED,
)
OPEN_FOR_REVIEW = (RevisionState.SUBMITTED, RevisionState.UNDER_REVIEW)


def article_allowed_actions(user: User, article: Article, latest: Revision | None) -> list[str]:
    """Article-level actions: starting the next revision once the latest is settled."""
    settled = latest is not None and latest.state not in OPEN_REVISION_STATES
    return ["start_revision"] if settled and can_start_revision(user, article) else []


ASSIGNMENT_ACTIONS: dict[str, tuple[tuple[str, ...], bool, Any]] = {
    # action: (assignment states it fits, needs the revision open for review, predicate)
    "accept": ((AssignmentState.INVITED,), True, can_respond),
    # Declining an invitation whose revision was withdrawn or decided still tidies it away.
    "decline": ((AssignmentState.INVITED,), False, can_respond),
    "review": ((AssignmentState.ACCEPTED,), True, can_complete_review),
    "cancel": ((AssignmentState.INVITED, AssignmentState.ACCEPTED), False, can_cancel_assignment),
}


def may_attempt_on_assignment(user: User, action: str, assignment: ReviewAssignment) -> bool:
    """The role half of an assignment action; the service still checks the state."""
    entry = ASSIGNMENT_ACTIONS.get(action)
    return entry is not None and entry[2](user, assignment)


def assignment_actions(user: User, assignment: ReviewAssignment) -> list[str]:
    """What this user may do to this assignment now: its state, its revision's state and
    the role all allow it."""
    open_for_review = assignment.revision.state in OPEN_FOR_REVIEW
    return [
        action
        for action, (states, needs_open, predicate) in ASSIGNMENT_ACTIONS.items()
        if assignment.state in states
        and (open_for_review or not needs_open)
        and predicate(user, assignment)
    ]


# -- the same reading rules, as queryset filters ----------------------------------------
# Selectors narrow querysets with these, so a list shows exactly the rows whose page the
# predicates above would open.
NOTHING = Q(pk__in=[])


def articles_scope(user: User) -> Q:
    """Article rows: every one for those who oversee; otherwise the user's own."""
    if can_oversee(user):
        return Q()
    return Q(created_by_id=user.pk) if getattr(user, "pk", None) else NOTHING


def revisions_scope(user: User) -> Q:
    """Revision rows: every one for those who oversee; otherwise the author's own, and the
    reviewer's assigned ones (a cancelled invitation no longer opens the revision)."""
    if can_oversee(user):
        return Q()
    if getattr(user, "pk", None) is None:
        return NOTHING
    visible = Q(article__created_by_id=user.pk)
    if is_reviewer(user):
        invited = ReviewAssignment.objects.filter(
            revision=OuterRef("pk"), reviewer__user_id=user.pk
        ).exclude(state=AssignmentState.CANCELLED)
        visible |= Q(Exists(invited))
    return visible


def review_record_scope(user: User, article: str) -> Q:
    """can_see_review_record for rows of the review record (assignments, votes, audit
    events) reached from their article through the lookup `article`."""
    if not can_oversee(user):
        return NOTHING
    return ~Q(**{f"{article}__created_by_id": user.pk})


def assignments_scope(user: User) -> Q:
    """ReviewAssignment rows: the review record's, and a reviewer's own."""
    visible = review_record_scope(user, "revision__article")
    if is_reviewer(user):
        visible |= Q(reviewer__user_id=user.pk)
    return visible
