"""A rebuild renders only content that still hashes to what the board approved; content
changed behind the services' back is withdrawn from public view, loudly."""

from __future__ import annotations

import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import PublicSnapshot, Reference, Revision
from editorial import services
from tests.editorial.audit_tamper import triggers_off

from .conftest import API


def _behind_the_services_back(queryset, **fields) -> None:
    """QuerySet.update(), as a script or a hand repair might. SQLite has no trigger to stop
    it; on PostgreSQL the frozen-content trigger would, so it is switched off here."""
    with triggers_off():
        queryset.update(**fields)


def _public_text(client, slug: str) -> str:
    return "".join(
        client.get(path).content.decode()
        for path in (
            API,
            f"{API}{slug}/",
            "/articles/",
            f"/articles/{slug}/",
            "/sitemap-articles.xml",
        )
    )


def test_a_body_changed_after_publication_is_withdrawn_when_a_reviewer_rename_rebuilds_it(
    workflow, client, reviewers, caplog
):
    revision = workflow.published()
    slug = revision.article.slug
    _behind_the_services_back(Revision.objects.filter(pk=revision.pk), body="UNAPPROVED dose [1].")

    with caplog.at_level(logging.ERROR, logger="articles.publication"):
        services.reviewer_profile_update(
            actor=workflow.editor, reviewer=reviewers[0], display_name="Dr Renamed"
        )

    assert client.get(f"{API}{slug}/").status_code == 404
    assert client.get(f"/articles/{slug}/").status_code == 404
    assert "UNAPPROVED" not in _public_text(client, slug)
    assert client.get(API).json()["count"] == 0
    assert not PublicSnapshot.objects.filter(slug=slug).exists()
    assert f"Withdrawn from public view: {slug} revision 1" in caplog.text


def test_a_reference_changed_after_publication_is_withdrawn_by_rebuild_public(
    workflow, client, caplog
):
    tampered, untouched = workflow.published(), workflow.published()
    _behind_the_services_back(
        Reference.objects.filter(revision=tampered, position=1), title="UNAPPROVED source"
    )

    with (
        caplog.at_level(logging.ERROR, logger="articles.publication"),
        pytest.raises(CommandError, match="1 article"),
    ):
        call_command("rebuild_public", "--all", stdout=StringIO(), stderr=StringIO())

    assert client.get(f"{API}{tampered.article.slug}/").status_code == 404
    assert "UNAPPROVED" not in _public_text(client, tampered.article.slug)
    assert tampered.article.slug in caplog.text
    # The rest of the rebuild went on: the untouched article is still served.
    assert client.get(f"{API}{untouched.article.slug}/").status_code == 200
    assert client.get(API).json()["count"] == 1


def test_unchanged_content_is_rebuilt_as_before(workflow, client, caplog):
    revision = workflow.published()
    before = client.get(f"{API}{revision.article.slug}/")

    with caplog.at_level(logging.ERROR, logger="articles.publication"):
        call_command("rebuild_public", "--all", stdout=open("/dev/null", "w"))  # noqa: SIM115

    after = client.get(f"{API}{revision.article.slug}/")
    assert (after.status_code, after["ETag"]) == (200, before["ETag"])
    assert not caplog.records
