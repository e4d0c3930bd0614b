"""What readers see of an article's changes: "history" in the JSON, "Page history" and the
notices on the page, the JSON-LD dates, /corrections/ and its feed. Only published facts:
no class note appears anywhere public before its revision is published."""

from __future__ import annotations

import json

import pytest

from articles.models import PublicNotice
from editorial import services

from .conftest import API, fetch_all, mark, public_paths

pytestmark = pytest.mark.django_db

WHAT_WAS_WRONG = "The maximum dose was given as 40 mg; it is 20 mg."


def _detail(client, slug: str) -> dict:
    return client.get(f"{API}{slug}/").json()


def _next(workflow, live, change_class: str, note: str):
    return services.revision_start_next(
        article=live.article, actor=workflow.author, change_class=change_class, change_note=note
    )


def _publish(workflow, revision, board):
    revision = services.revision_submit(revision=revision, actor=revision.article.created_by)
    return workflow.published(revision)


def _json_ld(page: str) -> dict:
    start = page.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_a_first_publication_has_one_history_entry_and_no_notice(workflow, client):
    live = workflow.published()
    data = _detail(client, live.article.slug)
    day = live.published_at.date().isoformat()
    assert data["history"] == [{"date": day, "kind": "published", "note": "First published."}]
    assert data["notices"] == []
    page = client.get(f"/articles/{live.article.slug}/").content.decode()
    assert "Page history" in page
    assert f'<time datetime="{day}">' in page


def test_a_correction_is_noticed_at_the_top_listed_and_fed(workflow, client, board):
    live = workflow.published()
    correction = _publish(workflow, _next(workflow, live, "correction", WHAT_WAS_WRONG), board)
    slug = live.article.slug
    data = _detail(client, slug)
    day = correction.published_at.date().isoformat()
    assert data["history"][0] == {"date": day, "kind": "correction", "note": WHAT_WAS_WRONG}
    assert [e["kind"] for e in data["history"]] == ["correction", "published"]
    assert data["last_updated"] == correction.published_at.isoformat()
    page = client.get(f"/articles/{slug}/").content.decode()
    assert page.index("<strong>Correction:</strong> " + WHAT_WAS_WRONG) < page.index('class="body"')
    ld = _json_ld(page)
    assert ld["dateModified"] == correction.published_at.isoformat()
    assert ld["lastReviewed"] == data["last_reviewed"]
    listing = client.get("/corrections/").content.decode()
    assert WHAT_WAS_WRONG in listing
    assert f'href="/articles/{slug}/"' in listing
    feed = client.get("/corrections/feed/").content.decode()
    assert WHAT_WAS_WRONG in feed
    assert "Correction: " in feed


def test_a_minor_change_keeps_the_correction_notice_and_the_date(workflow, client, board):
    live = workflow.published()
    correction = _publish(workflow, _next(workflow, live, "correction", WHAT_WAS_WRONG), board)
    minor = services.revision_start_next(
        article=live.article, actor=workflow.author, change_class="minor"
    )
    minor = services.revision_submit(revision=minor, actor=workflow.author)
    minor = services.revision_start_review(revision=minor, actor=workflow.editor)
    minor = services.revision_approve(revision=minor, actor=board[0])
    services.revision_publish(revision=minor, actor=workflow.editor)
    data = _detail(client, live.article.slug)
    assert data["revision"] == minor.number
    assert data["history"][0]["kind"] == "minor"
    assert data["history"][0]["note"] == "Minor corrections to wording or formatting."
    assert data["last_updated"] == correction.published_at.isoformat()
    assert data["notices"][0]["kind"] == "correction"


def test_an_update_shows_its_one_line_summary_and_replaces_the_correction_notice(
    workflow, client, board
):
    live = workflow.published()
    _publish(workflow, _next(workflow, live, "correction", WHAT_WAS_WRONG), board)
    _publish(workflow, _next(workflow, live, "update", "New 2025 targets."), board)
    page = client.get(f"/articles/{live.article.slug}/").content.decode()
    assert "New 2025 targets." in page
    assert "<strong>Correction:</strong>" not in page
    assert WHAT_WAS_WRONG in page  # still in the page history
    assert [n["kind"] for n in _detail(client, live.article.slug)["notices"]] == ["update"]


def test_a_retraction_and_a_reinstatement_are_told_and_listed(workflow, client, board):
    retracted = workflow.reach("retracted")
    slug = retracted.article.slug
    listing = client.get("/corrections/").content.decode()
    assert "A dosing error was found." in listing
    assert f'href="/articles/{slug}/"' in listing
    draft = services.revision_start_next(
        article=retracted.article, actor=workflow.author, change_note="The dose was checked."
    )
    reinstated = _publish(workflow, draft, board)
    data = _detail(client, slug)
    assert [e["kind"] for e in data["history"]] == ["reinstated", "retracted", "published"]
    assert data["history"][1]["note"] == "A dosing error was found."
    page = client.get(f"/articles/{slug}/").content.decode()
    day = reinstated.published_at.date().isoformat()
    assert "This article was retracted on" in page
    assert f'reinstated on <time datetime="{day}">' in page
    assert "The dose was checked." in page
    kinds = list(PublicNotice.objects.filter(slug=slug).values_list("kind", flat=True))
    assert kinds == ["reinstated", "retracted"]


def test_an_edited_notice_row_is_not_served(workflow, client, board):
    live = workflow.published()
    _publish(workflow, _next(workflow, live, "correction", WHAT_WAS_WRONG), board)
    PublicNotice.objects.filter(slug=live.article.slug).update(note="Nothing was wrong.")
    assert "Nothing was wrong." not in client.get("/corrections/").content.decode()
    assert "Nothing was wrong." not in client.get("/corrections/feed/").content.decode()


def test_no_note_is_public_before_its_revision_is_published(workflow, client, author, board):
    live = workflow.published()
    slug = live.article.slug
    paths = [*public_paths([slug], ["Title"]), "/corrections/", "/corrections/feed/"]

    def nothing_leaks():
        for path, (_, body) in fetch_all(client, paths).items():
            assert "LEAK" not in body, f"leaked through {path}"

    draft = _next(workflow, live, "correction", "LEAK-note: the dose was wrong.")
    draft = mark(draft, author, "LEAK-correction")
    nothing_leaks()
    draft = services.revision_submit(revision=draft, actor=author)
    nothing_leaks()
    draft = workflow.reviewed(draft)
    nothing_leaks()
    services.revision_request_changes(revision=draft, actor=board[0], comment="LEAK-comment")
    nothing_leaks()
    again = services.revision_start_next(article=live.article, actor=author)
    assert again.change_class == "correction"  # carried from the revision sent back
    services.revision_withdraw(revision=again, actor=author)
    nothing_leaks()
