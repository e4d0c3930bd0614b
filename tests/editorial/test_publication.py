"""Publication: only with the board's quorum, now or when due, superseding the live
revision; retraction takes the article off the public list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import content
from articles.models import Revision
from editorial import services
from editorial.errors import InvalidTransition, RuleViolation
from editorial.messages import QUORUM_NOT_REACHED
from editorial.models import AuditEvent
from editorial.services import publication
from tests.public_view import public_detail, public_list, public_slugs
from tests.workflow import UPDATE, reach

from .audit_tamper import triggers_off


def _events(revision, action):
    return AuditEvent.objects.filter(revision=revision, action=action)


@pytest.mark.parametrize("service", ["publish", "schedule"])
def test_publishing_with_one_of_two_approvals_is_refused_saying_so(service, workflow):
    revision = reach(workflow, "reviewed")
    services.revision_approve(revision=revision, actor=workflow.board[0])

    publish = {
        "publish": lambda: services.revision_publish(revision=revision, actor=workflow.editor),
        "schedule": lambda: services.revision_schedule_publication(
            revision=revision, actor=workflow.editor, publish_at=None
        ),
    }[service]

    with pytest.raises(InvalidTransition) as refused:
        publish()

    assert refused.value.message == QUORUM_NOT_REACHED.format(approvals=1, quorum=2)
    assert refused.value.message == (
        "The board has not approved this revision: quorum not reached, 1 of 2 approvals."
    )
    revision.refresh_from_db()
    assert revision.state == "under_review"
    assert public_list() == []
    assert public_detail(revision.article.slug)[0] == 404


def test_publishing_without_the_required_reviews_is_refused(workflow):
    revision = workflow.under_review()

    with pytest.raises(InvalidTransition) as refused:
        services.revision_publish(revision=revision, actor=workflow.editor)

    assert refused.value.message.endswith("quorum not reached, 0 of 2 approvals.")
    assert not _events(revision, "published").exists()


def test_quorum_setting_is_honoured(workflow, settings):
    settings.EDITORIAL = {**settings.EDITORIAL, "BOARD_QUORUM": 3}
    revision = reach(workflow, "reviewed")
    for member in workflow.board[:2]:
        revision = services.revision_approve(revision=revision, actor=member)
    assert revision.state == "under_review"

    revision = services.revision_approve(revision=revision, actor=workflow.board[2])

    assert revision.state == "approved"
    approved = _events(revision, "approved").get()
    assert approved.data == {
        "approvals": 3,
        "quorum": 3,
        "content_hash": revision.content_hash,
        "change_class": "",
        "change_note": "",
    }


def test_approved_content_changed_behind_the_services_back_cannot_be_published(workflow):
    revision = reach(workflow, "approved")
    # A direct update bypasses the model's freeze (and, with triggers off, PostgreSQL's);
    # publication re-checks the hash.
    with triggers_off():
        Revision.objects.filter(pk=revision.pk).update(body="Tampered body [1].")

    with pytest.raises(RuleViolation) as refused:
        services.revision_publish(revision=revision, actor=workflow.editor)

    assert refused.value.message == (
        "The content no longer matches what the board approved; it cannot be published."
    )
    assert public_list() == []
    assert public_detail(revision.article.slug)[0] == 404


def test_publication_sets_the_live_revision_and_the_review_dates(workflow):
    revision = reach(workflow, "published")

    article = revision.article
    article.refresh_from_db()
    assert article.live_revision == revision
    assert article.first_published_at == revision.published_at
    assert article.last_reviewed_on == timezone.localdate(revision.decided_at)
    assert article.next_review_due.year == article.last_reviewed_on.year + 1


def test_a_second_publication_supersedes_the_live_revision(workflow):
    first = reach(workflow, "published")
    second = services.revision_start_next(article=first.article, actor=workflow.author, **UPDATE)
    services.revision_submit(revision=second, actor=workflow.author)

    second = workflow.published(second)

    first.refresh_from_db()
    assert first.state == "superseded"
    assert second.state == "published"
    assert public_list() == [(second.article.slug, 2, second.content_hash)]
    superseded = _events(first, "superseded").get()
    assert (superseded.from_state, superseded.to_state) == ("published", "superseded")
    assert superseded.data == {"superseded_by": 2}
    assert superseded.actor == workflow.editor
    assert second.article.first_published_at == first.published_at


def test_unpublish_retracts_with_the_reason_and_the_article_leaves_the_public_list(workflow):
    revision = reach(workflow, "published")

    services.revision_unpublish(
        revision=revision, actor=workflow.board[0], reason="A dosing error was found."
    )

    revision.refresh_from_db()
    revision.article.refresh_from_db()
    assert revision.state == "retracted"
    assert revision.retraction_reason == "A dosing error was found."
    assert revision.article.live_revision is None
    assert public_list() == []
    status, notice = public_detail(revision.article.slug)
    assert (status, notice["retraction_reason"]) == (410, "A dosing error was found.")
    assert notice["title"] == revision.title
    assert revision.summary not in str(notice)
    event = _events(revision, "unpublished").get()
    assert (event.actor, event.from_state, event.to_state, event.comment) == (
        workflow.board[0],
        "published",
        "retracted",
        "A dosing error was found.",
    )


def _later(monkeypatch, hours: float):
    later = timezone.now() + timedelta(hours=hours)
    monkeypatch.setattr(publication.timezone, "now", lambda: later)
    return later


def test_publish_due_publishes_only_what_has_come_due(workflow, monkeypatch, capsys):
    due = workflow.scheduled(timezone.now() + timedelta(hours=1))
    not_yet = workflow.scheduled(timezone.now() + timedelta(hours=3))
    unscheduled = reach(workflow, "approved")
    _later(monkeypatch, 2)

    call_command("publish_due")

    states = dict(Revision.objects.values_list("pk", "state"))
    assert states[due.pk] == "published"
    assert states[not_yet.pk] == "approved"
    assert states[unscheduled.pk] == "approved"
    assert public_list() == [(due.article.slug, due.number, due.content_hash)]
    event = _events(due, "published").get()
    assert event.actor is None
    assert event.data == {"content_hash": due.content_hash, "scheduled": True}
    assert "1 published, 0 refused." in capsys.readouterr().out


def test_publish_due_with_nothing_due_publishes_nothing(workflow, capsys):
    workflow.scheduled(timezone.now() + timedelta(hours=1))

    call_command("publish_due")

    assert public_list() == []
    assert "0 published, 0 refused." in capsys.readouterr().out


def test_publish_due_reports_a_refusal_and_still_publishes_the_others(
    workflow, monkeypatch, capsys
):
    tampered = workflow.scheduled(timezone.now() + timedelta(hours=1))
    fine = workflow.scheduled(timezone.now() + timedelta(hours=1, minutes=5))
    with triggers_off():
        Revision.objects.filter(pk=tampered.pk).update(title="Not what was approved")
    _later(monkeypatch, 2)

    call_command("publish_due")

    assert public_slugs() == [fine.article.slug]
    assert public_detail(tampered.article.slug)[0] == 404
    captured = capsys.readouterr()
    assert "1 published, 1 refused." in captured.out
    assert "no longer matches what the board approved" in captured.err


def test_clearing_a_schedule_keeps_the_revision_from_publish_due(workflow, monkeypatch):
    revision = workflow.scheduled(timezone.now() + timedelta(hours=1))
    services.revision_schedule_publication(
        revision=revision, actor=workflow.editor, publish_at=None
    )
    _later(monkeypatch, 2)

    published, refused = services.publish_due()

    assert (published, refused) == ([], [])
    scheduled = list(_events(revision, "publication_scheduled").values_list("data", flat=True))
    assert scheduled[-1] == {"publish_at": None}


def test_published_hash_is_the_hash_recomputed_from_the_published_content(workflow):
    revision = reach(workflow, "published")

    recomputed = content.content_hash(revision, revision.references.all())

    assert revision.content_hash == recomputed
    assert _events(revision, "published").get().data["content_hash"] == recomputed
