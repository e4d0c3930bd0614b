"""ETag / Last-Modified / Cache-Control, 304 on conditional requests, and invalidation."""

from __future__ import annotations

from django.utils.http import http_date

from editorial import services
from tests.workflow import UPDATE

from .conftest import API


def _republish(workflow, article):
    nxt = services.revision_start_next(article=article, actor=workflow.author, **UPDATE)
    nxt = services.revision_edit(revision=nxt, actor=workflow.author, title="A newer title")
    nxt = services.revision_submit(revision=nxt, actor=workflow.author)
    return workflow.published(nxt)


def test_detail_carries_strong_validators_and_public_cache_control(workflow, client):
    revision = workflow.published()
    response = client.get(f"{API}{revision.article.slug}/")
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert not response["ETag"].startswith("W/")
    assert revision.content_hash[:16] in response["ETag"]
    assert response["Last-Modified"]
    assert response["Cache-Control"].startswith("public, max-age=")


def test_matching_if_none_match_answers_304_without_a_body(workflow, client):
    slug = workflow.published().article.slug
    etag = client.get(f"{API}{slug}/")["ETag"]
    for path in (f"{API}{slug}/", f"/articles/{slug}/"):
        tag = client.get(path)["ETag"]
        response = client.get(path, HTTP_IF_NONE_MATCH=tag)
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == tag
    assert client.get(f"{API}{slug}/", HTTP_IF_NONE_MATCH=f'"other", {etag}').status_code == 304


def test_if_modified_since_answers_304_unless_if_none_match_disagrees(workflow, client):
    slug = workflow.published().article.slug
    last_modified = client.get(f"{API}{slug}/")["Last-Modified"]
    path = f"{API}{slug}/"
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
    stale = client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified, HTTP_IF_NONE_MATCH='"old"')
    assert stale.status_code == 200


def test_publishing_a_new_revision_changes_the_etag_at_once(workflow, client):
    revision = workflow.published()
    slug = revision.article.slug
    old = {p: client.get(p)["ETag"] for p in (f"{API}{slug}/", f"/articles/{slug}/", API)}

    _republish(workflow, revision.article)

    for path, etag in old.items():
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, path
        assert response["ETag"] != etag
    assert b"A newer title" in client.get(f"{API}{slug}/").content


def test_retraction_answers_410_even_to_a_matching_conditional_request(workflow, client, board):
    revision = workflow.published()
    slug = revision.article.slug
    etag = client.get(f"{API}{slug}/")["ETag"]

    services.revision_unpublish(revision=revision, actor=board[0], reason="Withdrawn for errors.")

    response = client.get(f"{API}{slug}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 410
    assert response["ETag"] != etag
    assert response.json()["retraction_reason"] == "Withdrawn for errors."
    assert client.get(API).json()["count"] == 0


def test_each_audience_has_its_own_etag(workflow, client):
    slug = workflow.published().article.slug
    general = client.get(f"{API}{slug}/")["ETag"]
    patient = client.get(f"{API}{slug}/?audience=patient")["ETag"]
    assert general != patient
    assert (
        client.get(f"{API}{slug}/?audience=patient", HTTP_IF_NONE_MATCH=general).status_code == 200
    )


def test_list_answers_304_until_the_list_changes(workflow, client):
    workflow.published()
    etag = client.get(API)["ETag"]
    assert client.get(API, HTTP_IF_NONE_MATCH=etag).status_code == 304
    workflow.published()
    assert client.get(API, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_pages_304_carries_the_pages_own_content_security_policy(workflow, client):
    # Browsers update the page they hold with a 304's headers: the site's default policy
    # there would block the page's inline styles on every revalidation.
    slug = workflow.published().article.slug
    for path in (f"/articles/{slug}/", "/", "/articles/", "/corrections/", "/editorial-policy/"):
        page = client.get(path)
        again = client.get(path, HTTP_IF_NONE_MATCH=page["ETag"])
        assert again.status_code == 304, path
        assert again["Content-Security-Policy"] == page["Content-Security-Policy"], path
