"""The next revision of a published article carries a change class: who reviews it, how
many approve it, when its reviews are due, and which public dates move depend on it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import FrozenContentError, PublicSnapshot, Revision
from editorial import messages, services
from editorial.errors import RuleViolation
from editorial.models import AuditEvent
from editorial.services.changes import FIRST_PUBLICATION, required_class

pytestmark = pytest.mark.django_db

NOTE = "New blood pressure targets from the 2025 guideline."


def _next(workflow, live: Revision, change_class: str, note: str = NOTE) -> Revision:
    return services.revision_start_next(
        article=live.article, actor=workflow.author, change_class=change_class, change_note=note
    )


def _last_updated(article) -> str:
    return json.loads(PublicSnapshot.objects.get(article=article).detail_json)["last_updated"]


def test_a_published_article_needs_a_class_for_its_next_revision(workflow):
    live = workflow.published()
    with pytest.raises(RuleViolation) as refused:
        services.revision_start_next(article=live.article, actor=workflow.author)
    assert refused.value.message == messages.CHANGE_CLASS_NEEDED
    with pytest.raises(RuleViolation) as refused:
        _next(workflow, live, "reinstatement")
    assert refused.value.message == messages.CHANGE_CLASS_UNKNOWN
    assert live.article.revisions.count() == 1


def test_before_first_publication_the_next_revision_takes_no_class(workflow, board):
    sent_back = services.revision_request_changes(
        revision=workflow.reviewed(), actor=board[0], comment="Add the 2024 guideline."
    )
    assert required_class(sent_back.article, sent_back.number + 1) == FIRST_PUBLICATION
    with pytest.raises(RuleViolation) as refused:
        _next(workflow, sent_back, "update")
    assert refused.value.message == messages.NOT_YET_PUBLISHED_CLASS
    second = services.revision_start_next(article=sent_back.article, actor=workflow.author)
    assert (second.change_class, second.change_note) == ("", "")


def test_the_class_and_note_are_audited_when_the_revision_starts(workflow):
    live = workflow.published()
    draft = _next(workflow, live, "update")
    event = AuditEvent.objects.filter(revision=draft, action="revision_started").get()
    assert event.data["change_class"] == "update"
    assert event.data["change_note"] == NOTE


def test_minor_needs_no_reviewer_and_one_approval_and_keeps_last_updated(workflow, board):
    live = workflow.published()
    before = _last_updated(live.article)
    minor = _next(workflow, live, "minor", note="")
    minor = services.revision_submit(revision=minor, actor=workflow.author)
    minor = services.revision_start_review(revision=minor, actor=workflow.editor)
    assert minor.assignments.count() == 0
    minor = services.revision_approve(revision=minor, actor=board[0])
    assert minor.state == "approved"
    approved = AuditEvent.objects.get(revision=minor, action="approved")
    assert approved.data["quorum"] == 1
    services.revision_publish(revision=minor, actor=workflow.editor)
    assert _last_updated(live.article) == before


def test_an_update_needs_its_note_reviews_and_the_full_quorum_and_moves_last_updated(
    workflow, board
):
    live = workflow.published()
    before = _last_updated(live.article)
    update = _next(workflow, live, "update", note="")
    with pytest.raises(RuleViolation) as refused:
        services.revision_submit(revision=update, actor=workflow.author)
    assert refused.value.message == messages.CHANGE_NOTE_NEEDED.format(kind="update")
    update = services.revision_edit(revision=update, actor=workflow.author, change_note=NOTE)
    services.revision_submit(revision=update, actor=workflow.author)
    with pytest.raises(RuleViolation, match="at least one reviewer"):
        services.revision_start_review(revision=update, actor=workflow.editor)
    update = workflow.reviewed(update)
    update = services.revision_approve(revision=update, actor=board[0])
    assert update.state == "under_review"
    update = services.revision_approve(revision=update, actor=board[1])
    assert update.state == "approved"
    services.revision_publish(revision=update, actor=workflow.editor)
    assert _last_updated(live.article) > before


def test_a_correction_gets_expedited_review_dates(workflow, settings):
    live = workflow.published()
    correction = _next(workflow, live, "correction", note="The dose was given in grams.")
    services.revision_submit(revision=correction, actor=workflow.author)
    assignment = services.assignment_create(
        revision=correction, reviewer=workflow.reviewers[0], actor=workflow.editor
    )
    expected = timezone.now() + timedelta(days=5)
    assert abs(assignment.due_at - expected) < timedelta(minutes=1)
    first = workflow.reach("submitted")
    ordinary = services.assignment_create(
        revision=first, reviewer=workflow.reviewers[0], actor=workflow.editor
    )
    assert abs(ordinary.due_at - timezone.now() - timedelta(days=14)) < timedelta(minutes=1)


def test_the_rules_per_class_are_settings(workflow, board, settings):
    settings.EDITORIAL = {
        **settings.EDITORIAL,
        "CHANGE_CLASSES": {"minor": {"REQUIRED_REVIEWS": 1, "BOARD_QUORUM": 2}},
    }
    live = workflow.published()
    minor = services.revision_submit(
        revision=_next(workflow, live, "minor", note=""), actor=workflow.author
    )
    with pytest.raises(RuleViolation, match="at least one reviewer"):
        services.revision_start_review(revision=minor, actor=workflow.editor)
    minor = workflow.reviewed(minor, n=1)
    minor = services.revision_approve(revision=minor, actor=board[0])
    assert minor.state == "under_review"


def test_the_editor_changes_the_class_at_start_of_review_and_it_is_audited(workflow):
    live = workflow.published()
    minor = services.revision_submit(
        revision=_next(workflow, live, "minor", note=""), actor=workflow.author
    )
    workflow.accepted(minor, n=2)
    with pytest.raises(RuleViolation) as refused:
        services.revision_start_review(
            revision=minor, actor=workflow.editor, change_class="correction"
        )
    assert refused.value.message == messages.CHANGE_NOTE_NEEDED.format(kind="correction")
    started = services.revision_start_review(
        revision=minor,
        actor=workflow.editor,
        change_class="correction",
        change_note="The target was stated wrongly.",
    )
    assert started.change_class == "correction"
    event = AuditEvent.objects.get(revision=started, action="review_started")
    assert event.actor == workflow.editor
    assert event.data["changed"] == {
        "change_class": {"from": "minor", "to": "correction"},
        "change_note": {"from": "", "to": "The target was stated wrongly."},
    }


def test_the_class_and_note_are_frozen_once_in_review(workflow):
    live = workflow.published()
    revision = services.revision_submit(
        revision=_next(workflow, live, "update"), actor=workflow.author
    )
    revision = workflow.under_review(revision)
    revision.refresh_from_db()
    revision.change_note = "Something else."
    with pytest.raises(FrozenContentError):
        revision.save(update_fields=["change_note"])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_revision SET change_class = 'minor' WHERE id = %s", [revision.pk]
        )


def test_after_a_retraction_the_next_revision_reinstates_and_needs_acknowledging_votes(
    workflow, board
):
    retracted = workflow.reach("retracted")
    with pytest.raises(RuleViolation) as refused:
        _next(workflow, retracted, "update")
    assert refused.value.message == messages.REINSTATEMENT_CLASS
    draft = services.revision_start_next(article=retracted.article, actor=workflow.author)
    assert draft.change_class == "reinstatement"
    with pytest.raises(RuleViolation) as refused:
        services.revision_submit(revision=draft, actor=workflow.author)
    assert refused.value.message == messages.REINSTATEMENT_NOTE_NEEDED
    services.revision_edit(
        revision=draft, actor=workflow.author, change_note="The dose was checked and is right."
    )
    reviewed = workflow.reviewed(services.revision_submit(revision=draft, actor=workflow.author))
    with pytest.raises(RuleViolation) as refused:
        services.board_vote(revision=reviewed, actor=board[0], decision="approve")
    assert refused.value.message == messages.RETRACTION_NOT_ACKNOWLEDGED
    assert not reviewed.votes.exists()
    for member in board[:2]:
        reviewed = services.board_vote(
            revision=reviewed, actor=member, decision="approve", acknowledges_retraction=True
        )
    assert reviewed.state == "approved"
    assert all(vote.acknowledges_retraction for vote in reviewed.votes.all())
    published = services.revision_publish(revision=reviewed, actor=workflow.editor)
    published.article.refresh_from_db()
    assert published.article.live_revision_id == published.pk
