"""Periodic re-review: an action on the live revision, never a new revision. Reviewers say
"still accurate" or "needs update"; a board member attests (the dates move, nothing of the
content does) or opens an update (a new draft for the author)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from articles.models import Article, Revision, RevisionState
from editorial import services
from editorial.errors import InvalidTransition, NotFound, NotPermitted, RuleViolation
from editorial.messages import (
    NOT_REREVIEW_DECIDER,
    REREVIEW_ALREADY_OPEN,
    REREVIEW_NEEDS_UPDATE,
)
from editorial.models import AuditAction, AuditEvent
from editorial.selectors import rereview_attestations
from editorial.services.rereviews import add_months
from reviewers.models import AssignmentState, ReReviewState
from tests.workflow import UPDATE


def _a_year_ago(article: Article) -> None:
    """The article as it stood a year after its approval (dates are not workflow state)."""
    Article.objects.filter(pk=article.pk).update(
        last_reviewed_on=date(2025, 1, 10), next_review_due=date(2026, 1, 10)
    )


def test_attestation_keeps_revision_and_hash_moves_the_dates_and_is_audited(workflow):
    live = workflow.published()
    _a_year_ago(live.article)
    rereview = workflow.rereview(live)
    revisions_before = Revision.objects.filter(article=live.article).count()
    member = workflow.board[2]

    services.rereview_attest(rereview=rereview, actor=member, note="Checked against NICE 2025.")

    today = timezone.localdate()
    article = Article.objects.get(pk=live.article_id)
    revision = Revision.objects.get(pk=live.pk)
    assert article.last_reviewed_on == today
    assert article.next_review_due == add_months(today, 12)
    assert article.live_revision_id == live.pk
    assert revision.state == RevisionState.PUBLISHED
    assert revision.content_hash == live.content_hash
    assert revision.published_at == live.published_at
    assert Revision.objects.filter(article=live.article).count() == revisions_before
    rereview.refresh_from_db()
    assert rereview.state == ReReviewState.ATTESTED
    assert rereview.closed_by == member
    event = AuditEvent.objects.filter(action=AuditAction.REREVIEW_ATTESTED).get()
    assert (event.actor, event.revision_id, event.from_state, event.to_state) == (
        member, live.pk, "open", "attested"
    )  # fmt: skip
    assert event.comment == "Checked against NICE 2025."
    assert event.data["content_hash"] == live.content_hash
    assert event.data["last_reviewed_on"] == today.isoformat()
    assert event.data["previous_next_review_due"] == "2026-01-10"
    assert rereview_attestations(article)[0].on == today
    assert rereview_attestations(article)[0].label == "Reviewed, no changes needed"


def test_opening_a_rereview_is_audited_and_only_one_is_open_at_a_time(workflow):
    live = workflow.published()

    rereview = services.rereview_open(revision=live, actor=workflow.editor)

    event = AuditEvent.objects.filter(action=AuditAction.REREVIEW_OPENED).get()
    assert (event.actor, event.revision_id, event.to_state) == (workflow.editor, live.pk, "open")
    assert event.data["rereview"] == rereview.pk
    with pytest.raises(RuleViolation) as refused:
        services.rereview_open(revision=live, actor=workflow.editor)
    assert refused.value.message == REREVIEW_ALREADY_OPEN


def test_only_the_live_revision_is_rereviewed(workflow):
    approved = workflow.approved()

    with pytest.raises(InvalidTransition) as refused:
        services.rereview_open(revision=approved, actor=workflow.editor)

    assert "Only the live, published revision is re-reviewed" in refused.value.message


def test_a_reviewer_of_the_revision_may_be_asked_again_on_its_rereview(workflow):
    live = workflow.published()
    first_reviewer = live.assignments.order_by("pk").first().reviewer

    rereview = workflow.rereview(live, reviewers=[first_reviewer])

    assignment = rereview.assignments.get()
    assert assignment.reviewer == first_reviewer
    assert assignment.revision_id == live.pk
    assert assignment.recommendation == "still_accurate"
    assert assignment.state == AssignmentState.COMPLETED


def test_recommendations_fit_the_kind_of_assignment(workflow):
    live = workflow.published()
    rereview = services.rereview_open(revision=live, actor=workflow.editor)
    reviewer = workflow.reviewers[2]
    assignment = services.rereview_assign(
        rereview=rereview, reviewer=reviewer, actor=workflow.editor
    )
    services.assignment_accept(assignment=assignment, actor=reviewer.user, has_conflict=False)

    with pytest.raises(RuleViolation) as refused:
        services.review_complete(
            assignment=assignment, actor=reviewer.user, recommendation="approve",
            comments_for_author="Fine.",
        )  # fmt: skip
    assert refused.value.message == "Choose a recommendation: still_accurate, needs_update."

    normal = workflow.accepted(n=1)[0]
    with pytest.raises(RuleViolation) as refused:
        services.review_complete(
            assignment=normal, actor=normal.reviewer.user, recommendation="still_accurate",
            comments_for_author="Fine.",
        )  # fmt: skip
    assert refused.value.message == (
        "Choose a recommendation: approve, minor_changes, major_changes, reject."
    )


def test_attesting_without_a_completed_rereview_is_refused_and_changes_nothing(workflow):
    live = workflow.published()
    _a_year_ago(live.article)
    rereview = services.rereview_open(revision=live, actor=workflow.editor)
    events = AuditEvent.objects.count()

    with pytest.raises(RuleViolation) as refused:
        services.rereview_attest(rereview=rereview, actor=workflow.board[2])

    assert refused.value.message == (
        "Attesting needs 1 completed re-review without a declared conflict; 0 so far."
    )
    assert Article.objects.get(pk=live.article_id).next_review_due == date(2026, 1, 10)
    assert AuditEvent.objects.count() == events


def test_a_needs_update_finding_blocks_the_attestation(workflow):
    rereview = workflow.rereview(n=1, recommendation="needs_update")

    with pytest.raises(RuleViolation) as refused:
        services.rereview_attest(rereview=rereview, actor=workflow.board[2])

    assert refused.value.message == REREVIEW_NEEDS_UPDATE


@pytest.mark.parametrize("who", ["editor", "author", "rereviewer"])
def test_only_an_independent_board_member_closes_a_rereview(workflow, who):
    rereview = workflow.rereview()
    rereviewer = rereview.assignments.get().reviewer.user
    rereviewer.groups.add(*workflow.board[0].groups.all())
    actor = {"editor": workflow.editor, "author": workflow.author, "rereviewer": rereviewer}[who]

    # The author does not even see the review record of their article.
    with pytest.raises(NotFound if who == "author" else NotPermitted) as refused:
        services.rereview_attest(rereview=rereview, actor=actor)

    if who != "author":
        assert refused.value.message == NOT_REREVIEW_DECIDER


def test_a_closed_rereview_cannot_be_attested_again(workflow):
    rereview = workflow.rereview()
    services.rereview_attest(rereview=rereview, actor=workflow.board[2])

    with pytest.raises(InvalidTransition) as refused:
        services.rereview_attest(rereview=rereview, actor=workflow.board[1])

    assert refused.value.message == (
        "This re-review is attested: still accurate; it cannot be attested."
    )


def test_opening_an_update_gives_the_author_a_draft_and_the_reviewers_reasons(workflow):
    live = workflow.published()
    rereview = workflow.rereview(live, recommendation="needs_update")

    rereview = services.rereview_open_update(
        rereview=rereview, actor=workflow.board[2], note="The 2025 guideline lowers the target."
    )

    draft = Revision.objects.get(article=live.article, number=live.number + 1)
    assert draft.state == RevisionState.DRAFT
    assert draft.created_by == workflow.author
    assert draft.body == live.body
    assert Revision.objects.get(pk=live.pk).state == RevisionState.PUBLISHED
    assert rereview.state == ReReviewState.UPDATE_OPENED
    started = AuditEvent.objects.filter(action=AuditAction.REVISION_STARTED, revision=draft).get()
    assert started.actor == workflow.board[2]
    assert started.data["change_class"] == "update"
    assert AuditEvent.objects.filter(action=AuditAction.REREVIEW_UPDATE_OPENED).count() == 1


def test_the_author_is_told_why_an_update_is_needed(workflow, django_capture_on_commit_callbacks):
    rereview = workflow.rereview(recommendation="needs_update")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.rereview_open_update(
            rereview=rereview, actor=workflow.board[2], note="Lower the target."
        )

    [message] = mail.outbox
    assert message.to == [workflow.author.email]
    assert "Lower the target." in message.body
    assert workflow.comments_for_author in message.body


def test_an_update_is_refused_while_the_author_already_drafts_one(workflow):
    live = workflow.published()
    rereview = workflow.rereview(live)
    services.revision_start_next(article=live.article, actor=workflow.author, **UPDATE)

    with pytest.raises(RuleViolation) as refused:
        services.rereview_open_update(rereview=rereview, actor=workflow.board[2], note="x")

    assert refused.value.message.startswith("Revision 2 is already draft")


def test_cancelling_leaves_the_dates_and_withdraws_open_invitations(workflow):
    live = workflow.published()
    _a_year_ago(live.article)
    rereview = services.rereview_open(revision=live, actor=workflow.editor)
    invited = services.rereview_assign(
        rereview=rereview, reviewer=workflow.reviewers[2], actor=workflow.editor
    )

    services.rereview_cancel(rereview=rereview, actor=workflow.editor, note="Wrong article.")

    invited.refresh_from_db()
    assert invited.state == AssignmentState.CANCELLED
    assert Article.objects.get(pk=live.article_id).next_review_due == date(2026, 1, 10)
    event = AuditEvent.objects.filter(action=AuditAction.REREVIEW_CANCELLED).get()
    assert (event.actor, event.comment) == (workflow.editor, "Wrong article.")


@pytest.mark.parametrize("how", ["superseded", "retracted"])
def test_a_revision_leaving_the_public_side_closes_its_rereview(workflow, how):
    live = workflow.published()
    rereview = services.rereview_open(revision=live, actor=workflow.editor)
    invited = services.rereview_assign(
        rereview=rereview, reviewer=workflow.reviewers[2], actor=workflow.editor
    )

    if how == "retracted":
        services.revision_unpublish(revision=live, actor=workflow.board[0], reason="Dose error.")
    else:
        draft = services.revision_start_next(article=live.article, actor=workflow.author, **UPDATE)
        services.revision_edit(revision=draft, actor=workflow.author, title="Updated")
        workflow.published(draft)

    rereview.refresh_from_db()
    invited.refresh_from_db()
    assert rereview.state == ReReviewState.CANCELLED
    assert invited.state == AssignmentState.CANCELLED


def test_a_rereview_does_not_count_as_a_review_of_the_revision(workflow):
    from editorial.selectors import review_counted_count, review_credit_list

    live = workflow.published()
    credits_before = review_credit_list(live)
    workflow.rereview(live)

    assert review_counted_count(live) == 2
    assert review_credit_list(live) == credits_before


def test_an_update_copies_the_live_text_not_a_later_withdrawn_attempt(workflow):
    live = workflow.published()
    rereview = workflow.rereview(live, recommendation="needs_update")
    attempt = services.revision_start_next(article=live.article, actor=workflow.author, **UPDATE)
    services.revision_edit(revision=attempt, actor=workflow.author, title="Abandoned idea")
    services.revision_withdraw(revision=attempt, actor=workflow.author)

    services.rereview_open_update(rereview=rereview, actor=workflow.board[2], note="Update.")

    draft = Revision.objects.get(article=live.article, number=3)
    assert (draft.title, draft.body) == (live.title, live.body)
    assert [r.title for r in draft.references.all()] == [r.title for r in live.references.all()]


def test_a_rereviewer_is_invited_to_rereview_the_published_text(
    workflow, django_capture_on_commit_callbacks
):
    rereview = services.rereview_open(revision=workflow.published(), actor=workflow.editor)
    reviewer = workflow.reviewers[2]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.rereview_assign(rereview=rereview, reviewer=reviewer, actor=workflow.editor)

    [message] = mail.outbox
    assert message.to == [reviewer.user.email]
    assert message.subject.startswith("[Imprimatur] Invitation to re-review:")
    assert "still accurate, or does it need an update?" in message.body
