"""A reader follows a reviewer's name from an article to their public profile in headless
Chromium, on a phone and on a desktop: nothing wider than the screen, no serious or critical
axe-core violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workspace.axe import audit, axe_source, blocking

from .conftest import shown_profile

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "public"
DETAILS = {
    "affiliation": "Department of Cardiovascular Medicine, Northbridge General Hospital and "
    "University of Northbridge Medical School",
    "orcid": "0000-0002-1825-0097",
    "declared_interests": "Speaker's fee from a maker of home blood pressure monitors "
    "(2024, one talk).\n\nMember of the regional hypertension guideline group (unpaid). "
    "Co-investigator on a publicly funded trial: https://trials.example.org/registry/"
    "a-very-long-address-without-any-spaces-in-it-at-all",
}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_reader_follows_a_reviewer_s_name_to_their_profile(
    workflow, reviewers, live_server, browser
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = shown_profile(reviewers[0].user, **DETAILS)
    slug = workflow.published().article.slug
    source = axe_source()

    for name, viewport in (("phone", (390, 844)), ("desktop", (1280, 900))):
        width, height = viewport
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{live_server.url}/articles/{slug}/")
        page.locator(".badge").get_by_role("link", name=reviewers[0].display_name).click()
        page.wait_for_load_state()

        assert page.url.endswith(f"/reviewers/{profile.slug}/")
        assert page.locator("h1").inner_text() == reviewers[0].display_name
        assert "Northbridge General Hospital" in page.locator(".facts").inner_text()
        assert page.get_by_role("link", name="Managing high blood pressure").count() == 1
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert blocking(audit(page, source)) == []
        page.screenshot(path=str(ARTIFACTS / f"reviewer-profile-{name}.png"), full_page=True)
        page.close()
