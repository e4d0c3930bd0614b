"""`manage.py verify_article URL`, against a running server over HTTP: it recomputes the
hash from the public JSON, checks it against the review record and the approvals, and says
so; a changed stored text is refused with a non-zero exit."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from articles import seals
from articles.models import PublicSnapshot
from tests.workflow import Workflow

pytestmark = pytest.mark.django_db(transaction=True)

SEALED = ("state", "detail_json", "list_entry_json", "list_entry_html", "page_html",
          "audience_html")  # fmt: skip


def run(url: str) -> str:
    out = io.StringIO()
    call_command("verify_article", url, "--timeout", "10", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_published_article_is_verified_from_its_page_address(live_server):
    revision = Workflow.cast().published()

    printed = run(f"{live_server.url}/articles/{revision.article.slug}/")

    assert f"Recomputed:     {revision.content_hash}" in printed
    assert "checked: the review record's content_hash" in printed
    assert "VERIFIED" in printed


def test_a_public_json_whose_content_was_changed_fails_with_a_non_zero_exit(live_server):
    revision = Workflow.cast().published()
    snapshot = PublicSnapshot.objects.get(article=revision.article)
    tampered = snapshot.detail_json.replace("Hypertension is common", "Hypertension is rare")
    assert tampered != snapshot.detail_json
    # Sealed again, as someone holding the seal key could: only the hash can tell.
    columns = {c: getattr(snapshot, c) for c in SEALED} | {"detail_json": tampered}
    columns[seals.LISTING] = seals.listing_value(snapshot.title, snapshot.summary)
    PublicSnapshot.objects.filter(pk=snapshot.pk).update(
        detail_json=tampered, seals=seals.seal(snapshot.slug, snapshot.state, columns)
    )

    with pytest.raises(CommandError, match="NOT VERIFIED"):
        run(f"{live_server.url}/api/v1/public/articles/{revision.article.slug}/")


def test_an_address_that_is_not_an_article_is_refused(live_server):
    with pytest.raises(CommandError, match="not the address of a published article"):
        run(f"{live_server.url}/corrections/")
    with pytest.raises(CommandError, match="Could not read"):
        run(f"{live_server.url}/articles/no-such-article/")


def test_an_article_with_a_version_for_patients_is_verified_and_its_version_checked(live_server):
    wf = Workflow.cast()
    revision = wf.published(wf.draft(body_patient="Plain words for you [2]."))
    url = f"{live_server.url}/articles/{revision.article.slug}/"

    printed = run(url)

    assert f"Recomputed:     {revision.content_hash}" in printed
    assert "Versions for:   patient (in the hash)" in printed
    assert "VERIFIED" in printed

    snapshot = PublicSnapshot.objects.get(article=revision.article)
    tampered = snapshot.detail_json.replace("Plain words for you", "Stop your pills")
    assert tampered.count("Stop your pills") == 3  # the shown Markdown, its HTML and `content`
    columns = {c: getattr(snapshot, c) for c in SEALED} | {"detail_json": tampered}
    columns[seals.LISTING] = seals.listing_value(snapshot.title, snapshot.summary)
    PublicSnapshot.objects.filter(pk=snapshot.pk).update(
        detail_json=tampered, seals=seals.seal(snapshot.slug, snapshot.state, columns)
    )

    with pytest.raises(CommandError, match="NOT VERIFIED"):
        run(url)
