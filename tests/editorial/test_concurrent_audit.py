"""The audit chain under concurrent writers (PostgreSQL, real threads): appends are
serialised into one gap-free, valid chain, and the chain's lock never deadlocks with
the services' row locks."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import transaction

from editorial import audit, services
from editorial.models import AuditAction, AuditEvent
from editorial.services._base import lock
from tests.workflow import UPDATE, reach

from .race import TIMEOUT, assert_chain_intact, race, split

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
WRITERS = 8
EDITS_EACH = 5


def test_many_writers_at_once_keep_one_gap_free_valid_chain(workflow):
    drafts = [workflow.draft() for _ in range(WRITERS)]
    before = AuditEvent.objects.count()

    def edit_repeatedly(draft):
        for n in range(EDITS_EACH):
            services.revision_edit(revision=draft, actor=workflow.author, summary=f"Edit {n}.")
        return draft

    outcomes = race(*[lambda d=d: edit_repeatedly(d) for d in drafts])

    wins, refusals = split(outcomes)
    assert (len(wins), refusals) == (WRITERS, [])
    sequences = list(AuditEvent.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, before + WRITERS * EDITS_EACH + 1))
    assert_chain_intact()
    call_command("verify_audit")


def test_mixed_actions_on_different_articles_at_once_keep_the_chain_valid(workflow):
    approved = [reach(workflow, "approved") for _ in range(3)]
    reviewed = [reach(workflow, "reviewed") for _ in range(3)]
    drafts = [workflow.draft() for _ in range(3)]

    outcomes = race(
        *[
            lambda r=r: services.revision_publish(revision=r, actor=workflow.editor)
            for r in approved
        ],
        *[
            lambda r=r: services.revision_approve(revision=r, actor=workflow.board[0])
            for r in reviewed
        ],
        *[lambda r=r: services.revision_submit(revision=r, actor=workflow.author) for r in drafts],
    )

    wins, refusals = split(outcomes)
    assert (len(wins), refusals) == (9, [])
    assert_chain_intact()


def test_a_row_lock_holder_waiting_for_the_chain_does_not_block_the_chain_holder(workflow):
    """One transaction holds the chain's lock and writes an event pointing at an article;
    another holds that article's row lock (as a service does) and waits for the chain.
    The event's foreign key needs only a key-share lock, which a service's no-key row
    lock leaves free: both commit, one after the other, instead of deadlocking."""
    article = reach(workflow, "published").article
    both_locked = threading.Barrier(2, timeout=TIMEOUT)

    def chain_holder():
        with transaction.atomic():
            audit.record(action=AuditAction.PUBLICATION_SCHEDULED, actor=None, article=None)
            both_locked.wait()
            return audit.record(
                action=AuditAction.PUBLICATION_SCHEDULED, actor=None, article=article
            )

    def row_holder():
        with transaction.atomic():
            lock(article)
            both_locked.wait()
            return audit.record(
                action=AuditAction.PUBLICATION_SCHEDULED, actor=None, article=article
            )

    outcomes = race(chain_holder, row_holder)

    wins, refusals = split(outcomes)
    assert (len(wins), refusals) == (2, [])
    assert_chain_intact()


def test_votes_on_a_new_revision_and_retraction_of_the_live_one_do_not_deadlock(workflow):
    """A vote locks the revision under review and writes events pointing at the article;
    a retraction locks the article, then the live revision, then writes its event."""
    for _ in range(5):
        live = reach(workflow, "published")
        second = services.revision_start_next(article=live.article, actor=workflow.author, **UPDATE)
        services.revision_submit(revision=second, actor=workflow.author)
        second = workflow.reviewed(second)

        outcomes = race(
            lambda r=second: services.revision_approve(revision=r, actor=workflow.board[0]),
            lambda r=live: services.revision_unpublish(
                revision=r, actor=workflow.board[1], reason="Outdated."
            ),
            lambda r=second: services.revision_approve(revision=r, actor=workflow.board[2]),
        )

        wins, refusals = split(outcomes)
        assert (len(wins), refusals) == (3, [])
    assert_chain_intact()
