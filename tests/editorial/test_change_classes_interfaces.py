"""Change classes through the API and the admin, and in the publication evidence: the board
sees the class, the note and a word-level diff against what readers have; a note changed
behind the services' back is never published."""

from __future__ import annotations

import json

import pytest

from articles.models import PublicSnapshot, Revision
from editorial import messages, services
from editorial.models import AuditEvent
from tests.admin.conftest import action_url, revision_url
from tests.api.conftest import client_for
from tests.editorial.audit_tamper import triggers_off
from tests.signin import signed_in

pytestmark = pytest.mark.django_db

NOTE = "The maximum dose was given as 40 mg; it is 20 mg."


def _correction(workflow, *, published: bool = False) -> Revision:
    live = workflow.published()
    draft = services.revision_start_next(
        article=live.article, actor=workflow.author, change_class="correction", change_note=NOTE
    )
    draft = services.revision_edit(
        revision=draft, actor=workflow.author, body=live.body.replace("common", "very common")
    )
    submitted = services.revision_submit(revision=draft, actor=workflow.author)
    return workflow.published(submitted) if published else workflow.under_review(submitted)


def test_the_api_needs_a_class_to_start_the_next_revision_of_a_published_article(workflow):
    live = workflow.published()
    client = client_for(workflow.author)
    url = f"/api/v1/articles/{live.article.slug}/revisions/"
    refused = client.post(url, {}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == messages.CHANGE_CLASS_NEEDED
    unknown = client.post(url, {"change_class": "cosmetic"}, format="json")
    assert unknown.status_code == 400
    assert "change_class" in unknown.json()["error"]["fields"]
    created = client.post(url, {"change_class": "minor"}, format="json")
    assert created.status_code == 201
    assert (created.json()["change_class"], created.json()["change_note"]) == ("minor", "")
    edited = client.patch(
        f"/api/v1/revisions/{created.json()['id']}/", {"change_note": "Typo."}, format="json"
    )
    assert edited.json()["change_note"] == "Typo."


def test_the_api_revision_shows_the_board_a_word_diff_against_the_live_text(workflow, board):
    revision = _correction(workflow)
    body = client_for(board[0]).get(f"/api/v1/revisions/{revision.pk}/").json()
    assert (body["change_class"], body["change_note"]) == ("correction", NOTE)
    assert body["diff_to_public"]["against"] == 1
    spans = body["diff_to_public"]["changes"][0]["spans"]
    assert {"kind": "added", "text": " very"} in spans


def test_the_api_vote_on_a_reinstatement_needs_the_acknowledgement(workflow, board):
    retracted = workflow.reach("retracted")
    draft = services.revision_start_next(
        article=retracted.article, actor=workflow.author, change_note="Checked: the dose is right."
    )
    reviewed = workflow.reviewed(services.revision_submit(revision=draft, actor=workflow.author))
    client = client_for(board[0])
    url = f"/api/v1/revisions/{reviewed.pk}/vote/"
    refused = client.post(url, {"decision": "approve"}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == messages.RETRACTION_NOT_ACKNOWLEDGED
    accepted = client.post(
        url, {"decision": "approve", "acknowledges_retraction": True}, format="json"
    )
    assert accepted.status_code == 200
    vote = AuditEvent.objects.get(revision=reviewed, action="vote_cast")
    assert vote.data["acknowledges_retraction"] is True


def test_the_admin_revision_page_shows_the_class_the_note_and_the_live_diff(workflow, board):
    revision = _correction(workflow)
    page = signed_in(board[0]).get(revision_url(revision)).content.decode()
    assert "Correction (an error in the published text)" in page
    assert NOTE in page
    assert 'id="public-diff"' in page
    assert "<ins> very</ins>" in page


def test_the_admin_reinstatement_vote_shows_the_retraction_and_needs_the_checkbox(workflow, board):
    retracted = workflow.reach("retracted")
    draft = services.revision_start_next(
        article=retracted.article, actor=workflow.author, change_note="Checked: the dose is right."
    )
    reviewed = workflow.reviewed(services.revision_submit(revision=draft, actor=workflow.author))
    client = signed_in(board[0])
    form = client.get(action_url(reviewed, "approve")).content.decode()
    assert "A dosing error was found." in form
    assert 'name="acknowledges_retraction"' in form
    refused = client.post(action_url(reviewed, "approve"), {"comment": ""})
    assert refused.status_code == 400
    assert messages.RETRACTION_NOT_ACKNOWLEDGED in refused.content.decode()
    done = client.post(action_url(reviewed, "approve"), {"acknowledges_retraction": "on"})
    assert done.status_code == 302
    assert reviewed.votes.get().acknowledges_retraction


def test_a_note_changed_behind_the_services_back_is_withdrawn_not_published(workflow):
    revision = _correction(workflow, published=True)
    with triggers_off():
        Revision.objects.filter(pk=revision.pk).update(change_note="Nothing was wrong.")
    services.public_snapshots.public_snapshot_refresh(article=revision.article)
    assert not PublicSnapshot.objects.filter(article=revision.article).exists()
    refused = AuditEvent.objects.get(revision=revision, action="publication_refused")
    assert "change note" in refused.comment


def test_the_published_history_note_is_the_one_the_board_approved(workflow, client):
    revision = _correction(workflow, published=True)
    detail = json.loads(PublicSnapshot.objects.get(article=revision.article).detail_json)
    assert detail["history"][0]["note"] == NOTE
