"""A human author in Chromium: signs in, writes an article with three references and a
citation error, fixes it from the check that follows their typing, previews, submits; later,
once the workflow has moved it on (through the services, here), reads the decision and starts
the next revision. Every page is screenshotted at 1280x800 and 390x844 (test-artifacts/),
has no horizontal overflow on the phone, no Content-Security-Policy violation, and no serious
or critical axe-core violation."""

from __future__ import annotations

import json
import time

import pytest

from articles.models import Article, RevisionState
from tests.factories import ReviewerFactory, SpecialtyFactory, UserFactory
from tests.workflow import Workflow

from .axe import ROOT, audit, axe_source, blocking

ARTIFACTS = ROOT / "test-artifacts"
SIZES = ((1280, 800), (390, 844))
PASSWORD = "pw-imprimatur-test"
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
ERROR_BODY = (
    "Statins lower LDL cholesterol [1] and the risk of a heart attack [2].\n\n"
    "Muscle aches are uncommon [4]."
)
FIXED_BODY = ERROR_BODY.replace("[4]", "[3]")


class Story:
    """The browser page, and what each look at it found."""

    prefix = "workspace-author"  # of the screenshots' file names

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.axe = axe_source()
        self.results: dict[str, list[dict]] = {}
        self.shots: list[str] = []

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)

    def look(self, name: str) -> None:
        """Screenshots at both sizes, no overflow on the phone, no CSP or axe problem."""
        ARTIFACTS.mkdir(exist_ok=True)
        for width, height in SIZES:
            self.page.set_viewport_size({"width": width, "height": height})
            shot = f"{self.prefix}-{name}-{width}x{height}.png"
            self.page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
            self.shots.append(shot)
            overflow = self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} overflows by {overflow}px at {width}px"
        self.page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        violations = audit(self.page, self.axe)
        self.results[name] = violations
        assert blocking(violations) == [], f"{name}: {json.dumps(blocking(violations), indent=1)}"
        assert self.page.evaluate("window.__violations") == [], name


@pytest.fixture
def cast(transactional_db):
    specialty = SpecialtyFactory(name="Cardiology", slug="cardiology")
    reviewers = [ReviewerFactory(user__username=f"reviewer{i}") for i in (1, 2)]
    for reviewer in reviewers:
        reviewer.specialties.add(specialty)
    return Workflow(
        UserFactory(username="writer", groups=["Authors"], first_name="Wei", is_staff=False),
        UserFactory(username="editor", groups=["Editors"]),
        [UserFactory(username=f"board{i}", groups=["Advisory Board"]) for i in (1, 2)],
        reviewers,
        specialty,
    )


def _reference(page, row: int, title: str, doi: str) -> None:
    page.select_option(f"#id_refs-{row}-kind", "guideline")
    page.fill(f"#id_refs-{row}-title", title)
    page.fill(f"#id_refs-{row}-source", "NICE")
    page.fill(f"#id_refs-{row}-year", "2023")
    page.fill(f"#id_refs-{row}-doi", doi)


def _check_says(page, words: str) -> None:
    page.wait_for_function(
        "words => document.querySelector('#citation-check').textContent.includes(words)",
        arg=words,
    )


@pytest.mark.e2e
def test_an_author_writes_submits_reads_the_decision_and_starts_again(browser, live_server, cast):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(WATCH)
    story = Story(page, live_server.url)
    started = time.monotonic()

    # Sign in.
    story.go("/workspace/")
    page.wait_for_selector("#id_username")
    story.look("sign-in")
    page.fill("#id_username", "writer")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_selector("h1:has-text('My articles')")
    story.look("my-articles-empty")

    # A new article.
    page.click("main >> text=New article")
    page.wait_for_selector("#id_slug")
    story.look("new-article")
    page.fill("#id_title", "Statins: who benefits")
    page.fill("#id_slug", "statins-who-benefits")
    page.select_option("#id_specialty", "cardiology")
    page.click("button:has-text('Create and write the draft')")
    page.wait_for_selector("#id_body")

    # The draft: summaries, three references, a body citing one that does not exist.
    page.fill("#id_summary", "How statins lower cholesterol and the risk of heart attack.")
    page.fill("#id_summary_patient", "Statins are tablets that protect your heart.")
    _reference(page, 0, "Cardiovascular disease: risk assessment (NG238)", "10.1000/ng238")
    page.click("button:has-text('Add a reference')")
    page.wait_for_selector("#id_refs-1-title")
    _reference(page, 1, "Statin therapy and heart attacks", "10.1000/statins.2")
    page.click("button:has-text('Add a reference')")
    page.wait_for_selector("#id_refs-2-title")
    _reference(page, 2, "Muscle symptoms on statins", "10.1000/statins.3")
    page.fill("#id_body", ERROR_BODY)
    _check_says(page, "[4] cites no reference")
    assert page.get_attribute("#preview-region", "data-updated") is not None  # no reload
    story.look("draft-citation-error")

    # Fixed from the inline check, then the Preview button (no script needed for it).
    page.fill("#id_body", FIXED_BODY)
    _check_says(page, "Every citation names a reference")
    page.click("button:has-text('Preview and check citations')")
    page.wait_for_selector("#preview-shown")
    assert page.locator(".public-article sup.citation").count() == 3
    story.look("draft-preview")
    page.click("button:has-text('Save draft')")
    page.wait_for_selector("text=Draft saved at")

    # Submit, after reading what will be frozen.
    page.click("button:has-text('Save and submit')")
    page.wait_for_selector("text=can no longer be edited")
    assert page.locator("text=3 references").count() == 1
    story.look("submit-confirmation")
    page.click("button:has-text('Submit for review')")
    page.wait_for_selector("text=Waiting for reviewers")
    submitted_after = time.monotonic() - started
    story.look("article-submitted")

    article = Article.objects.get(slug="statins-who-benefits")
    revision = article.revisions.get()
    assert revision.state == RevisionState.SUBMITTED
    assert revision.references.count() == 3

    # Later: reviewers review, the board approves, the editor publishes.
    cast.published(revision)

    story.go("/workspace/")
    page.wait_for_selector("text=Published on")
    story.look("my-articles-published")
    page.click("text=Statins: who benefits")
    page.wait_for_selector("text=The board's decision")
    assert page.locator("text=Reviewer 1").count() >= 1
    assert page.locator("text=reviewer1").count() == 0
    story.look("decision")

    page.get_by_role("link", name="Start the next revision").click()
    page.wait_for_selector("button:has-text('Start revision 2')")
    page.get_by_label("Update").check()
    page.get_by_label("What changed, or what was wrong").fill("The 2025 guideline's new target.")
    story.look("start-next")
    page.click("button:has-text('Start revision 2')")
    page.wait_for_selector("h1:has-text('Revision 2: draft')")
    page.fill("#id_body", FIXED_BODY + " Reviewed again in 2025.")
    page.click("button:has-text('Save draft')")
    page.wait_for_selector(".changes ins")
    assert "2025." in page.inner_text(".changes")
    story.look("next-revision-diff")
    assert article.revisions.get(number=2).state == RevisionState.DRAFT

    report = {
        "seconds_from_sign_in_to_submitted": round(submitted_after, 1),
        "screenshots": story.shots,
        "axe_violations": story.results,
    }
    (ARTIFACTS / "workspace-author-story.json").write_text(json.dumps(report, indent=2))
    context.close()
