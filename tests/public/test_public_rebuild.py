"""Stored renderings follow what they show: reviewer names (changed through the services),
the disclaimer, the command."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from articles.models import PublicSnapshot
from articles.publication import NotPublishable, build_public_snapshot
from editorial import services
from editorial.services.public_snapshots import Witness

from .conftest import API


def test_renaming_a_reviewer_rebuilds_their_published_articles(workflow, client, reviewers):
    slug = workflow.published().article.slug
    before = client.get(f"{API}{slug}/")["ETag"]

    services.reviewer_profile_update(
        actor=workflow.editor,
        reviewer=reviewers[0],
        display_name="Prof Renamed Person",
        credentials="MD, PhD",
    )

    response = client.get(f"{API}{slug}/")
    assert response["ETag"] != before
    assert ("Prof Renamed Person", "MD, PhD", "reviewer") in [
        (p["name"], p["credentials"], p["role"]) for p in response.json()["reviewed_by"]
    ]
    assert "Prof Renamed Person" in client.get(f"/articles/{slug}/").content.decode()


def test_a_board_member_without_a_profile_is_shown_by_full_name(workflow, client, board):
    slug = workflow.published().article.slug
    services.person_update(actor=None, person=board[0], first_name="Grace", last_name="Hopper")
    names = [p["name"] for p in client.get(f"{API}{slug}/").json()["reviewed_by"]]
    assert "Grace Hopper" in names


def test_saving_someone_unrelated_changes_nothing(workflow, client, other_author):
    slug = workflow.published().article.slug
    before = client.get(f"{API}{slug}/")
    services.person_update(actor=None, person=other_author, first_name="Unrelated")
    after = client.get(f"{API}{slug}/")
    assert (after["ETag"], after["Last-Modified"]) == (before["ETag"], before["Last-Modified"])


def test_rebuild_command_applies_a_new_disclaimer(workflow, client, settings):
    slug = workflow.published().article.slug
    before = client.get(f"{API}{slug}/")["ETag"]
    settings.EDITORIAL = {**settings.EDITORIAL, "DISCLAIMER": "New legal wording."}

    call_command("rebuild_public", stdout=open("/dev/null", "w"))  # noqa: SIM115

    response = client.get(f"{API}{slug}/")
    assert response["ETag"] != before
    assert response.json()["disclaimer"] == "New legal wording."
    assert "New legal wording." in client.get(f"/articles/{slug}/").content.decode()


def test_rebuild_without_changes_keeps_validators(workflow, client):
    slug = workflow.published().article.slug
    before = PublicSnapshot.objects.get(slug=slug)
    call_command("rebuild_public", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = PublicSnapshot.objects.get(slug=slug)
    assert (after.etag, after.last_modified) == (before.etag, before.last_modified)


def test_builder_refuses_an_article_with_nothing_published(workflow):
    approved = workflow.approved()
    with pytest.raises(NotPublishable):
        build_public_snapshot(approved.article, reviewed_by=[], witness=Witness())
    assert not PublicSnapshot.objects.exists()
