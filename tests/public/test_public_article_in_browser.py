"""A reader opens a published article in headless Chromium, on a desktop and on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial import services

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "public"
BODY = (
    "High blood pressure rarely causes symptoms, so it is found by measuring it [1].\n\n"
    "## Treatment\n\nLowering it reduces the risk of stroke [2]. "
    + "Lifestyle changes come first for most people. " * 30
    + "[1, 2]"
)


@pytest.fixture
def published(workflow, author):
    revision = workflow.draft(slug="high-blood-pressure", body=BODY)
    revision = services.revision_edit(
        revision=revision,
        actor=author,
        title="High blood pressure: what it means and how it is treated",
        summary_clinician="Target below 140/90 mmHg in clinic for most adults under 80.",
    )
    return workflow.published(services.revision_submit(revision=revision, actor=author))


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_reader_sees_badge_reviewers_citations_and_picks_an_audience(
    published, reviewers, live_server, browser
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/articles/high-blood-pressure/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"

    badge = page.locator(".badge")
    assert "Reviewed by the Medical Advisory Board" in badge.inner_text()
    assert f"{reviewers[0].display_name}, MD, FRCP" in badge.inner_text()
    assert "Submitted" in badge.inner_text()
    page.screenshot(path=str(ARTIFACTS / "article-desktop.png"), full_page=True)

    page.locator("a.citation").first.click()
    assert page.url.endswith("#ref-1")
    reference = page.locator("#ref-1")
    assert reference.evaluate("el => el.matches(':target')")
    assert reference.is_visible()
    assert "Clinical guideline number 1" in reference.inner_text()

    page.get_by_label("I am a health professional").check()
    page.get_by_role("button", name="Show my version").click()
    page.wait_for_load_state()
    assert "Target below 140/90" in page.locator(".summary").inner_text()
    assert page.locator("#version-notice").inner_text() == (
        "There is no version for clinicians yet; this is the text for everyone."
    )
    page.goto(f"{live_server.url}/articles/high-blood-pressure/")
    assert "Summary for clinicians" in page.locator(".summary").inner_text()
    assert page.get_by_label("I am a health professional").is_checked()
    page.screenshot(path=str(ARTIFACTS / "article-clinician.png"))

    phone = browser.new_page(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    phone.goto(f"{live_server.url}/articles/high-blood-pressure/")
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    phone.screenshot(path=str(ARTIFACTS / "article-phone.png"), full_page=True)
    phone.goto(f"{live_server.url}/articles/")
    phone.screenshot(path=str(ARTIFACTS / "list-phone.png"))
    phone.goto(f"{live_server.url}/editorial-policy/")
    assert phone.locator("h1").inner_text() == "Editorial policy"
    phone.screenshot(path=str(ARTIFACTS / "policy-phone.png"), full_page=True)
