"""Right state, right person, rule not met: RuleViolation in the user's words, and no change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import services
from editorial.errors import NotPermitted, RuleViolation
from editorial.messages import REVIEWS_MISSING, VOTER_CONFLICT
from editorial.models import AuditEvent, BoardRecusal, BoardVote
from tests.workflow import reach


def _refused(call, message: str) -> RuleViolation:
    events_before = AuditEvent.objects.count()
    with pytest.raises(RuleViolation) as refused:
        call()
    assert refused.value.message == message
    assert refused.value.code == "rule_violation"
    assert AuditEvent.objects.count() == events_before
    return refused.value


@pytest.mark.parametrize(
    ("body", "references", "message"),
    [
        (
            "Salt raises blood pressure [1] and [7].",
            2,
            "Cannot submit: citation [7] has no reference.",
        ),
        (
            "See [3] and [2-4].",
            2,
            "Cannot submit: citations [3], [4] have no reference.",
        ),
        ("No references at all.", 0, "Cannot submit: the revision needs at least one reference."),
        ("", 1, "Cannot submit: the revision needs a body."),
    ],
)
def test_submit_with_incomplete_content_is_refused_and_stays_draft(
    body, references, message, workflow
):
    revision = workflow.draft(body=body, references=references)

    _refused(lambda: services.revision_submit(revision=revision, actor=workflow.author), message)

    revision.refresh_from_db()
    assert revision.state == "draft"
    assert revision.content_hash == ""


def test_submit_without_title_body_or_references_names_all_that_is_missing(workflow):
    revision = workflow.draft(body="  ", references=0)
    services.revision_edit(revision=revision, actor=workflow.author, title="")

    _refused(
        lambda: services.revision_submit(revision=revision, actor=workflow.author),
        "Cannot submit: the revision needs a title, a body, at least one reference.",
    )


def test_start_review_before_any_reviewer_accepted_is_refused(workflow):
    revision = workflow.assigned(n=2)[0].revision

    _refused(
        lambda: services.revision_start_review(revision=revision, actor=workflow.editor),
        "Review starts once at least one reviewer has accepted.",
    )
    revision.refresh_from_db()
    assert revision.state == "submitted"


def test_approve_without_the_required_completed_reviews_is_refused(workflow):
    revision = workflow.under_review()

    _refused(
        lambda: services.revision_approve(revision=revision, actor=workflow.board[0]),
        REVIEWS_MISSING.format(required=2, reviews=0),
    )
    assert REVIEWS_MISSING.format(required=2, reviews=0) == (
        "Approval needs 2 completed reviews without a declared conflict; 0 so far."
    )
    assert not BoardVote.objects.exists()


@pytest.mark.parametrize("service", ["revision_request_changes", "revision_reject"])
def test_sending_back_or_rejecting_without_a_comment_is_refused(service, workflow):
    revision = reach(workflow, "reviewed")

    _refused(
        lambda: getattr(services, service)(revision=revision, actor=workflow.board[0], comment=" "),
        "Write a comment for the author explaining the decision.",
    )
    revision.refresh_from_db()
    assert revision.state == "under_review"


def test_a_second_vote_by_the_same_member_is_refused(workflow):
    revision = reach(workflow, "reviewed")
    services.revision_approve(revision=revision, actor=workflow.board[0])

    _refused(
        lambda: services.revision_approve(revision=revision, actor=workflow.board[0]),
        "You have already voted on this revision.",
    )
    assert BoardVote.objects.filter(revision=revision).count() == 1


def test_a_member_who_declares_a_conflict_when_voting_is_recused_not_counted(workflow):
    revision = reach(workflow, "reviewed")
    member = workflow.board[0]

    services.board_vote(
        revision=revision,
        actor=member,
        decision="approve",
        conflict_of_interest="I advise the drug's manufacturer.",
    )

    assert not BoardVote.objects.exists()
    recusal = BoardRecusal.objects.get()
    assert (recusal.member, recusal.article, recusal.statement) == (
        member,
        revision.article,
        "I advise the drug's manufacturer.",
    )
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.actor, event.revision, event.comment) == (
        "board_recused",
        member,
        revision,
        "I advise the drug's manufacturer.",
    )
    with pytest.raises(NotPermitted) as refused:
        services.revision_approve(revision=revision, actor=member)
    assert (
        refused.value.message
        == VOTER_CONFLICT
        == ("You declared a conflict of interest with this article, so you may not vote on it.")
    )


def test_a_vote_with_an_unknown_decision_is_refused(workflow):
    revision = reach(workflow, "reviewed")

    error = _refused(
        lambda: services.board_vote(revision=revision, actor=workflow.board[0], decision="maybe"),
        "Choose a decision: approve, request_changes or reject.",
    )
    assert error.fields == {"decision": ["invalid choice"]}


def test_unpublish_without_a_public_reason_is_refused(workflow):
    revision = reach(workflow, "published")

    _refused(
        lambda: services.revision_unpublish(revision=revision, actor=workflow.board[0], reason=""),
        "Give the public reason for the retraction.",
    )
    revision.refresh_from_db()
    assert revision.state == "published"


def test_scheduling_publication_in_the_past_is_refused(workflow):
    revision = reach(workflow, "approved")

    _refused(
        lambda: services.revision_schedule_publication(
            revision=revision, actor=workflow.editor, publish_at=timezone.now() - timedelta(1)
        ),
        "The publication time must be in the future; to publish now, publish.",
    )


def test_accepting_with_a_conflict_but_no_statement_is_refused(workflow):
    assignment = workflow.assigned(n=1)[0]

    _refused(
        lambda: services.assignment_accept(
            assignment=assignment, actor=assignment.reviewer.user, has_conflict=True
        ),
        "Describe the conflict of interest you are declaring.",
    )


def test_declining_without_a_reason_is_refused(workflow):
    assignment = workflow.assigned(n=1)[0]

    _refused(
        lambda: services.assignment_decline(
            assignment=assignment, actor=assignment.reviewer.user, reason=""
        ),
        "Give a reason for declining.",
    )


@pytest.mark.parametrize(
    ("recommendation", "comments", "message"),
    [
        ("approve", "", "Write comments for the author."),
        (
            "publish it",
            "Fine.",
            "Choose a recommendation: approve, minor_changes, major_changes, reject.",
        ),
    ],
)
def test_completing_a_review_without_a_valid_recommendation_and_comments_is_refused(
    recommendation, comments, message, workflow
):
    services_rev = workflow.under_review()
    assignment = services_rev.assignments.first()

    _refused(
        lambda: services.review_complete(
            assignment=assignment,
            actor=assignment.reviewer.user,
            recommendation=recommendation,
            comments_for_author=comments,
        ),
        message,
    )
