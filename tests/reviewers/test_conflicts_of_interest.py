"""A declared conflict of interest keeps the reviewer off the article and the board
member from voting on it; a conflicted review does not count toward approval."""

from __future__ import annotations

import pytest

from editorial import services
from editorial.errors import NotPermitted, RuleViolation
from editorial.messages import NOT_VOTER, REVIEWER_CONFLICT, REVIEWS_MISSING, VOTER_CONFLICT
from editorial.models import BoardVote
from tests.factories import ReviewerFactory, UserFactory

STATEMENT = "I received speaker fees from the manufacturer."


def _accept(assignment, *, conflict: bool):
    return services.assignment_accept(
        assignment=assignment,
        actor=assignment.reviewer.user,
        has_conflict=conflict,
        conflict_statement=STATEMENT if conflict else "",
    )


def test_accepting_with_a_conflict_records_the_statement_for_the_board(workflow):
    assignment = _accept(workflow.assigned(n=1)[0], conflict=True)

    assert assignment.state == "accepted"
    assert assignment.has_conflict is True
    assert assignment.conflict_statement == STATEMENT


def test_a_reviewer_who_declared_a_conflict_is_not_invited_again_on_the_article(workflow):
    first = workflow.submitted()
    conflicted = workflow.reviewers[0]
    _accept(
        services.assignment_create(revision=first, reviewer=conflicted, actor=workflow.editor),
        conflict=True,
    )
    services.revision_withdraw(revision=first, actor=workflow.author)
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    services.revision_submit(revision=second, actor=workflow.author)

    with pytest.raises(RuleViolation) as refused:
        services.assignment_create(revision=second, reviewer=conflicted, actor=workflow.editor)

    assert refused.value.message == REVIEWER_CONFLICT.format(name=conflicted.display_name)
    assert refused.value.message == (
        f"{conflicted.display_name} declared a conflict of interest with this article."
    )


def test_a_conflicted_review_does_not_count_toward_approval(workflow):
    revision = workflow.submitted()
    clean, conflicted = workflow.assigned(revision, n=2)
    _accept(clean, conflict=False)
    _accept(conflicted, conflict=True)
    services.revision_start_review(revision=revision, actor=workflow.editor)
    for assignment in (clean, conflicted):
        services.review_complete(
            assignment=assignment,
            actor=assignment.reviewer.user,
            recommendation="approve",
            comments_for_author="Fine.",
        )

    with pytest.raises(RuleViolation) as refused:
        services.revision_approve(revision=revision, actor=workflow.board[0])

    assert refused.value.message == REVIEWS_MISSING.format(required=2, reviews=1)


def test_a_board_member_who_declared_a_conflict_as_reviewer_cannot_vote(workflow):
    member = UserFactory(username="board_reviewer", groups=["Advisory Board", "Reviewers"])
    profile = ReviewerFactory(user=member)
    revision = workflow.submitted()
    _accept(
        services.assignment_create(revision=revision, reviewer=profile, actor=workflow.editor),
        conflict=True,
    )
    workflow.reviewed(revision)

    with pytest.raises(NotPermitted) as refused:
        services.revision_approve(revision=revision, actor=member)

    assert refused.value.message == VOTER_CONFLICT
    assert not BoardVote.objects.filter(member=member).exists()


def test_a_conflict_on_an_earlier_revision_still_bars_the_vote(workflow):
    member = UserFactory(username="board_reviewer", groups=["Advisory Board", "Reviewers"])
    profile = ReviewerFactory(user=member)
    first = workflow.submitted()
    _accept(
        services.assignment_create(revision=first, reviewer=profile, actor=workflow.editor),
        conflict=True,
    )
    services.revision_withdraw(revision=first, actor=workflow.author)
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    services.revision_submit(revision=second, actor=workflow.author)
    workflow.reviewed(second)

    with pytest.raises(NotPermitted, match="conflict of interest"):
        services.revision_reject(revision=second, actor=member, comment="No.")


@pytest.mark.parametrize("decision", ["approve", "request_changes", "reject"])
def test_a_board_member_never_votes_on_an_article_they_wrote(decision, workflow):
    member_author = UserFactory(username="member_author", groups=["Authors", "Advisory Board"])
    workflow.author = member_author
    revision = workflow.reviewed()

    with pytest.raises(NotPermitted) as refused:
        services.board_vote(revision=revision, actor=member_author, decision=decision, comment="x")

    assert refused.value.message == NOT_VOTER
