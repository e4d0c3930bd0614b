"""The public renderer shows a revision only with the evidence of its approval, checked at the
last step, and serves a stored rendering only while its keyed seal matches its bytes.

Each test plays someone with write access to the database and none to the application's
keys: they promote a revision, recompute a content hash, or edit a stored rendering.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles import content, selectors
from articles.models import Article, PublicSnapshot, Revision
from editorial import audit, services
from editorial.models import AuditEvent, BoardVote
from tests.editorial.audit_tamper import triggers_off

from .conftest import fetch_all, mark, public_paths

pytestmark = pytest.mark.django_db


def _rebuild_withdraws(count: int) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match=f"{count} article"):
        call_command("rebuild_public", "--all", stdout=StringIO(), stderr=err)
    return err.getvalue()


def _refusals(revision: Revision) -> list[str]:
    return list(
        AuditEvent.objects.filter(revision=revision, action="publication_refused").values_list(
            "comment", flat=True
        )
    )


def _leaks(client, slug: str, marker: str) -> list[str]:
    # (No search terms: a search page echoes what was searched for.)
    pages = fetch_all(client, public_paths([slug], []))
    return [path for path, (_, text) in pages.items() if marker in text]


def test_a_revision_promoted_in_the_database_is_never_rendered(workflow, client):
    published = workflow.published()
    pending = workflow.reviewed(mark(workflow.draft(), workflow.author, "PENDING"))
    services.revision_approve(revision=pending, actor=workflow.board[0])  # 1 of 2 approvals
    with triggers_off():
        Revision.objects.filter(pk=pending.pk).update(state="published")
        Article.objects.filter(pk=pending.article_id).update(live_revision=pending)

    report = _rebuild_withdraws(1)

    slug = pending.article.slug
    assert f"{slug}: the audit history holds no authentic record of the board approving it" in (
        report
    )
    assert _leaks(client, slug, "PENDING") == []
    assert _refusals(pending) == ["the audit history holds no authentic record of the board "
                                  "approving it."]  # fmt: skip
    # The article published properly is rebuilt and still served.
    assert client.get(f"/articles/{published.article.slug}/").status_code == 200


def test_votes_added_in_the_database_do_not_make_a_quorum(workflow, client):
    """Even with an approval event in place, the counted approvals must reach its quorum."""
    revision = workflow.published(mark(workflow.draft(), workflow.author, "COUNTED"))
    # One of the two approvals is taken back out of the count: its member now appears to
    # have voted on other content.
    vote = BoardVote.objects.filter(revision=revision, decision="approve").first()
    BoardVote.objects.filter(pk=vote.pk).update(content_hash="0" * 64)

    report = _rebuild_withdraws(1)

    assert "1 eligible board approval(s) of its content hash are recorded" in report
    assert _leaks(client, revision.article.slug, "COUNTED") == []


def test_content_changed_with_its_hash_recomputed_is_not_republished(workflow, client, caplog):
    revision = workflow.published(mark(workflow.draft(), workflow.author, "APPROVED"))
    approved_hash = revision.content_hash
    revision.body = "ALTERED dose: double it [1] [2]."
    altered_hash = content.content_hash(revision, revision.references.all())
    with triggers_off():
        Revision.objects.filter(pk=revision.pk).update(
            body=revision.body, content_hash=altered_hash
        )

    with caplog.at_level(logging.ERROR, logger="articles.publication"):
        report = _rebuild_withdraws(1)

    assert f"the board approved content hash {approved_hash}, not {altered_hash}" in report
    assert _leaks(client, revision.article.slug, "ALTERED") == []
    assert "Withdrawn from public view" in caplog.text


@pytest.mark.parametrize(
    ("column", "path"),
    [
        ("detail_json", "/api/v1/public/articles/{slug}/"),
        ("page_html", "/articles/{slug}/"),
        ("audience_html", "/articles/{slug}/?audience=patient"),
    ],
)
def test_an_edited_rendering_is_not_served_and_rebuild_public_repairs_it(
    workflow, client, caplog, column, path
):
    revision = workflow.published(mark(workflow.draft(), workflow.author, "APPROVED"))
    slug = revision.article.slug
    stored = PublicSnapshot.objects.get(slug=slug)
    before = client.get(path.format(slug=slug))
    PublicSnapshot.objects.filter(pk=stored.pk).update(
        **{column: getattr(stored, column).replace("APPROVED", "EDITED")}
    )

    # A worker that checked the rendering before the edit serves what was sealed, never the
    # edit: the seals it reads are unchanged, and so is what they were made for.
    assert client.get(path.format(slug=slug)).content == before.content
    # A worker that had not (a new one) reads the edit, refuses it and names the article.
    selectors.forget_checked()
    with caplog.at_level(logging.ERROR, logger="articles.seals"):
        edited = client.get(path.format(slug=slug))

    assert edited.status_code == 404
    assert "EDITED" not in edited.content.decode()
    assert f"the stored public {column} of '{slug}' does not match its seal" in caplog.text

    out = StringIO()
    call_command("rebuild_public", "--all", stdout=out, stderr=StringIO())

    repaired = client.get(path.format(slug=slug))
    assert repaired.status_code == 200
    assert repaired.content == before.content
    assert repaired["ETag"] == before["ETag"]
    assert "Every public rendering matches the record." in out.getvalue()


def test_edited_list_entries_and_feed_items_are_left_out(workflow, client, caplog):
    kept = workflow.published(mark(workflow.draft(), workflow.author, "KEPT"))
    edited = workflow.published(mark(workflow.draft(), workflow.author, "APPROVED"))
    row = PublicSnapshot.objects.filter(slug=edited.article.slug)
    snapshot = row.get()
    row.update(
        list_entry_json=snapshot.list_entry_json.replace("APPROVED", "EDITED"),
        list_entry_html=snapshot.list_entry_html.replace("APPROVED", "EDITED"),
        title="Title EDITED",
    )

    with caplog.at_level(logging.ERROR, logger="articles.seals"):
        pages = [
            client.get(path).content.decode()
            for path in ("/api/v1/public/articles/", "/articles/", "/articles/feed.atom")
        ]

    for page in pages:
        assert "EDITED" not in page
        assert "KEPT" in page
    assert kept.article.slug in pages[2]


def test_a_rendering_moved_to_another_article_is_not_served(workflow, client):
    first = workflow.published(mark(workflow.draft(), workflow.author, "FIRST"))
    second = workflow.published(mark(workflow.draft(), workflow.author, "SECOND"))
    source = PublicSnapshot.objects.get(slug=first.article.slug)
    PublicSnapshot.objects.filter(slug=second.article.slug).update(
        page_html=source.page_html, seals=source.seals, detail_json=source.detail_json
    )

    assert client.get(f"/articles/{second.article.slug}/").status_code == 404
    assert client.get(f"/api/v1/public/articles/{second.article.slug}/").status_code == 404


def test_each_vote_records_the_content_hash_it_approved(workflow):
    revision = workflow.published()
    hashes = set(BoardVote.objects.filter(revision=revision).values_list("content_hash", flat=True))
    assert hashes == {revision.content_hash}


def test_seals_follow_a_secret_key_rotation(workflow, client, settings):
    slug = workflow.published().article.slug
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "x" * 50

    assert client.get(f"/articles/{slug}/").status_code == 404  # sealed under another key
    settings.SECRET_KEY_FALLBACKS = [old]
    assert client.get(f"/articles/{slug}/").status_code == 200

    call_command("rebuild_public", "--all", stdout=StringIO(), stderr=StringIO())
    settings.SECRET_KEY_FALLBACKS = []
    assert client.get(f"/articles/{slug}/").status_code == 200


def _forge(revision: Revision, action: str, data: dict, *, key_id: str = "") -> None:
    """Append an event as someone with database access but not AUDIT_KEY would: chained
    onto the head, its hash plain SHA-256 (unkeyed) or an HMAC under a key of their own."""
    head = AuditEvent.objects.order_by("-sequence").first()
    event = AuditEvent(
        sequence=head.sequence + 1,
        previous_hash=head.hash,
        created_at=timezone.now(),
        key_id=key_id,
        action=action,
        article_id=revision.article_id,
        revision=revision,
        to_state=action,
        data=data,
    )
    message = event.previous_hash.encode() + audit._canonical(event)
    event.hash = (
        hmac.new(b"the forger's own key", message, hashlib.sha256).hexdigest()
        if key_id
        else hashlib.sha256(message).hexdigest()
    )
    event.save(force_insert=True)


@pytest.mark.parametrize("key_id", ["", "f0f0f0f0f0f0f0f0"])
def test_approval_and_publication_events_forged_without_the_audit_key_are_not_evidence(
    workflow, client, key_id
):
    pending = workflow.reviewed(mark(workflow.draft(), workflow.author, "FORGED"))
    for member in workflow.board[:2]:
        BoardVote.objects.create(
            revision=pending, member=member, decision="approve", content_hash=pending.content_hash
        )
    tally = {"approvals": 2, "quorum": 2, "content_hash": pending.content_hash}
    _forge(pending, "approved", tally, key_id=key_id)
    _forge(pending, "published", {"content_hash": pending.content_hash}, key_id=key_id)
    with triggers_off():
        Revision.objects.filter(pk=pending.pk).update(state="approved")
        Revision.objects.filter(pk=pending.pk).update(state="published")
        Article.objects.filter(pk=pending.article_id).update(live_revision=pending)

    report = _rebuild_withdraws(1)

    assert "no authentic record of the board approving it" in report
    assert _leaks(client, pending.article.slug, "FORGED") == []
