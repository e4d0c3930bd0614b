"""Drive articles through every workflow state; after each step, look at every public
path for any trace of text the board has not approved for publication."""

from __future__ import annotations

import json

from editorial import services

from .conftest import API, UNKNOWN_SLUG, everyone_shown, fetch_all, mark, public_paths

SLUGS = ["alpha", "bravo", "charlie", "delta"]


class Public:
    def __init__(self, client, people: list[str] = ()):
        self.client = client
        self.people = people  # public profiles, whose pages list the articles they reviewed

    def check(self, *, hidden: list[str], shown: list[str] = (), unpublished: list[str] = ()):
        """No hidden marker anywhere; shown markers in their article; unpublished slugs
        answer exactly like an unknown slug."""
        terms = ["Title", "title", "Study", "delta"]
        pages = fetch_all(self.client, public_paths(SLUGS, terms, self.people))
        for path, (_, body) in pages.items():
            for marker in hidden:
                assert marker not in body, f"{marker} leaked through {path}"
            for slug in unpublished:
                if path.startswith((f"{API}{slug}/", f"/articles/{slug}/")):
                    continue  # its own address, checked below against the unknown-slug answer
                assert f"/{slug}/" not in body, f"{slug} listed by {path}"
        unknown_json = pages[f"{API}{UNKNOWN_SLUG}/"]
        unknown_page = pages[f"/articles/{UNKNOWN_SLUG}/"]
        assert unknown_json[0] == unknown_page[0] == 404
        assert pages[f"/reviewers/{UNKNOWN_SLUG}/"] == unknown_page
        for person in self.people:
            assert pages[f"/reviewers/{person}/"][0] == 200
        assert pages[f"{API}{UNKNOWN_SLUG}/review-record/"] == unknown_json
        for slug in unpublished:
            assert pages[f"{API}{slug}/"] == unknown_json
            assert pages[f"{API}{slug}/review-record/"] == unknown_json
            assert pages[f"/articles/{slug}/"] == unknown_page
        for marker in shown:
            assert any(marker in body for _, body in pages.values()), marker
        return pages


def test_no_public_path_shows_unapproved_text_in_any_state(
    workflow, client, author, board, reviewers
):
    # What the reviewers and the board write for each other and the author is never public,
    # nor are conflicts declared: not on the page, in the JSON or in the review record. Every
    # reviewer and board member shows a public profile, whose page lists what they reviewed:
    # only ever what is published.
    workflow.comments_for_author = "LEAK-for-author"
    workflow.confidential_comments = "LEAK-confidential"
    workflow.conflict_statement = "LEAK-conflict"
    workflow.approval_comment = "LEAK-vote-note"
    public = Public(client, everyone_shown(reviewers, board))
    public.check(hidden=["LEAK"], unpublished=SLUGS)

    # alpha: draft → submitted → under review → changes requested
    alpha = mark(workflow.draft(slug="alpha"), author, "LEAK-alpha-1")
    public.check(hidden=["LEAK"], unpublished=SLUGS)
    alpha = services.revision_submit(revision=alpha, actor=author)
    public.check(hidden=["LEAK"], unpublished=SLUGS)
    alpha = workflow.reviewed(alpha)
    public.check(hidden=["LEAK"], unpublished=SLUGS)
    services.revision_request_changes(
        revision=alpha, actor=board[0], comment="LEAK-comment: tighten the dosing section."
    )
    public.check(hidden=["LEAK"], unpublished=SLUGS)

    # bravo: submitted, then withdrawn by its author
    bravo = mark(workflow.draft(slug="bravo"), author, "LEAK-bravo-1")
    bravo = services.revision_submit(revision=bravo, actor=author)
    services.revision_withdraw(revision=bravo, actor=author, comment="LEAK-withdrawn")
    public.check(hidden=["LEAK"], unpublished=SLUGS)

    # charlie: reviewed, then rejected by the board
    charlie = mark(workflow.draft(slug="charlie"), author, "LEAK-charlie-1")
    charlie = workflow.reviewed(services.revision_submit(revision=charlie, actor=author))
    services.revision_reject(revision=charlie, actor=board[0], comment="LEAK-rejected")
    public.check(hidden=["LEAK"], unpublished=SLUGS)

    # delta: approved but not yet published is still not public
    delta = mark(workflow.draft(slug="delta"), author, "LIVE-delta-1")
    delta = workflow.approved(services.revision_submit(revision=delta, actor=author))
    public.check(hidden=["LEAK", "LIVE"], unpublished=SLUGS)

    # delta published: exactly its approved text is shown, nothing else
    delta = services.revision_publish(revision=delta, actor=workflow.editor)
    pages = public.check(
        hidden=["LEAK"],
        shown=["LIVE-delta-1", "Patient version LIVE", "Clinician version LIVE"],
        unpublished=["alpha", "bravo", "charlie"],
    )
    assert pages[f"{API}delta/"][0] == 200
    assert pages[f"{API}delta/review-record/"][0] == 200
    live_json, live_page = pages[f"{API}delta/"], pages["/articles/delta/"]

    # a newer revision (a correction, its note included) under review changes nothing the
    # public sees: not the page, its history, /corrections/ or its feed
    delta_2 = services.revision_start_next(
        article=delta.article,
        actor=author,
        change_class="correction",
        change_note="LEAK-note: what was wrong, before the board approved it.",
    )
    delta_2 = mark(delta_2, author, "LEAK-delta-2")
    public.check(hidden=["LEAK"], shown=["LIVE-delta-1"], unpublished=["alpha", "bravo"])
    delta_2 = workflow.under_review(services.revision_submit(revision=delta_2, actor=author))
    pages = public.check(hidden=["LEAK"], shown=["LIVE-delta-1"], unpublished=["alpha", "bravo"])
    assert pages[f"{API}delta/"] == live_json
    assert pages["/articles/delta/"] == live_page
    record = json.loads(pages[f"{API}delta/review-record/"][1])
    assert {e["revision"] for e in record["audit"]["events"]} == {delta.number}

    # retracted: its (once published) title and the public reason remain, as 410 Gone;
    # nothing else of its text
    services.revision_unpublish(
        revision=delta, actor=board[0], reason="A dosing error was found after publication."
    )
    pages = public.check(
        hidden=[
            "LEAK",
            "Summary LIVE",
            "summary LIVE",
            "Body LIVE",
            "version LIVE",
            "More on LIVE",
            "Study LIVE",
            "Journal LIVE",
            "10.1/live",
        ],
        shown=["A dosing error", "Title LIVE-delta-1"],
        unpublished=["alpha", "bravo"],
    )
    assert pages[f"{API}delta/"][0] == 410
    assert pages[f"{API}delta/review-record/"] == pages[f"{API}delta/"]
    assert pages["/articles/delta/"][0] == 410
    assert "delta" not in pages["/sitemap-articles.xml"][1]


def test_a_rereview_shows_nothing_but_the_approved_text_and_its_dates(
    workflow, client, author, board, reviewers
):
    """Re-reviewers' comments, the board's notes and the update it opens never reach a
    reader; the published text stays exactly as approved throughout."""
    public = Public(client, everyone_shown(reviewers, board))
    delta = mark(workflow.draft(slug="delta"), author, "LIVE-delta-1")
    delta = workflow.published(services.revision_submit(revision=delta, actor=author))
    live = public.check(hidden=["LEAK"], shown=["LIVE-delta-1"], unpublished=SLUGS[:3])

    workflow.comments_for_author = "LEAK-rereview-for-author"
    workflow.confidential_comments = "LEAK-rereview-confidential"
    attested = workflow.rereview(delta)
    public.check(hidden=["LEAK"], shown=["LIVE-delta-1"], unpublished=SLUGS[:3])
    services.rereview_attest(rereview=attested, actor=board[2], note="LEAK-board-note")
    after = public.check(hidden=["LEAK"], shown=["LIVE-delta-1"], unpublished=SLUGS[:3])
    before_json, after_json = (
        json.loads(live[f"{API}delta/"][1]),
        json.loads(after[f"{API}delta/"][1]),
    )
    for unchanged in ("title", "summary", "summaries", "body_html", "references", "content_hash"):
        assert after_json[unchanged] == before_json[unchanged], unchanged

    update = workflow.rereview(delta, recommendation="needs_update")
    services.rereview_open_update(rereview=update, actor=board[2], note="LEAK-update-note")
    draft = delta.article.revisions.order_by("-number").first()
    mark(draft, author, "LEAK-delta-update")
    public.check(hidden=["LEAK"], shown=["LIVE-delta-1"], unpublished=SLUGS[:3])
