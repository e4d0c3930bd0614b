"""Who can be invited to review: never the author, once per revision, within capacity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from editorial import services
from editorial.errors import NotFound, NotPermitted, RuleViolation
from editorial.messages import AUTHOR_NEVER_REVIEWS
from editorial.models import AuditEvent
from reviewers.models import ReviewAssignment
from tests.factories import ReviewerFactory, UserFactory


def _refused(call, message: str) -> None:
    before = (AuditEvent.objects.count(), ReviewAssignment.objects.count())
    with pytest.raises(RuleViolation) as refused:
        call()
    assert refused.value.message == message
    assert (AuditEvent.objects.count(), ReviewAssignment.objects.count()) == before


def _invite(wf, revision, reviewer, **kwargs):
    return services.assignment_create(
        revision=revision, reviewer=reviewer, actor=wf.editor, **kwargs
    )


def test_the_author_is_never_invited_to_review_their_own_article(workflow):
    author_as_reviewer = ReviewerFactory(user=workflow.author, display_name="Dr Ada")
    revision = workflow.submitted()

    _refused(lambda: _invite(workflow, revision, author_as_reviewer), AUTHOR_NEVER_REVIEWS)
    assert AUTHOR_NEVER_REVIEWS == "An author never reviews their own article."


def test_a_reviewer_is_assigned_once_per_revision(workflow):
    revision = workflow.submitted()
    reviewer = workflow.reviewers[0]
    _invite(workflow, revision, reviewer)

    _refused(
        lambda: _invite(workflow, revision, reviewer),
        f"{reviewer.display_name} is already assigned to this revision.",
    )


def test_a_declined_reviewer_is_not_invited_again_to_the_same_revision(workflow):
    revision = workflow.submitted()
    reviewer = workflow.reviewers[0]
    assignment = _invite(workflow, revision, reviewer)
    services.assignment_decline(assignment=assignment, actor=reviewer.user, reason="Away.")

    _refused(
        lambda: _invite(workflow, revision, reviewer),
        f"{reviewer.display_name} is already assigned to this revision.",
    )


def test_the_database_also_holds_one_assignment_per_reviewer_per_revision(workflow):
    assignment = workflow.assigned(n=1)[0]

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewAssignment.objects.create(
            revision=assignment.revision,
            reviewer=assignment.reviewer,
            assigned_by=workflow.editor,
            due_at=assignment.due_at,
        )


def test_the_same_reviewer_may_review_the_next_revision(workflow):
    first = workflow.submitted()
    reviewer = workflow.reviewers[0]
    _invite(workflow, first, reviewer)
    services.revision_withdraw(revision=first, actor=workflow.author)
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    services.revision_submit(revision=second, actor=workflow.author)

    assignment = _invite(workflow, second, reviewer)

    assert assignment.state == "invited"


def test_a_reviewer_at_capacity_is_not_invited(workflow):
    reviewer = ReviewerFactory(max_active_reviews=2, display_name="Dr Busy")
    for _ in range(2):
        _invite(workflow, workflow.submitted(), reviewer)
    revision = workflow.submitted()

    _refused(
        lambda: _invite(workflow, revision, reviewer),
        "Dr Busy already has 2 active reviews (limit 2).",
    )


def test_finished_reviews_free_capacity(workflow):
    reviewer = ReviewerFactory(max_active_reviews=1)
    first = _invite(workflow, workflow.submitted(), reviewer)
    services.assignment_decline(assignment=first, actor=reviewer.user, reason="Away.")

    second = _invite(workflow, workflow.submitted(), reviewer)

    assert second.state == "invited"


def test_open_invitations_on_a_withdrawn_revision_free_capacity(workflow):
    reviewer = ReviewerFactory(max_active_reviews=1)
    abandoned = workflow.submitted()
    _invite(workflow, abandoned, reviewer)
    services.revision_withdraw(revision=abandoned, actor=workflow.author)

    assignment = _invite(workflow, workflow.submitted(), reviewer)

    assert assignment.state == "invited"


def test_an_accepted_review_left_open_by_a_decision_frees_capacity(workflow):
    reviewer = ReviewerFactory(max_active_reviews=1)
    decided = workflow.submitted()
    services.assignment_accept(
        assignment=_invite(workflow, decided, reviewer), actor=reviewer.user, has_conflict=False
    )
    workflow.reviewed(decided)
    services.revision_reject(revision=decided, actor=workflow.board[0], comment="Off topic.")

    assignment = _invite(workflow, workflow.submitted(), reviewer)

    assert assignment.state == "invited"


def test_an_inactive_reviewer_is_not_invited(workflow):
    reviewer = ReviewerFactory(is_active=False, display_name="Dr Retired")
    revision = workflow.submitted()

    _refused(lambda: _invite(workflow, revision, reviewer), "Dr Retired is not an active reviewer.")


def test_a_due_date_in_the_past_is_refused(workflow):
    revision = workflow.submitted()

    _refused(
        lambda: _invite(
            workflow, revision, workflow.reviewers[0], due_at=timezone.now() - timedelta(days=1)
        ),
        "The due date must be in the future.",
    )


def test_an_invitation_gets_the_default_due_date(workflow, settings):
    before = timezone.now()

    assignment = workflow.assigned(n=1)[0]

    days = settings.EDITORIAL["REVIEW_DUE_DAYS"]
    assert before + timedelta(days=days) <= assignment.due_at
    assert assignment.due_at <= timezone.now() + timedelta(days=days)


def test_someone_elses_invitation_does_not_exist_for_a_reviewer(workflow):
    assignment = workflow.assigned(n=1)[0]
    stranger = UserFactory(username="stranger", groups=["Reviewers"])

    with pytest.raises(NotFound) as refused:
        services.assignment_accept(assignment=assignment, actor=stranger, has_conflict=False)

    assert refused.value.status == 404


def test_an_editor_who_is_not_the_invited_reviewer_cannot_accept(workflow):
    assignment = workflow.assigned(n=1)[0]

    with pytest.raises(NotPermitted) as refused:
        services.assignment_accept(assignment=assignment, actor=workflow.editor, has_conflict=False)

    assert refused.value.message == "This invitation is not yours."
