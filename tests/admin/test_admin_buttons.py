"""The buttons go through the services: a refusal comes back on the action's page in the
service's words, with the status the API would answer, and nothing half-applies."""

from __future__ import annotations

from django.contrib.messages import get_messages

from articles.models import RevisionState
from editorial import services
from editorial.messages import VOTER_CONFLICT
from editorial.models import AuditEvent, BoardVote
from reviewers.models import ReviewAssignment
from tests.factories import ReviewerFactory, UserFactory

from .conftest import action_url, assignment_action_url


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def refused_with(response, status: int, message: str) -> bool:
    return response.status_code == status and message in response.content.decode()


def test_start_review_before_anyone_accepted_shows_the_services_refusal(workflow, login):
    revision = workflow.assigned()[0].revision
    before = AuditEvent.objects.count()

    response = login(workflow.editor).post(action_url(revision, "start_review"))

    assert refused_with(response, 400, "Review starts once at least one reviewer has accepted.")
    revision.refresh_from_db()
    assert revision.state == RevisionState.SUBMITTED
    assert AuditEvent.objects.count() == before


def test_request_changes_without_a_comment_is_refused_on_the_form(workflow, login):
    revision = workflow.reviewed()

    response = login(workflow.board[0]).post(
        action_url(revision, "request_changes"), {"comment": "  "}
    )

    assert refused_with(response, 400, "Write a comment for the author explaining the decision.")
    assert not BoardVote.objects.exists()


def test_approve_with_a_comment_records_the_vote_and_hides_the_vote_buttons(workflow, login):
    revision = workflow.reviewed()
    client = login(workflow.board[0])

    response = client.post(
        action_url(revision, "approve"), {"comment": "Evidence well summarised."}, follow=True
    )

    assert "Your approval is recorded." in messages_of(response)
    vote = BoardVote.objects.get()
    assert (vote.member, vote.decision, vote.comment) == (
        workflow.board[0],
        "approve",
        "Evidence well summarised.",
    )
    html = response.content.decode()
    assert action_url(revision, "approve") not in html
    assert "Evidence well summarised." in html


def test_voting_twice_shows_the_services_refusal(workflow, login):
    revision = workflow.reviewed()
    services.revision_approve(revision=revision, actor=workflow.board[0])

    response = login(workflow.board[0]).post(
        action_url(revision, "reject"), {"comment": "Changed my mind.", "confirmed": "yes"}
    )

    assert refused_with(response, 400, "You have already voted on this revision.")
    assert BoardVote.objects.count() == 1


def test_board_member_who_declared_a_conflict_is_refused_in_their_words(workflow, login):
    revision = workflow.reviewed()
    member = UserFactory(username="board_clinician", groups=["Advisory Board", "Reviewers"])
    member_reviewer = ReviewerFactory(user=member)
    assignment = services.assignment_create(
        revision=revision, reviewer=member_reviewer, actor=workflow.editor
    )
    services.assignment_accept(
        assignment=assignment, actor=member, has_conflict=True, conflict_statement="Co-author."
    )

    response = login(member).post(action_url(revision, "approve"), {"comment": ""})

    assert refused_with(response, 403, VOTER_CONFLICT)
    assert not BoardVote.objects.exists()


def test_accepting_with_a_conflict_needs_a_declaration(workflow, login):
    assignment = workflow.assigned()[0]

    response = login(assignment.reviewer.user).post(
        assignment_action_url(assignment, "accept"), {"has_conflict": "on"}
    )

    assert refused_with(response, 400, "Describe the conflict of interest you are declaring.")
    assignment.refresh_from_db()
    assert assignment.state == "invited"


def test_publish_moves_the_article_live_and_says_so(workflow, login):
    revision = workflow.approved()

    response = login(workflow.editor).post(
        action_url(revision, "publish"), {"confirmed": "yes"}, follow=True
    )

    assert "Published: this revision is now what the public reads." in messages_of(response)
    revision.refresh_from_db()
    assert revision.state == RevisionState.PUBLISHED
    assert ReviewAssignment.objects.filter(revision=revision).count() == 2
