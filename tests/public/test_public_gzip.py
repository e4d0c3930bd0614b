"""Stored gzip copies of the page and the JSON: served when Accept-Encoding allows, with
their own ETag and Vary: Accept-Encoding on every variant; never when tampered with."""

from __future__ import annotations

import gzip
import logging

import pytest
from django.utils import timezone

from articles.models import PublicSnapshot
from articles.public.http import _gzip_accepted
from editorial import services
from editorial.services.public_snapshots import public_snapshot_refresh

from .conftest import API


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("GZIP;q=0.5", True),
        ("x-gzip", True),
        ("*", True),
        ("br", False),
        ("gzip;q=0", False),
        ("gzip;q=0.000", False),
        ("*;q=0", False),
        ("gzip;q=0.4, identity;q=0.5", False),
        ("gzip;q=0.5, identity;q=0.5", True),
        ("identity", False),
        ("*, gzip;q=0", False),
        ("gzip;q=nonsense", False),
        ("gzip;q=2", False),
        ("identity;q=0, gzip;q=0.1", True),
        ("", False),
    ],
)
def test_accept_encoding_q_values_are_respected(header, accepted):
    assert _gzip_accepted(header) is accepted


def _paths(slug: str) -> list[str]:
    return [f"{API}{slug}/", f"/articles/{slug}/"]


def test_gzip_is_served_when_accepted_and_decompresses_to_the_same_bytes(workflow, client):
    slug = workflow.published().article.slug
    for path in _paths(slug):
        plain = client.get(path)
        packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate")
        assert plain.status_code == packed.status_code == 200
        assert "Content-Encoding" not in plain
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content)
        assert packed["Content-Type"] == plain["Content-Type"]
        assert "Accept-Encoding" in plain["Vary"]
        assert "Accept-Encoding" in packed["Vary"]
        assert packed["ETag"] == plain["ETag"][:-1] + '-gzip"'
        assert packed["Last-Modified"] == plain["Last-Modified"]


def test_identity_is_served_when_gzip_is_refused(workflow, client):
    slug = workflow.published().article.slug
    for path in _paths(slug):
        for header in ("gzip;q=0", "br", "identity", "gzip;q=0.1, identity"):
            response = client.get(path, HTTP_ACCEPT_ENCODING=header)
            assert "Content-Encoding" not in response
            assert response.content.startswith((b"{", b"<!doctype"))
            assert "Accept-Encoding" in response["Vary"]


def test_each_encoding_revalidates_with_its_own_etag(workflow, client):
    slug = workflow.published().article.slug
    for path in _paths(slug):
        packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        plain = client.get(path)
        again = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == packed["ETag"]
        assert "Accept-Encoding" in again["Vary"]
        assert client.get(path, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304
        # The identity ETag does not validate the gzip copy, nor the other way round.
        assert (
            client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=plain["ETag"])
        ).status_code == 200
        assert client.get(path, HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 200


def test_an_audience_variant_is_served_as_it_is(workflow, client):
    slug = workflow.published().article.slug
    for path in (f"{API}{slug}/?audience=patient", f"/articles/{slug}/?audience=patient"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert "Content-Encoding" not in response
        assert "Accept-Encoding" in response["Vary"]


def test_a_retraction_notice_is_served_compressed_with_410(workflow, client):
    revision = workflow.published()
    slug = revision.article.slug
    services.revision_unpublish(revision=revision, actor=workflow.board[0], reason="Errors.")
    for path in _paths(slug):
        plain = client.get(path)
        packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert plain.status_code == packed.status_code == 410
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert "Accept-Encoding" in packed["Vary"]


def test_an_overdue_page_is_not_served_from_the_stored_copy(workflow, client):
    revision = workflow.published()
    slug = revision.article.slug
    article = revision.article
    article.next_review_due = timezone.localdate() - timezone.timedelta(days=1)
    article.save(update_fields=["next_review_due"])
    public_snapshot_refresh(article=article)
    page = client.get(f"/articles/{slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in page
    assert "overdue for review" in page.content.decode()
    body = client.get(f"{API}{slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in body
    assert body.json()["review_overdue"] is True


@pytest.mark.parametrize(
    ("column", "path"), [("page_html_gz", "/articles/"), ("detail_json_gz", API)]
)
def test_a_tampered_gzip_copy_is_not_served(workflow, client, caplog, column, path):
    slug = workflow.published().article.slug
    forged = gzip.compress(b"UNAPPROVED dose", mtime=0)
    PublicSnapshot.objects.filter(slug=slug).update(**{column: forged})
    with caplog.at_level(logging.ERROR, logger="articles.seals"):
        response = client.get(f"{path}{slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"UNAPPROVED" not in response.content
    assert slug in caplog.text


def test_a_gzip_copy_moved_under_another_etag_is_not_served(workflow, client):
    slug = workflow.published().article.slug
    PublicSnapshot.objects.filter(slug=slug).update(etag='"someone-else"')
    response = client.get(f"/articles/{slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in response


def test_a_rendering_stored_before_gzip_copies_is_served_as_it_is(workflow, client):
    slug = workflow.published().article.slug
    PublicSnapshot.objects.filter(slug=slug).update(
        encodings="", page_html_gz=b"", detail_json_gz=b"", renderer_version=""
    )
    for path in _paths(slug):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert "Content-Encoding" not in response
