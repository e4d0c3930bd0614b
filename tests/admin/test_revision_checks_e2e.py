"""In Chromium: a board member reads the checks at submission on the revision page, and the
author reads them in the workspace; the pages pass axe-core with no serious or critical
violation. Screenshots go to test-artifacts/checks/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial import services
from tests.factories import SpecialtyFactory, UserFactory
from tests.signin import authenticator, current_code
from tests.workspace.axe import audit, axe_source, blocking

from ..articles.test_reading_levels import HARD

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "checks"
PASSWORD = "pw-imprimatur-test"


@pytest.fixture
def submitted(transactional_db):
    specialty = SpecialtyFactory(name="Neurology", slug="neurology")
    author = UserFactory(username="author", groups=["Authors"])
    board = UserFactory(username="board1", groups=["Advisory Board"])
    authenticator(board)
    article = services.article_create(
        actor=author,
        slug="migraine",
        specialty=specialty,
        title="Migraine: treating attacks",
        summary="Which medicines help during an attack.",
        summary_patient="Take a painkiller as soon as the headache starts. Keep a diary.",
        summary_caregiver=HARD,
        body="A painkiller taken early helps [1, 3]. Prevention suits frequent attacks [1-2].",
        references=[
            {"kind": "guideline", "title": "Headaches in over 12s", "year": 2015},
            {"kind": "review", "title": "Migraine prevention", "year": 2022},
            {"kind": "systematic_review", "title": "Triptans", "year": 2024, "pmid": "24585246"},
            {"kind": "research", "title": "Never cited", "year": 2023},
        ],
    )
    return services.revision_submit(revision=article.revisions.get(), actor=author)


def _violations_in(page, source: str, selector: str) -> list[dict]:
    """axe-core's serious and critical violations within one part of the page (the rest of
    the admin's pages is not this test's)."""
    audit(page, source)  # loads axe-core into the page
    found = page.evaluate(
        """async (selector) => {
          const result = await window.axe.run(selector, {resultTypes: ["violations"]});
          return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help}));
        }""",
        selector,
    )
    return blocking(found)


def _sign_in(browser, base: str, username: str, path: str):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{base}{path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[type=submit]")
    if "/second-factor/" in page.url:
        device = TOTPDevice.objects.get(user__username=username)
        page.fill("#id_otp", current_code(device))
        page.click("input[type=submit]")
    return page


@pytest.mark.e2e
def test_the_board_and_the_author_read_the_checks_in_the_browser(browser, live_server, submitted):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    axe = axe_source()

    board = _sign_in(browser, live_server.url, "board1", "/admin/login/")
    board.goto(f"{live_server.url}/admin/articles/revision/{submitted.pk}/change/")
    checks = board.locator("#checks")
    assert "Reference 4 is never cited in the body." in checks.inner_text()
    assert "Reference 1 (2015) is" in checks.inner_text()
    caregivers = board.locator("#reading-caregiver").inner_text()
    assert "Warning: Above the target" in caregivers
    checks.screenshot(path=str(ARTIFACTS / "admin-revision-checks.png"))
    assert _violations_in(board, axe, "#checks") == []

    author = _sign_in(browser, live_server.url, "author", "/workspace/")
    author.goto(f"{live_server.url}/workspace/articles/migraine/")
    author.click("text=Checks at submission")
    assert "Reference 4 is never cited" in author.locator(".submitted-checks").inner_text()
    author.locator(".submitted-checks").screenshot(path=str(ARTIFACTS / "workspace-checks.png"))
    assert blocking(audit(author, axe)) == []
