"""Who may do what, and who may read what, for the admin and the API alike. Small
predicates; no writes.

Roles are groups (created by a data migration); object rules sit on top: an
author acts only on their own articles, a reviewer only on their own
assignments, and nobody reviews, votes on or reads the review record of an article
they wrote. Whether an action fits the current *state* is the workflow registry's
question (editorial/workflow.py), which pairs each action with one predicate here. The
*_scope functions are the reading predicates as queryset filters, for the selectors.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, TypeAlias

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q

from articles.models import Article, Revision
from reviewers.models import AssignmentState, ReReview, ReReviewState, ReviewAssignment

from .models import BoardRecusal, BoardVote, ReaderReport
from .review_mode import authors_hidden_from_reviewers, reviewers_named_to_authors

AUTHORS = "Authors"
REVIEWERS = "Reviewers"
EDITORS = "Editors"
BOARD = "Advisory Board"
# Not a role of its own: marks an author account as an automated drafting pipeline, which
# must say how each revision was drafted.
PIPELINES = "Pipelines"
ROLE_GROUPS = (AUTHORS, REVIEWERS, EDITORS, BOARD, PIPELINES)

User: TypeAlias = AbstractBaseUser | AnonymousUser
# Who acts in a service: a person, or None when the system acts (a scheduled publication).
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | None
CACHES = ("_imprimatur_roles", "_imprimatur_vote_bars")


def roles(user: User) -> frozenset[str]:
    """The user's role groups, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_imprimatur_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._imprimatur_roles = cached
    return cached


def forget(user: Actor) -> None:
    """Drop what was read about the user, so a service decides on what the database says
    inside its own transaction."""
    for name in CACHES:
        if user is not None and name in user.__dict__:
            delattr(user, name)


def with_roles(users: Iterable[User]) -> list[User]:
    """Users whose groups were prefetched, with their roles read from those groups."""
    people = list(users)
    for user in people:
        user._imprimatur_roles = frozenset(
            g.name for g in user.groups.all() if g.name in ROLE_GROUPS
        )
    return people


def is_author(user: User) -> bool:
    return AUTHORS in roles(user)


def is_reviewer(user: User) -> bool:
    return REVIEWERS in roles(user)


def is_editor(user: User) -> bool:
    return EDITORS in roles(user)


def is_pipeline(user: User) -> bool:
    return PIPELINES in roles(user)


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


def can_see_article(user: User, article: Article) -> bool:
    return can_oversee(user) or wrote(user, article)


def can_see_revision(user: User, revision: Revision) -> bool:
    """Those who oversee, the author, and a reviewer invited to it (not cancelled)."""
    if can_oversee(user) or wrote(user, revision.article):
        return True
    return (
        is_reviewer(user)
        and ReviewAssignment.objects.filter(revision=revision, reviewer__user_id=user.pk)
        .exclude(state=AssignmentState.CANCELLED)
        .exists()
    )


def can_see_assignment(user: User, assignment: ReviewAssignment) -> bool:
    return sees_assignment_in_full(user, assignment)


def can_see_review_record(user: User, revision: Revision) -> bool:
    """Reviewers' names, conflict declarations, confidential comments, votes and history:
    for those who oversee, and never for the article's author, superusers included."""
    return can_oversee(user) and not wrote(user, revision.article)


def sees_authors(user: User) -> bool:
    """Knows who wrote each article they may read: everyone, except reviewers in
    double-anonymous review; those who oversee (a reviewer who is also an editor, board
    member or administrator) always do. Lists use it for columns, search and filters."""
    return not authors_hidden_from_reviewers() or can_oversee(user)


def can_see_author(user: User, article: Article) -> bool:
    """Who wrote this article: as sees_authors, and the author always knows."""
    return sees_authors(user) or wrote(user, article)


def can_see_reviewer_names(user: User, revision: Revision) -> bool:
    """Who reviewed, beside the blinded reviews the author reads: only in open review (those
    who read the review record see the names whatever the mode)."""
    return reviewers_named_to_authors() and can_see_feedback(user, revision)


def can_see_feedback(user: User, revision: Revision) -> bool:
    """The reviews' comments for the author and the board's comments, blinded: once the
    board has decided (reviews inform the decision, and the author hears them with it)."""
    return revision.decided_at is not None and (wrote(user, revision.article) or can_oversee(user))


def can_list_reviewers(user: User) -> bool:
    return can_oversee(user)


def can_issue_token(user: Actor, person: User) -> bool:
    """Only the person themselves asks for a token (None: the operator at the console)."""
    return user is None or (user.is_authenticated and user.pk == person.pk)


def can_revoke_token(user: Actor, person: User) -> bool:
    """The person, or an administrator stopping a leaked token."""
    return can_issue_token(user, person) or is_superuser(user)


def needs_second_factor(user: User) -> bool:
    """Editors, the board and superusers sign in with a one-time code as well as a password:
    what they can do reaches the public. Authors and reviewers may use the password alone."""
    return is_editor(user) or is_board(user) or is_superuser(user)


def verified(user: User) -> bool:
    """Whether this request's session passed the second factor (django-otp's middleware)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def can_enrol_second_factor(user: Actor, person: User) -> bool:
    """Only the person sets up their own authenticator (None: the operator, for the demo)."""
    return can_issue_token(user, person)


def can_reset_second_factor(user: Actor, person: User) -> bool:
    """An administrator clears a lost authenticator, so the person sets up a new one at their
    next sign-in."""
    return can_administer_accounts(user)


def can_keep_reviewer_records(user: Actor) -> bool:
    """Reviewer profiles and specialties are the editors' to keep (None: the operator at the
    console, running a management command)."""
    return user is None or is_editor(user) or is_superuser(user)


def may_have_public_profile(user: User) -> bool:
    """Reviewers (with a reviewer profile) and board members may have a public profile page,
    shown only if they consent."""
    return is_board(user) or (is_reviewer(user) and hasattr(user, "reviewer"))


def is_self(user: Actor, person: User) -> bool:
    return user is not None and getattr(user, "pk", None) is not None and user.pk == person.pk


def can_edit_public_profile(user: Actor, person: User) -> bool:
    """A person keeps their own public profile (None: the operator at the console, who may
    fill in its details but never consents for them)."""
    return user is None or is_self(user, person)


def can_withdraw_public_profile(user: Actor, person: User) -> bool:
    """The person takes their page down, or the editors do (at the person's request, or for
    what should not be shown)."""
    return can_edit_public_profile(user, person) or can_keep_reviewer_records(user)


def can_administer_accounts(user: Actor) -> bool:
    """Accounts, passwords and role groups are the site administrators' (None: the operator
    at the console)."""
    return user is None or is_superuser(user)


def sees_assignment_in_full(user: User, assignment: ReviewAssignment) -> bool:
    """Who reviews, their conflict declaration and confidential comments: the review record's
    readers, and the reviewer on their own assignment."""
    return can_see_review_record(user, assignment.revision) or owns_assignment(user, assignment)


def sees_blinded_review(user: User, assignment: ReviewAssignment) -> bool:
    """A completed review as "Reviewer n" with its comments for the author only; a re-review's
    once the board has closed the re-review (as a review's once the board has decided)."""
    if assignment.rereview_id is not None and assignment.rereview.state == ReReviewState.OPEN:
        return False
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


def can_manage_assignment(user: User, assignment: ReviewAssignment) -> bool:
    """Cancel an assignment or move its due date."""
    return is_editor(user) and not wrote(user, assignment.revision.article)


def can_start_review(user: User, revision: Revision) -> bool:
    return is_editor(user) and not wrote(user, revision.article)


def can_plan_rereview(user: User, article: Article) -> bool:
    """Hears that a published article's re-review is coming due: its editors."""
    return is_editor(user) and not wrote(user, article)


def can_schedule_publication(user: User, revision: Revision) -> bool:
    return (is_editor(user) or is_board(user)) and not wrote(user, revision.article)


def can_publish(user: User, revision: Revision) -> bool:
    return (is_editor(user) or is_board(user)) and not wrote(user, revision.article)


# -- reviewers ---------------------------------------------------------------
def owns_assignment(user: User, assignment: ReviewAssignment) -> bool:
    return is_reviewer(user) and assignment.reviewer.user_id == user.pk


def can_respond(user: User, assignment: ReviewAssignment) -> bool:
    """Accept or decline an invitation: the invited reviewer, unless they wrote the article,
    or voted on this revision as a board member (the review stays apart from the decision)."""
    revision = assignment.revision
    if not owns_assignment(user, assignment) or wrote(user, revision.article):
        return False
    return not (keeps_vote_and_review_apart() and voted_on(user, revision))


def can_complete_review(user: User, assignment: ReviewAssignment) -> bool:
    return can_respond(user, assignment)


# -- board -------------------------------------------------------------------
class VoteBars(NamedTuple):
    conflicted_articles: frozenset[int]  # recused, or declared on accepting a review
    reviewed_revisions: frozenset[int]  # peer-reviewed (accepted or completed)
    voted_revisions: frozenset[int]  # voted on as a board member


def _vote_bars(user: User) -> VoteBars:
    """What keeps a board member's vote and review apart; read once per user object."""
    cached = getattr(user, "_imprimatur_vote_bars", None)
    if cached is None:
        conflicted = set(
            BoardRecusal.objects.filter(member_id=user.pk).values_list("article_id", flat=True)
        )
        reviewed = set()
        assignments = ReviewAssignment.objects.filter(reviewer__user_id=user.pk).values_list(
            "revision_id", "revision__article_id", "has_conflict", "state"
        )
        for revision_id, article_id, has_conflict, state in assignments:
            if has_conflict:
                conflicted.add(article_id)
            if state in PEER_REVIEWING:
                reviewed.add(revision_id)
        voted = BoardVote.objects.filter(member_id=user.pk).values_list("revision_id", flat=True)
        cached = VoteBars(frozenset(conflicted), frozenset(reviewed), frozenset(voted))
        user._imprimatur_vote_bars = cached
    return cached


PEER_REVIEWING = (AssignmentState.ACCEPTED, AssignmentState.COMPLETED)


def is_recused(user: User, article: Article) -> bool:
    """Declared a conflict of interest with the article, as a board member or a reviewer."""
    return article.pk in _vote_bars(user).conflicted_articles


def peer_reviewed(user: User, revision: Revision) -> bool:
    return revision.pk in _vote_bars(user).reviewed_revisions


def voted_on(user: User, revision: Revision) -> bool:
    return is_board(user) and revision.pk in _vote_bars(user).voted_revisions


def keeps_vote_and_review_apart() -> bool:
    return not settings.EDITORIAL["REVIEWER_MAY_VOTE"]


def can_vote(user: User, revision: Revision) -> bool:
    """Board members vote, but not on an article they wrote or declared a conflict with, nor
    on a revision they peer-reviewed (unless EDITORIAL["REVIEWER_MAY_VOTE"]): the decision
    stays independent of the review."""
    if not is_board(user) or wrote(user, revision.article):
        return False
    if is_recused(user, revision.article):
        return False
    return not (keeps_vote_and_review_apart() and peer_reviewed(user, revision))


def can_recuse(user: User, revision: Revision) -> bool:
    return (
        is_board(user)
        and not wrote(user, revision.article)
        and not is_recused(user, revision.article)
    )


def can_unpublish(user: User, revision: Revision) -> bool:
    return is_board(user) and not wrote(user, revision.article)


# -- re-review of a published article -------------------------------------------
def can_see_rereview(user: User, rereview: ReReview) -> bool:
    """A re-review is part of the review record: who re-reviews, what they say."""
    return can_see_review_record(user, rereview.revision)


def can_open_rereview(user: User, revision: Revision) -> bool:
    """Editors open the periodic re-review of a live revision, never of their own article."""
    return is_editor(user) and not wrote(user, revision.article)


def can_manage_rereview(user: User, rereview: ReReview) -> bool:
    """Invite its reviewers, or cancel it: the editors, as for a revision's review."""
    return is_editor(user) and not wrote(user, rereview.article)


def rereviewed(user: User, rereview: ReReview) -> bool:
    """Took part in this re-review as a reviewer (accepted or completed). Reads
    rereview.assignments.all(), so a prefetched re-review costs no query."""
    return any(
        a.reviewer.user_id == user.pk and a.state in PEER_REVIEWING
        for a in rereview.assignments.all()
    )


def can_decide_rereview(user: User, rereview: ReReview) -> bool:
    """Attest "still accurate" or open an update: a board member who did not write the
    article, has not declared a conflict with it, and did not re-review it (the decision
    stays apart from the review)."""
    if not is_board(user) or wrote(user, rereview.article):
        return False
    return not is_recused(user, rereview.article) and not rereviewed(user, rereview)


def has_open_rereview(revision: Revision) -> bool:
    """Reads revision.open_rereviews when a list prefetched it (selectors.api)."""
    prefetched = getattr(revision, "open_rereviews", None)
    if prefetched is not None:
        return bool(prefetched)
    return ReReview.objects.filter(revision=revision, state=ReReviewState.OPEN).exists()


def has_voted(user: User, revision: Revision) -> bool:
    """Reads revision.votes.all(), so a prefetched revision costs no query."""
    return any(vote.member_id == user.pk for vote in revision.votes.all())


def latest_revision(article: Article) -> Revision | None:
    """The article's newest revision; reads prefetched revisions (newest first) if any."""
    cache = getattr(article, "_prefetched_objects_cache", {})
    if "revisions" in cache:
        return next(iter(cache["revisions"]), None)
    return article.revisions.order_by("-number").first()


# -- readers' reports ---------------------------------------------------------
# Reports hold a reader's words and perhaps their e-mail address: personal data read by as
# few people as the work needs, the editors (and the site's administrators). Like the
# review record, never by someone about an article they wrote.
def can_see_reader_reports(user: User) -> bool:
    """The editors' queue of readers' reports opens at all."""
    return is_editor(user) or is_superuser(user)


def can_see_reader_report(user: User, report: ReaderReport) -> bool:
    return can_see_reader_reports(user) and not wrote(user, report.article)


def can_handle_reader_report(user: User, report: ReaderReport) -> bool:
    """Acknowledge, resolve or dismiss: editors, not about an article they wrote."""
    return is_editor(user) and not wrote(user, report.article)


def can_open_correction(user: User, report: ReaderReport) -> bool:
    """Turn a report into a correction draft for the article's author: the editors who
    handle reports; the author is told and writes the correction."""
    return can_handle_reader_report(user, report)


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


def rereviews_scope(user: User) -> Q:
    """ReReview rows: can_see_rereview as a filter."""
    return review_record_scope(user, "article")


def reader_reports_scope(user: User) -> Q:
    """ReaderReport rows: can_see_reader_report as a filter."""
    if not can_see_reader_reports(user):
        return NOTHING
    return ~Q(article__created_by_id=user.pk)
