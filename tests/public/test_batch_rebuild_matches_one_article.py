"""rebuild_public's batches store exactly what the one-article path (public_snapshot_refresh)
stores, column for column: for the demo's articles (corrections, a retraction, a
reinstatement, minor changes and updates, re-reviews attested and due, audience summaries,
a drafting pipeline's articles) and for an overdue article and one whose reviewers did not
agree to be named."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from articles import content, versions
from articles.models import (
    AUDIENCE_BODY_FIELDS,
    Article,
    PublicCatalogue,
    PublicNotice,
    PublicSnapshot,
    Revision,
)
from editorial.services.public_rebuild import public_rebuild_ids, public_snapshots_rebuild
from editorial.services.public_snapshots import public_snapshot_refresh

# Every column but built_at, which says when the row was written.
COLUMNS = tuple(f.attname for f in PublicSnapshot._meta.concrete_fields if f.name != "built_at")
NOTICE_COLUMNS = ("article_id", "slug", "kind", "at", "title", "note", "seal")


@pytest.fixture
def articles(db, settings, request) -> list[int]:
    """The demo's articles, an overdue one and one with unnamed reviewers, all rendered."""
    settings.DEBUG = True  # seed_demo refuses to run against a production configuration
    # Into an empty database, as seed_demo requires; then the test cast's articles.
    call_command("seed_demo", public_demo_passwords=True, verbosity=0)
    workflow = request.getfixturevalue("workflow")
    overdue = workflow.published().article
    Article.objects.filter(pk=overdue.pk).update(
        next_review_due=timezone.localdate() - timedelta(days=3)
    )
    workflow.credit_consent = False
    workflow.published()
    ids = public_rebuild_ids(everything=True)
    assert PublicSnapshot.objects.filter(state="retracted").exists()
    assert PublicNotice.objects.filter(kind="correction").exists()
    assert PublicNotice.objects.filter(kind="reinstated").exists()
    return ids


def _one_by_one(ids: list[int]) -> None:
    for pk in ids:
        with transaction.atomic():
            public_snapshot_refresh(article=Article(pk=pk), force=True)


def _stored() -> dict[str, Any]:
    rows = {
        row["article_id"]: row for row in PublicSnapshot.objects.values(*COLUMNS).order_by("pk")
    }
    for row in rows.values():
        # Stored as memoryview on PostgreSQL and bytes on SQLite.
        row["detail_json_gz"] = bytes(row["detail_json_gz"])
        row["page_html_gz"] = bytes(row["page_html_gz"])
    notices = sorted(PublicNotice.objects.values_list(*NOTICE_COLUMNS))
    catalogue = PublicCatalogue.objects.values_list("published", flat=True).first()
    return {"rows": rows, "notices": notices, "catalogue": catalogue}


def _assert_same(batch: dict[str, Any], single: dict[str, Any]) -> None:
    assert batch["rows"].keys() == single["rows"].keys()
    for article_id, row in single["rows"].items():
        for column in COLUMNS:
            assert batch["rows"][article_id][column] == row[column], (row["slug"], column)
    assert batch["notices"] == single["notices"]
    assert batch["catalogue"] == single["catalogue"]


def test_a_batch_rewrites_each_row_exactly_as_the_one_article_path_does(articles):
    _one_by_one(articles)
    single = _stored()

    report = public_snapshots_rebuild(articles, batch=7)

    assert (report.rebuilt, report.withdrawn) == (len(articles), [])
    _assert_same(_stored(), single)
    published = PublicSnapshot.objects.filter(state="published").count()
    assert single["catalogue"] == published


def test_a_first_build_by_batches_is_what_the_one_article_path_then_keeps(articles):
    PublicNotice.objects.all().delete()
    PublicSnapshot.objects.all().delete()
    PublicCatalogue.objects.update(published=0)

    public_snapshots_rebuild(articles, batch=7)
    batch = _stored()
    _one_by_one(articles)

    _assert_same(batch, _stored())


def test_a_body_another_renderer_made_is_rendered_again_to_the_same_bytes(articles, monkeypatch):
    _one_by_one(articles)
    single = _stored()
    rendered = []
    real = content.render_body
    # The versions written for one audience are rendered again each time (few and short):
    # only the bodies for everyone are counted.
    for_audiences = set(Revision.objects.values_list(*AUDIENCE_BODY_FIELDS).distinct().iterator())
    for_audiences = {body for row in for_audiences for body in row if body}
    assert for_audiences, "the demo has an article with a version for patients"

    def counting(body: str, positions) -> str:
        if body not in for_audiences:
            rendered.append(body)
        return real(body, positions)

    monkeypatch.setattr(content, "render_body", counting)
    public_snapshots_rebuild(articles, batch=7)
    assert rendered == []
    _assert_same(_stored(), single)

    with another_body_renderer():
        public_snapshots_rebuild(articles, batch=7)
    assert len(rendered) == PublicSnapshot.objects.filter(state="published").count()
    again = _stored()["rows"]
    for article_id, row in single["rows"].items():
        for column in ("etag", "detail_json", "page_html", "audience_html", "page_html_gz"):
            assert again[article_id][column] == row[column], (row["slug"], column)


@contextmanager
def another_body_renderer() -> Iterator[None]:
    """As if the parser were upgraded: another version of the body's renderer."""
    packages = versions.BODY_PACKAGES
    versions.BODY_PACKAGES = (*packages, "Django")
    versions.body_renderer.cache_clear()
    versions.current.cache_clear()
    try:
        yield
    finally:
        versions.BODY_PACKAGES = packages
        versions.body_renderer.cache_clear()
        versions.current.cache_clear()


def test_a_body_edited_in_the_database_is_never_kept(workflow, client):
    slug = workflow.published().article.slug
    row = PublicSnapshot.objects.get(slug=slug)
    PublicSnapshot.objects.filter(pk=row.pk).update(
        detail_json=row.detail_json.replace("Hypertension is common", "UNAPPROVED advice")
    )

    public_snapshots_rebuild(public_rebuild_ids(everything=True))

    page = client.get(f"/articles/{slug}/").content.decode()
    assert "UNAPPROVED" not in page
    assert "Hypertension is common" in page
    assert "UNAPPROVED" not in PublicSnapshot.objects.get(slug=slug).detail_json
