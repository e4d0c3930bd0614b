"""The decision stays independent of the review and of the people it concerns: a peer
reviewer of a revision does not vote on it, a member who declared a conflict does not vote
on the article again, nobody retracts their own article, and the public credit names each
person once, in the role they had."""

from __future__ import annotations

import pytest

from editorial import selectors, services
from editorial.errors import NotPermitted, RuleViolation
from editorial.messages import NOT_UNPUBLISHER, VOTER_CONFLICT, VOTER_REVIEWED
from editorial.models import AuditEvent, BoardVote
from tests.api.conftest import client_for
from tests.factories import ReviewerFactory, UserFactory
from tests.public_view import public_detail


@pytest.fixture
def clinician_member(db):
    """A board member who also reviews."""
    member = UserFactory(username="clinician_member", groups=["Advisory Board", "Reviewers"])
    ReviewerFactory(user=member, display_name="Dr Clinician Member")
    return member


def _reviewed_by(workflow, member):
    revision = workflow.submitted()
    services.assignment_accept(
        assignment=services.assignment_create(
            revision=revision, reviewer=member.reviewer, actor=workflow.editor
        ),
        actor=member,
        has_conflict=False,
    )
    revision = workflow.reviewed(revision)
    workflow.complete(revision.assignments.get(reviewer=member.reviewer))
    return revision


def test_a_board_member_who_peer_reviewed_the_revision_may_not_vote_on_it(
    workflow, clinician_member
):
    revision = _reviewed_by(workflow, clinician_member)
    before = AuditEvent.objects.count()

    with pytest.raises(NotPermitted) as refused:
        services.revision_approve(revision=revision, actor=clinician_member)

    assert refused.value.message == VOTER_REVIEWED
    assert not BoardVote.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_setting_lets_a_reviewing_member_vote_and_the_credit_names_them_once(
    workflow, clinician_member, settings
):
    settings.EDITORIAL = {**settings.EDITORIAL, "REVIEWER_MAY_VOTE": True}
    revision = _reviewed_by(workflow, clinician_member)
    services.revision_approve(revision=revision, actor=clinician_member)
    services.revision_approve(revision=revision, actor=workflow.board[1])
    services.revision_publish(revision=revision, actor=workflow.editor)

    status, shown = public_detail(revision.article.slug)

    assert status == 200
    names = [person["name"] for person in shown["reviewed_by"]]
    assert names.count("Dr Clinician Member") == 1
    credited = next(p for p in shown["reviewed_by"] if p["name"] == "Dr Clinician Member")
    assert credited["role"] == "board"


def test_a_recused_member_may_not_vote_on_the_articles_next_revision(workflow):
    member = workflow.board[0]
    first = workflow.reviewed()
    services.board_recuse(revision=first, actor=member, statement="My spouse works there.")
    services.revision_request_changes(
        revision=first, actor=workflow.board[1], comment="Add the dosing table."
    )
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    second = workflow.reviewed(services.revision_submit(revision=second, actor=workflow.author))

    with pytest.raises(NotPermitted) as refused:
        services.revision_approve(revision=second, actor=member)

    assert refused.value.message == VOTER_CONFLICT
    with pytest.raises(NotPermitted):
        services.board_recuse(revision=second, actor=member, statement="Again.")


def test_a_board_member_may_not_retract_an_article_they_wrote(workflow):
    member_author = UserFactory(username="member_author", groups=["Authors", "Advisory Board"])
    revision = workflow.reach("published", author=member_author)

    with pytest.raises(NotPermitted) as refused:
        services.revision_unpublish(revision=revision, actor=member_author, reason="Mine.")

    assert refused.value.message == NOT_UNPUBLISHER
    revision.refresh_from_db()
    assert revision.state == "published"


def test_after_recusing_the_api_no_longer_offers_the_vote(workflow):
    revision = workflow.reviewed()
    client = client_for(workflow.board[0])

    response = client.post(
        f"/api/v1/revisions/{revision.pk}/recuse/", {"statement": "Fees."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["allowed_actions"] == []


def test_a_member_who_voted_on_the_revision_is_not_invited_to_review_it(workflow, clinician_member):
    revision = workflow.reviewed()
    services.revision_approve(revision=revision, actor=clinician_member)

    with pytest.raises(RuleViolation, match="voted on this revision as a board member"):
        services.assignment_create(
            revision=revision, reviewer=clinician_member.reviewer, actor=workflow.editor
        )


def test_an_invitation_pending_when_the_member_votes_can_no_longer_be_accepted(
    workflow, clinician_member
):
    revision = workflow.reviewed()
    invitation = services.assignment_create(
        revision=revision, reviewer=clinician_member.reviewer, actor=workflow.editor
    )
    services.revision_approve(revision=revision, actor=clinician_member)

    with pytest.raises(NotPermitted):
        services.assignment_accept(
            assignment=invitation, actor=clinician_member, has_conflict=False
        )


def test_a_vote_cast_before_recusing_no_longer_counts_or_is_credited(workflow):
    revision = workflow.reviewed()
    first, second, third = workflow.board
    services.revision_approve(revision=revision, actor=first)
    services.board_recuse(revision=revision, actor=first, statement="My spouse owns the firm.")

    services.revision_approve(revision=revision, actor=second)
    revision.refresh_from_db()
    assert revision.state == "under_review"  # one eligible approval of two

    services.revision_approve(revision=revision, actor=third)
    revision = services.revision_publish(revision=revision, actor=workflow.editor)
    _, shown = public_detail(revision.article.slug)
    board = [p["name"] for p in shown["reviewed_by"] if p["role"] == "board"]
    assert len(board) == 2
    # Three approve votes stand in the record; the recused member's is not counted.
    assert revision.votes.filter(decision="approve").count() == 3
    assert selectors.vote_approval_count(revision) == 2


def test_a_recused_member_is_never_invited_to_review_the_article(workflow, clinician_member):
    revision = workflow.submitted()
    services.board_recuse(revision=revision, actor=clinician_member, statement="Co-author.")

    with pytest.raises(RuleViolation, match="declared a conflict of interest"):
        services.assignment_create(
            revision=revision, reviewer=clinician_member.reviewer, actor=workflow.editor
        )


def test_a_vote_sent_with_a_conflict_is_a_recusal_and_a_later_plain_vote_is_refused(workflow):
    revision = workflow.reviewed()
    member = client_for(workflow.board[0])
    url = f"/api/v1/revisions/{revision.pk}/vote/"

    declared = member.post(
        url,
        {"decision": "approve", "conflict_of_interest": "I advise the manufacturer."},
        format="json",
    )
    again = member.post(url, {"decision": "approve"}, format="json")

    assert declared.status_code == 200
    assert again.status_code == 403
    assert again.json()["error"]["message"] == VOTER_CONFLICT
    assert not BoardVote.objects.filter(revision=revision).exists()
    recusal = AuditEvent.objects.filter(revision=revision, action="board_recused").get()
    assert recusal.comment == "I advise the manufacturer."
