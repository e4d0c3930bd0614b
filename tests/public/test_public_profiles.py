"""A reviewer's or board member's public page, /reviewers/<slug>/: shown only with their
consent, listing only published articles and only the reviews they agreed to be named for."""

from __future__ import annotations

import json
import re

import pytest

from articles.models import ProfileSnapshot, PublicCredit
from editorial import services

from .conftest import UNKNOWN_SLUG, shown_profile

DETAILS = {
    "affiliation": "Royal Infirmary <Edinburgh>",
    "orcid": "https://orcid.org/0000-0002-1825-0097",
    "declared_interests": "Speaker's fee, 2024.\n<script>alert(1)</script>",
}
LD_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _page(client, slug: str):
    return client.get(f"/reviewers/{slug}/")


def _not_found(client) -> bytes:
    response = client.get(f"/articles/{UNKNOWN_SLUG}/")
    assert response.status_code == 404
    return response.content


def test_without_consent_the_address_answers_like_one_never_used(client, reviewers):
    person = reviewers[0].user
    profile = services.public_profile_update(actor=person, person=person, **DETAILS)
    assert not profile.is_public

    for slug in (profile.slug, UNKNOWN_SLUG, "x" * 300, profile.slug.upper(), "a%20b"):
        response = _page(client, slug)
        assert response.status_code == 404
        assert response.content == _not_found(client)
    assert not ProfileSnapshot.objects.exists()


def test_a_consented_page_shows_the_person_and_what_they_declare(client, reviewers):
    profile = shown_profile(reviewers[0].user, **DETAILS)

    response = _page(client, profile.slug)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Dr Reviewer" in page
    assert "MD, FRCP" in page
    assert "Royal Infirmary &lt;Edinburgh&gt;" in page
    assert "Cardiology" in page
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in page
    # The declaration is shown as written, as text: never as markup.
    assert "Speaker&#x27;s fee, 2024.<br>&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert response["Cache-Control"] == "public, max-age=60"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["ETag"]
    assert response["Last-Modified"]


def test_withdrawing_takes_the_page_down_and_consenting_again_brings_it_back(client, reviewers):
    person = reviewers[0].user
    slug = shown_profile(person).slug
    assert _page(client, slug).status_code == 200

    services.public_profile_update(actor=person, person=person, consent=False)
    response = _page(client, slug)
    assert response.status_code == 404
    assert response.content == _not_found(client)
    assert not ProfileSnapshot.objects.exists()

    assert shown_profile(person).slug == slug  # the address never changes
    assert _page(client, slug).status_code == 200


def _titles(client, slug: str) -> list[str]:
    page = _page(client, slug).content.decode()
    return re.findall(r'<h3><a href="/articles/[^"]+/">([^<]+)</a></h3>', page)


def test_only_published_articles_and_only_credited_reviews_are_listed(
    workflow, client, reviewers, board, author
):
    person = reviewers[0].user
    slug = shown_profile(person).slug
    named = workflow.published()
    workflow.credit_consent = False
    unnamed = workflow.published()
    workflow.credit_consent = True
    approved = workflow.approved()
    under_review = workflow.reviewed()
    retracted = workflow.reach("retracted")

    titles = _titles(client, slug)

    assert titles == [named.title]
    for hidden in (unnamed, approved, under_review, retracted):
        assert hidden.title not in _page(client, slug).content.decode()

    # Its next revision, reviewed by others, is now what readers read: the page follows.
    following = services.revision_start_next(
        article=named.article, actor=author, change_class="update", change_note="Newer."
    )
    following = services.revision_submit(revision=following, actor=author)
    workflow.reviewed(following, reviewers=reviewers[1:])
    for member in board[:2]:
        services.revision_approve(revision=following, actor=member)
    services.revision_publish(revision=following, actor=workflow.editor)
    assert _titles(client, slug) == []


def test_a_board_member_s_page_lists_the_articles_they_approved(workflow, client, board):
    services.person_update(actor=None, person=board[0], first_name="Amara", last_name="Okafor")
    slug = shown_profile(board[0]).slug
    published = workflow.published()
    workflow.approved()  # approved, not yet published

    page = _page(client, slug).content.decode()

    assert _titles(client, slug) == [published.title]
    assert "Approved as a member of the Medical Advisory Board" in page


def test_the_page_carries_a_person_in_json_ld(client, reviewers, workflow):
    profile = shown_profile(reviewers[0].user, **DETAILS)
    workflow.published()

    data = json.loads(LD_RE.search(_page(client, profile.slug).content.decode()).group(1))

    assert data["@type"] == "ProfilePage"
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == reviewers[0].display_name
    assert person["honorificSuffix"] == "MD, FRCP"
    assert person["url"] == data["url"]
    assert data["url"].endswith(f"/reviewers/{profile.slug}/")
    assert person["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert person["affiliation"] == {"@type": "Organization", "name": "Royal Infirmary <Edinburgh>"}
    assert person["knowsAbout"][0]["@id"] == "https://schema.org/Cardiovascular"
    assert person["jobTitle"] == ["Peer reviewer"]


def test_conditional_requests_are_answered_304_until_the_page_changes(client, reviewers, workflow):
    person = reviewers[0].user
    slug = shown_profile(person).slug
    first = _page(client, slug)

    again = client.get(f"/reviewers/{slug}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert "default-src 'none'" in again["Content-Security-Policy"]
    since = client.get(f"/reviewers/{slug}/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    workflow.published()  # an article of theirs is published: listed now
    listed = client.get(f"/reviewers/{slug}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert listed.status_code == 200
    services.public_profile_update(actor=person, person=person, affiliation="Elsewhere")
    changed = client.get(f"/reviewers/{slug}/", HTTP_IF_NONE_MATCH=listed["ETag"])
    assert changed.status_code == 200
    assert "Elsewhere" in changed.content.decode()


@pytest.mark.parametrize("articles", [1, 6])
def test_the_page_takes_two_queries_however_many_articles_it_lists(
    workflow, client, reviewers, django_assert_max_num_queries, articles
):
    slug = shown_profile(reviewers[0].user).slug
    for _ in range(articles):
        workflow.published()
    with django_assert_max_num_queries(2):
        response = _page(client, slug)
    assert len(re.findall(r"<h3>", response.content.decode())) == articles


def test_what_the_editors_keep_shows_on_the_page_once_changed(client, reviewers, specialty):
    slug = shown_profile(reviewers[0].user).slug
    services.reviewer_profile_update(
        actor=None, reviewer=reviewers[0], display_name="Prof Renamed", credentials="PhD"
    )
    services.specialty_rename(actor=None, specialty=specialty, name="Heart medicine", slug="heart")
    page = _page(client, slug).content.decode()
    assert "<h1>Prof Renamed</h1>" in page
    assert "PhD" in page
    assert "Heart medicine" in page


def test_a_page_or_credit_changed_in_the_database_is_not_served(client, reviewers, workflow):
    slug = shown_profile(reviewers[0].user).slug
    published = workflow.published()
    assert _titles(client, slug) == [published.title]

    PublicCredit.objects.update(role="board")  # "approved" what they only reviewed
    assert _titles(client, slug) == []
    ProfileSnapshot.objects.update(name="Someone Else")
    assert _page(client, slug).status_code == 404


def test_the_sitemap_lists_the_pages_shown_and_only_those(client, reviewers, settings):
    settings.SITE_URL = "https://health.example.org"
    shown = shown_profile(reviewers[0].user).slug
    hidden = services.public_profile_update(
        actor=reviewers[1].user, person=reviewers[1].user, affiliation="Not shown"
    ).slug
    assert "sitemap-reviewers.xml" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-reviewers.xml").content.decode()
    assert f"<loc>https://health.example.org/reviewers/{shown}/</loc>" in sitemap
    assert f"/reviewers/{hidden}/" not in sitemap
