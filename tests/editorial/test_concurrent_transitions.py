"""Two people act on one revision at the same moment (PostgreSQL, real threads): never
both apply. Exactly one succeeds, the other gets a clear refusal, the history records
one transition and stays a valid chain. Several rounds each."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from articles.models import Revision
from editorial import services
from editorial.errors import InvalidTransition
from editorial.models import AuditEvent, BoardVote
from tests.public_view import public_detail
from tests.workflow import UPDATE, reach

from .race import assert_chain_intact, race, split

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 5
DECISIONS = ("approved", "changes_requested", "rejected")


def _one_wins(outcomes):
    wins, refusals = split(outcomes)
    assert len(wins) == 1, outcomes
    assert len(refusals) == 1, outcomes
    assert refusals[0].message
    return wins[0], refusals[0]


def test_second_and_third_approvals_at_once_approve_exactly_once(workflow):
    b0, b1, b2 = workflow.board
    for _ in range(ROUNDS):
        revision = reach(workflow, "reviewed")
        services.revision_approve(revision=revision, actor=b0)

        winner, refusal = _one_wins(
            race(
                lambda r=revision: services.revision_approve(revision=r, actor=b1),
                lambda r=revision: services.revision_approve(revision=r, actor=b2),
            )
        )

        assert winner.state == "approved"
        assert isinstance(refusal, InvalidTransition)
        assert refusal.message == "A revision that is approved cannot be voted on."
        assert Revision.objects.get(pk=revision.pk).state == "approved"
        assert AuditEvent.objects.filter(revision=revision, action="approved").count() == 1
        # The losing vote was rolled back with its refusal.
        assert BoardVote.objects.filter(revision=revision).count() == 2
        assert AuditEvent.objects.filter(revision=revision, action="vote_cast").count() == 2
    assert_chain_intact()
    call_command("verify_audit")


def test_two_publishes_at_once_publish_exactly_once(workflow):
    for _ in range(ROUNDS):
        revision = reach(workflow, "approved")

        winner, refusal = _one_wins(
            race(
                lambda r=revision: services.revision_publish(revision=r, actor=workflow.editor),
                lambda r=revision: services.revision_publish(revision=r, actor=workflow.board[0]),
            )
        )

        assert winner.state == "published"
        assert refusal.message == "A revision that is published cannot be published."
        assert AuditEvent.objects.filter(revision=revision, action="published").count() == 1
        status, shown = public_detail(revision.article.slug)
        assert (status, shown["revision"], shown["content_hash"]) == (
            200,
            revision.number,
            Revision.objects.get(pk=revision.pk).content_hash,
        )
    assert_chain_intact()


def test_approve_and_reject_at_once_apply_exactly_one_decision(workflow):
    b0, b1, b2 = workflow.board
    for _ in range(ROUNDS):
        revision = reach(workflow, "reviewed")
        services.revision_approve(revision=revision, actor=b0)

        winner, refusal = _one_wins(
            race(
                lambda r=revision: services.revision_approve(revision=r, actor=b1),
                lambda r=revision: services.revision_reject(
                    revision=r, actor=b2, comment="Unsafe dosing advice."
                ),
            )
        )

        assert winner.state in ("approved", "rejected")
        assert isinstance(refusal, InvalidTransition)
        decisions = AuditEvent.objects.filter(revision=revision, action__in=DECISIONS)
        assert list(decisions.values_list("to_state", flat=True)) == [winner.state]
        assert Revision.objects.get(pk=revision.pk).state == winner.state
    assert_chain_intact()


def test_two_retractions_at_once_retract_exactly_once(workflow):
    for _ in range(ROUNDS):
        revision = reach(workflow, "published")

        _, refusal = _one_wins(
            race(
                lambda r=revision: services.revision_unpublish(
                    revision=r, actor=workflow.board[0], reason="Dosing error."
                ),
                lambda r=revision: services.revision_unpublish(
                    revision=r, actor=workflow.board[1], reason="Outdated guideline."
                ),
            )
        )

        assert refusal.message == "A revision that is retracted cannot be unpublished."
        assert AuditEvent.objects.filter(revision=revision, action="unpublished").count() == 1
        status, shown = public_detail(revision.article.slug)
        winner_reason = Revision.objects.get(pk=revision.pk).retraction_reason
        assert (status, shown["retraction_reason"]) == (410, winner_reason)
        assert shown["title"] == revision.title
        assert revision.summary not in str(shown)
    assert_chain_intact()


def test_publishing_a_new_revision_while_the_live_one_is_retracted(workflow):
    """Publishing r2 supersedes r1; retracting r1 takes it down. Both move r1 out of
    "published", so exactly one of them does: if the publication came first the
    retraction is refused; if the retraction came first, r2 (approved by the board on
    its own) goes live on an article with nothing live. Either way r1 leaves
    "published" once, r2 is live, and the two transactions queue rather than deadlock."""
    for _ in range(ROUNDS):
        first = reach(workflow, "published")
        second = services.revision_start_next(
            article=first.article, actor=workflow.author, **UPDATE
        )
        services.revision_submit(revision=second, actor=workflow.author)
        second = workflow.approved(second)

        publish, unpublish = race(
            lambda r=second: services.revision_publish(revision=r, actor=workflow.editor),
            lambda r=first: services.revision_unpublish(
                revision=r, actor=workflow.board[2], reason="Dosing error."
            ),
        )
        split([publish, unpublish])

        first.refresh_from_db()
        left = AuditEvent.objects.filter(revision=first, action__in=("superseded", "unpublished"))
        assert left.count() == 1
        if first.state == "superseded":
            assert isinstance(unpublish, InvalidTransition)
            assert unpublish.message == "A revision that is superseded cannot be unpublished."
        else:
            assert first.state == "retracted"
            assert not isinstance(unpublish, Exception)
        assert publish.state == "published"
        assert AuditEvent.objects.filter(revision=second, action="published").count() == 1
        status, shown = public_detail(first.article.slug)
        assert (status, shown["revision"], shown["content_hash"]) == (
            200,
            second.number,
            second.content_hash,
        )
    assert_chain_intact()
