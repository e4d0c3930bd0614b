"""Stored renderings know the version that built them: a changed template, renderer or shown
setting makes them stale (still served), the system check and the admin's index count them,
and rebuild_public rebuilds only those unless asked for all."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from articles import versions
from articles.models import PublicSnapshot
from articles.stale_renderings import stale_renderings, stale_renderings_check
from tests.signin import signed_in

from .conftest import API


def _rebuild(*args: str) -> str:
    out = StringIO()
    call_command("rebuild_public", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_new_rendering_records_the_running_version(workflow):
    slug = workflow.published().article.slug
    row = PublicSnapshot.objects.get(slug=slug)
    assert row.renderer_version == versions.current()
    assert stale_renderings() == 0
    assert stale_renderings_check(databases=["default"]) == []


def test_a_shown_setting_changes_the_version(settings):
    before = versions.current()
    settings.SITE_URL = "https://elsewhere.example"
    assert versions.current() != before


def test_stale_renderings_are_still_served_and_counted(workflow, client, settings):
    slug = workflow.published().article.slug
    settings.EDITORIAL = {**settings.EDITORIAL, "DISCLAIMER": "New wording."}

    assert client.get(f"{API}{slug}/").status_code == 200
    assert client.get(f"/articles/{slug}/").status_code == 200
    assert stale_renderings() == 1
    [warning] = stale_renderings_check(databases=["default"])
    assert warning.id == "articles.W001"
    assert warning.msg == "1 stored public rendering(s) are stale."
    # Without a database to look at (manage.py check), the check reads nothing.
    assert stale_renderings_check(databases=None) == []


def test_the_admin_index_says_how_many_are_stale(workflow, settings):
    workflow.published()
    client = signed_in(workflow.editor)
    assert "stale" not in client.get("/admin/").content.decode()

    settings.EDITORIAL = {**settings.EDITORIAL, "DISCLAIMER": "New wording."}

    page = client.get("/admin/").content.decode()
    assert "<strong>1</strong> stored public rendering is stale" in page
    assert "rebuild_public" in page


def test_rebuild_rebuilds_only_the_stale_ones_unless_asked_for_all(workflow, client):
    first, second = workflow.published(), workflow.published()
    PublicSnapshot.objects.filter(article=first.article).update(renderer_version="")
    untouched = PublicSnapshot.objects.get(article=second.article).built_at

    assert "of 1 articles" in _rebuild("--workers", "1")
    assert stale_renderings() == 0
    assert PublicSnapshot.objects.get(article=second.article).built_at == untouched
    assert "nothing to rebuild" in _rebuild()
    assert "of 2 articles" in _rebuild("--all", "--workers", "1")


def test_a_rendering_made_before_versions_is_stale_until_rebuilt(workflow, client):
    slug = workflow.published().article.slug
    PublicSnapshot.objects.filter(slug=slug).update(
        renderer_version="", encodings="", page_html_gz=b"", detail_json_gz=b""
    )
    assert stale_renderings() == 1
    _rebuild()
    row = PublicSnapshot.objects.get(slug=slug)
    assert (row.renderer_version, row.encodings) == (versions.current(), "gzip")
    assert client.get(f"/articles/{slug}/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == (
        "gzip"
    )
