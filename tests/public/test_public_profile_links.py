"""An article names its reviewers and approvers; one who shows a public profile is linked to it
(the page, its JSON-LD `url` and `sameAs`, the public JSON), and only while they consent: the
stored renderings are rebuilt the moment they give or withdraw consent or change their iD."""

from __future__ import annotations

import json
import re

from django.core.management import call_command

from editorial import services

from .conftest import API, shown_profile

ORCID = "0000-0002-1825-0097"
LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _seen(client, slug: str) -> dict:
    """What readers of the article get: the page, its JSON-LD people and the JSON's people."""
    page = client.get(f"/articles/{slug}/").content.decode()
    ld = json.loads(LD_RE.search(page).group(1))
    return {
        "page": page,
        "ld": {p["name"]: p for p in ld["reviewedBy"]},
        "json": {p["name"]: p for p in client.get(f"{API}{slug}/").json()["reviewed_by"]},
        "etag": client.get(f"{API}{slug}/")["ETag"],
    }


def test_a_consenting_reviewer_is_linked_and_the_others_are_not(workflow, client, reviewers):
    slug = workflow.published().article.slug
    profile = shown_profile(reviewers[0].user, orcid=ORCID)
    named, other = reviewers[0].display_name, reviewers[1].display_name

    seen = _seen(client, slug)

    assert f'<a class="name" href="/reviewers/{profile.slug}/">{named}</a>' in seen["page"]
    assert f'<span class="name">{other}</span>' in seen["page"]
    assert seen["ld"][named]["url"].endswith(f"/reviewers/{profile.slug}/")
    assert seen["ld"][named]["sameAs"] == f"https://orcid.org/{ORCID}"
    assert "url" not in seen["ld"][other]
    assert "sameAs" not in seen["ld"][other]
    assert seen["json"][named]["profile_url"] == seen["ld"][named]["url"]
    assert seen["json"][named]["orcid_url"] == f"https://orcid.org/{ORCID}"
    assert seen["json"][other]["profile_url"] is None
    assert seen["json"][other]["orcid_url"] is None


def test_details_kept_before_consent_are_never_shown(workflow, client, reviewers):
    person = reviewers[0].user
    services.public_profile_update(actor=person, person=person, orcid=ORCID)
    seen = _seen(client, workflow.published().article.slug)
    assert "/reviewers/" not in seen["page"]
    assert ORCID not in seen["page"]
    assert all(p["profile_url"] is None for p in seen["json"].values())


def test_withdrawing_consent_removes_every_link_at_once(workflow, client, reviewers):
    person = reviewers[0].user
    slugs = [workflow.published().article.slug for _ in range(2)]
    profile = shown_profile(person, orcid=ORCID)
    before = {slug: _seen(client, slug) for slug in slugs}

    services.public_profile_update(actor=person, person=person, consent=False)

    for slug in slugs:
        seen = _seen(client, slug)
        assert f"/reviewers/{profile.slug}/" not in seen["page"]
        assert ORCID not in seen["page"]
        assert ORCID not in json.dumps(seen["json"])
        assert "url" not in seen["ld"][reviewers[0].display_name]
        assert seen["json"][reviewers[0].display_name]["profile_url"] is None
        # A new ETag: no cache may keep serving the linked copy.
        assert seen["etag"] != before[slug]["etag"]


def test_an_editor_taking_a_page_down_removes_the_links_too(workflow, client, reviewers, editor):
    slug = workflow.published().article.slug
    profile = shown_profile(reviewers[0].user)
    services.public_profile_withdraw(actor=editor, person=reviewers[0].user, reason="Asked to.")
    assert f"/reviewers/{profile.slug}/" not in _seen(client, slug)["page"]
    assert client.get(f"/reviewers/{profile.slug}/").status_code == 404


def test_a_new_or_removed_orcid_id_reaches_the_articles(workflow, client, reviewers):
    person = reviewers[0].user
    slug = workflow.published().article.slug
    shown_profile(person, orcid=ORCID)

    services.public_profile_update(actor=person, person=person, orcid="0000-0002-1694-233X")
    assert _seen(client, slug)["ld"][reviewers[0].display_name]["sameAs"].endswith("233X")
    services.public_profile_update(actor=person, person=person, orcid="")
    seen = _seen(client, slug)
    assert "sameAs" not in seen["ld"][reviewers[0].display_name]
    assert seen["ld"][reviewers[0].display_name]["url"]


def test_a_board_member_is_linked_from_approved_by(workflow, client, board):
    services.person_update(actor=None, person=board[0], first_name="Amara", last_name="Okafor")
    slug = workflow.published().article.slug
    profile = shown_profile(board[0])
    page = _seen(client, slug)["page"]
    approvers = page[page.index('id="credits-board"') : page.index('id="credits-reviewer"')]
    assert f'<a class="name" href="/reviewers/{profile.slug}/">Amara Okafor</a>' in approvers


def test_a_review_without_consent_to_credit_is_never_linked(workflow, client, reviewers):
    workflow.credit_consent = False
    slug = workflow.published().article.slug
    profile = shown_profile(reviewers[0].user)
    seen = _seen(client, slug)
    assert reviewers[0].display_name not in seen["json"]
    assert f"/reviewers/{profile.slug}/" not in seen["page"]


def test_a_full_rebuild_keeps_the_links_of_those_who_consent(workflow, client, reviewers):
    slug = workflow.published().article.slug
    profile = shown_profile(reviewers[0].user)
    before = _seen(client, slug)
    call_command("rebuild_public", "--all", "--workers", "1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = _seen(client, slug)
    assert after["etag"] == before["etag"]
    assert f"/reviewers/{profile.slug}/" in after["page"]
    assert client.get(f"/reviewers/{profile.slug}/").status_code == 200
