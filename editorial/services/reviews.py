"""Reviewer assignments: invite, accept, decline, cancel, complete, extend; starting review;
and closing what is left open when a revision leaves review."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from articles.models import Revision, RevisionState
from reviewers.models import ReReview, ReviewAssignment, ReviewDraft, Reviewer

from .. import notifications, policy, workflow
from ..errors import RuleViolation
from ..messages import (
    AUTHOR_NEVER_REVIEWS,
    NO_ONE_TO_REINVITE,
    NOT_IN_REVIEWERS,
    REVIEWER_CONFLICT,
    REVIEWER_VOTED,
    WRONG_RECOMMENDATION,
)
from ..models import BoardRecusal
from ..policy import Actor
from ..rules import rules_for, rules_for_class
from ..selectors.admin import last_round_reviewer_list
from ..selectors.counting import review_counted_count
from . import reviewer_links
from ._base import apply, intake_service, lock, workflow_service
from .changes import checked_change


def default_due_at(revision: Revision | None = None) -> datetime:
    """When a review is due if the editor does not say: sooner for a correction."""
    rules = rules_for(revision) if revision is not None else rules_for_class("")
    days = rules.review_due_days
    return timezone.now() + timedelta(days=days)


def _require_future(due_at: datetime) -> None:
    if due_at <= timezone.now():
        raise RuleViolation("The due date must be in the future.", fields={"due_at": ["past"]})


@workflow_service
def assignment_create(
    *, revision: Revision, reviewer: Reviewer, actor: Actor, due_at: datetime | None = None
) -> ReviewAssignment:
    """An editor invites a reviewer; the author and the conflicted are never invited."""
    revision = lock(revision)
    act = workflow.guard("assign_reviewer", actor, revision)
    return invite(act, revision=revision, rereview=None, reviewer=reviewer, actor=actor,
                  due_at=due_at)  # fmt: skip


@workflow_service
def revision_reinvite_reviewers(
    *, revision: Revision, actor: Actor, due_at: datetime | None = None
) -> list[ReviewAssignment]:
    """An editor invites again, in one step, the reviewers of the article's last reviewed
    revision who may still review it; each is invited as by assignment_create."""
    revision = lock(revision)
    workflow.guard("reinvite_reviewers", actor, revision)
    reviewers = last_round_reviewer_list(revision)
    if not reviewers:
        raise RuleViolation(NO_ONE_TO_REINVITE)
    act = workflow.action("assign_reviewer")
    return [
        invite(act, revision=revision, rereview=None, reviewer=reviewer, actor=actor, due_at=due_at)
        for reviewer in reviewers
    ]


def invite(
    act: workflow.Action,
    *,
    revision: Revision,
    rereview: ReReview | None,
    reviewer: Reviewer,
    actor: Actor,
    due_at: datetime | None,
) -> ReviewAssignment:
    """The invitation's rules, for a revision's review and a re-review of the published one
    alike; the caller has locked the row and passed the guard."""
    reviewer = lock(reviewer)
    due_at = due_at or default_due_at(revision)
    if not reviewer.is_active:
        raise RuleViolation(f"{reviewer.display_name} is not an active reviewer.")
    if policy.wrote(reviewer.user, revision.article):
        raise RuleViolation(AUTHOR_NEVER_REVIEWS)
    if not policy.is_reviewer(reviewer.user):
        raise RuleViolation(NOT_IN_REVIEWERS.format(name=reviewer.display_name))
    if ReviewAssignment.objects.filter(
        revision=revision, rereview=rereview, reviewer=reviewer
    ).exists():
        what = "re-review" if rereview is not None else "revision"
        raise RuleViolation(f"{reviewer.display_name} is already assigned to this {what}.")
    if (
        ReviewAssignment.objects.filter(
            reviewer=reviewer, revision__article=revision.article, has_conflict=True
        ).exists()
        or BoardRecusal.objects.filter(member=reviewer.user, article=revision.article).exists()
    ):
        raise RuleViolation(REVIEWER_CONFLICT.format(name=reviewer.display_name))
    if (
        policy.keeps_vote_and_review_apart()
        and revision.votes.filter(member=reviewer.user).exists()
    ):
        raise RuleViolation(REVIEWER_VOTED.format(name=reviewer.display_name))
    load = ReviewAssignment.objects.load_of(reviewer)
    if load >= reviewer.max_active_reviews:
        raise RuleViolation(
            f"{reviewer.display_name} already has {load} active reviews "
            f"(limit {reviewer.max_active_reviews})."
        )
    _require_future(due_at)
    assignment = ReviewAssignment.objects.create(
        revision=revision, rereview=rereview, reviewer=reviewer, assigned_by=actor, due_at=due_at
    )
    # The invitation carries a link that opens this assignment alone, without a password.
    token = reviewer_links.issue(assignment, actor=actor)
    link = assignment.links.get()
    # The assignment is born invited: the event records its creation, told to its reviewer.
    apply(act, assignment, actor=actor, tell=False, from_state="",
          data={"due_at": due_at.isoformat(), "link": link.pk,
                "link_expires_at": link.expires_at.isoformat()})  # fmt: skip
    assignment.link_url = reviewer_links.link_url(token)
    notifications.tell(act, assignment)
    return assignment


@workflow_service
def assignment_accept(
    *, assignment: ReviewAssignment, actor: Actor, has_conflict: bool, conflict_statement: str = ""
) -> ReviewAssignment:
    """The reviewer accepts and declares any conflict of interest, which the board will see."""
    assignment = lock(assignment)
    act = workflow.guard("accept", actor, assignment)
    statement = conflict_statement.strip()
    if has_conflict and not statement:
        raise RuleViolation(
            "Describe the conflict of interest you are declaring.",
            fields={"conflict_statement": ["required when declaring a conflict"]},
        )
    apply(
        act,
        assignment,
        actor=actor,
        changes={
            "has_conflict": has_conflict,
            "conflict_statement": statement,
            "responded_at": timezone.now(),
        },
        comment=statement,
        data={"has_conflict": has_conflict},
    )
    return assignment


@workflow_service
def assignment_decline(
    *, assignment: ReviewAssignment, actor: Actor, reason: str
) -> ReviewAssignment:
    """The reviewer declines an invitation, saying why."""
    assignment = lock(assignment)
    act = workflow.guard("decline", actor, assignment)
    if not reason.strip():
        raise RuleViolation("Give a reason for declining.", fields={"reason": ["required"]})
    apply(
        act,
        assignment,
        actor=actor,
        changes={"decline_reason": reason.strip(), "responded_at": timezone.now()},
        comment=reason,
    )
    return assignment


@workflow_service
def assignment_cancel(
    *, assignment: ReviewAssignment, actor: Actor, reason: str = ""
) -> ReviewAssignment:
    """An editor withdraws an invitation or an accepted review not yet completed."""
    assignment = lock(assignment)
    act = workflow.guard("cancel", actor, assignment)
    apply(act, assignment, actor=actor, changes={"cancel_reason": reason.strip()}, comment=reason)
    return assignment


@workflow_service
def assignment_extend_due(
    *, assignment: ReviewAssignment, actor: Actor, due_at: datetime
) -> ReviewAssignment:
    """An editor gives a reviewer more time; the reviewer is told the new date."""
    assignment = lock(assignment)
    act = workflow.guard("extend_due", actor, assignment)
    _require_future(due_at)
    if due_at <= assignment.due_at:
        raise RuleViolation(
            "The new due date must be later than the current one.",
            fields={"due_at": ["not later"]},
        )
    previous = assignment.due_at
    apply(
        act,
        assignment,
        actor=actor,
        changes={"due_at": due_at},
        data={"from": previous.isoformat(), "to": due_at.isoformat()},
    )
    reviewer_links.extend_links(assignment)
    return assignment


def close_assignments(revision: Revision, *, actor: Actor, reason: str) -> None:
    """Cancel the invitations and unfinished reviews of a revision that has left review, so
    no queue, load or reminder counts them; each cancellation is audited with the reason."""
    act = workflow.action("cancel")
    for assignment in ReviewAssignment.objects.open_on(revision).select_for_update():
        apply(act, assignment, actor=actor, changes={"cancel_reason": reason}, comment=reason)


@workflow_service
def review_complete(
    *,
    assignment: ReviewAssignment,
    actor: Actor,
    recommendation: str,
    comments_for_author: str,
    confidential_comments: str = "",
    credit_consent: bool = False,
) -> ReviewAssignment:
    """The reviewer submits a recommendation with comments for the author and the board, and
    says whether they may be named as a reviewer once the article is published."""
    assignment = lock(assignment)
    act = workflow.guard("review", actor, assignment)
    revision = lock(assignment.revision)
    if recommendation not in assignment.recommendations:
        raise RuleViolation(
            WRONG_RECOMMENDATION.format(choices=", ".join(assignment.recommendations) + "."),
            fields={"recommendation": ["invalid choice"]},
        )
    if not comments_for_author.strip():
        raise RuleViolation(
            "Write comments for the author.", fields={"comments_for_author": ["required"]}
        )
    apply(
        act,
        assignment,
        actor=actor,
        changes={
            "recommendation": recommendation,
            "comments_for_author": comments_for_author.strip(),
            "confidential_comments": confidential_comments.strip(),
            "completed_at": timezone.now(),
            "credit_consent": bool(credit_consent),
        },
        data={"recommendation": recommendation, "credit_consent": bool(credit_consent)},
    )
    # The draft has become the review.
    ReviewDraft.objects.filter(assignment=assignment).delete()
    required = rules_for(revision).required_reviews
    if (
        not assignment.is_rereview
        and revision.state == RevisionState.UNDER_REVIEW
        and review_counted_count(revision) == required
    ):
        notifications.awaiting_vote(revision)
    return assignment


@workflow_service
def revision_start_review(
    *, revision: Revision, actor: Actor, change_class: str = "", change_note: str | None = None
) -> Revision:
    """An editor opens review once the reviewers the revision's class needs have accepted
    (at least one; none for a minor change), confirming or changing the class the author
    chose (and its note); from here on both are frozen."""
    revision = lock(revision)
    act = workflow.guard("start_review", actor, revision)
    before = {"change_class": revision.change_class, "change_note": revision.change_note}
    after = checked_change(
        revision.article,
        change_class or revision.change_class,
        revision.change_note if change_note is None else change_note,
        number=revision.number,
        require_note=True,
    )
    for name, value in after.items():
        setattr(revision, name, value)
    if (
        rules_for(revision).required_reviews
        and not ReviewAssignment.objects.taken_on(revision).exists()
    ):
        raise RuleViolation("Review starts once at least one reviewer has accepted.")
    changed = {k: {"from": before[k], "to": v} for k, v in after.items() if before[k] != v}
    apply(
        act,
        revision,
        actor=actor,
        changes={"review_started_at": timezone.now(), **after},
        data={"change_class": revision.change_class, **({"changed": changed} if changed else {})},
    )
    if review_counted_count(revision) >= rules_for(revision).required_reviews:
        notifications.awaiting_vote(revision)
    return revision


@intake_service
def review_draft_save(
    *,
    assignment: ReviewAssignment,
    actor: Actor,
    recommendation: str = "",
    comments_for_author: str = "",
    confidential_comments: str = "",
) -> ReviewDraft:
    """The reviewer keeps what they have written so far; only they read it, and it is not a
    review until submitted. Saved every few seconds as they type, so not audited: the
    submitted review is."""
    assignment = lock(assignment)
    workflow.guard("review", actor, assignment)
    if recommendation and recommendation not in assignment.recommendations:
        raise RuleViolation(
            WRONG_RECOMMENDATION.format(choices=", ".join(assignment.recommendations) + "."),
            fields={"recommendation": ["invalid choice"]},
        )
    draft, _ = ReviewDraft.objects.update_or_create(
        assignment=assignment,
        defaults={
            "recommendation": recommendation,
            "comments_for_author": comments_for_author,
            "confidential_comments": confidential_comments,
            "saved_at": timezone.now(),
        },
    )
    return draft
