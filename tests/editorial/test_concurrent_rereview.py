"""Two people close or open one re-review at the same moment (PostgreSQL, real threads):
exactly one applies, the other is refused, and the history stays a valid chain."""

from __future__ import annotations

import pytest

from articles.models import Revision
from editorial import services
from editorial.models import AuditEvent
from reviewers.models import ReReview

from .race import assert_chain_intact, race, split

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 3


def _one_wins(outcomes):
    wins, refusals = split(outcomes)
    assert len(wins) == 1, outcomes
    assert len(refusals) == 1, outcomes
    assert refusals[0].message
    return wins[0], refusals[0]


def test_an_attestation_and_an_update_at_once_close_the_rereview_exactly_once(workflow):
    for _ in range(ROUNDS):
        rereview = workflow.rereview()
        live = rereview.revision

        winner, _ = _one_wins(
            race(
                lambda r=rereview: services.rereview_attest(rereview=r, actor=workflow.board[1]),
                lambda r=rereview: services.rereview_open_update(
                    rereview=r, actor=workflow.board[2], note="Update the target."
                ),
            )
        )

        closing = ("rereview_attested", "rereview_update_opened")
        assert AuditEvent.objects.filter(revision=live, action__in=closing).count() == 1
        drafts = Revision.objects.filter(article=live.article, number=live.number + 1).count()
        assert drafts == (1 if winner.state == "update_opened" else 0)
    assert_chain_intact()


def test_two_editors_opening_a_rereview_at_once_open_one(workflow):
    second_editor = workflow.editor.__class__.objects.create_user("editor-two")
    second_editor.groups.add(*workflow.editor.groups.all())
    for _ in range(ROUNDS):
        live = workflow.published()

        _one_wins(
            race(
                lambda r=live: services.rereview_open(revision=r, actor=workflow.editor),
                lambda r=live: services.rereview_open(revision=r, actor=second_editor),
            )
        )

        assert ReReview.objects.filter(revision=live).count() == 1
        assert AuditEvent.objects.filter(revision=live, action="rereview_opened").count() == 1
    assert_chain_intact()
