"""An editor in Chromium finds a revision whose reviews are all in under "Ready for review",
starts its review, and, once the board has approved it, publishes it through the
confirmation page. Each page is screenshotted at 1280x800 and 390x844 (test-artifacts/), has
no horizontal overflow on the phone, shows the decision panel before the article there, and
has no serious or critical axe-core violation."""

from __future__ import annotations

import json

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial import services
from tests.factories import ReviewerFactory, SpecialtyFactory, UserFactory
from tests.signin import authenticator, current_code
from tests.workflow import Workflow
from tests.workspace.axe import ROOT, audit, axe_source, blocking

ARTIFACTS = ROOT / "test-artifacts"
SIZES = ((1280, 800), (390, 844))
PASSWORD = "pw-imprimatur-test"
PAGE_WIDTH = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
# The outermost elements that reach past the window's right edge, to say what overflows.
OVERFLOWING = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const out = [...document.querySelectorAll('body *')].filter(
    e => e.getBoundingClientRect().right > edge);
  const right = e => Math.round(e.getBoundingClientRect().right);
  return out.filter(e => !out.includes(e.parentElement)).slice(0, 5).map(
    e => `${e.tagName.toLowerCase()}.${e.className}#${e.id} to ${right(e)}px`);
}"""


class Look:
    """Screenshots at both sizes, the phone's overflow, and axe-core's findings."""

    def __init__(self, page) -> None:
        self.page, self.axe = page, axe_source()
        self.results: dict[str, list[dict]] = {}
        self.shots: list[str] = []

    def __call__(self, name: str, *, axe: bool = True) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        for width, height in SIZES:
            self.page.set_viewport_size({"width": width, "height": height})
            shot = f"admin-editor-{name}-{width}x{height}.png"
            self.page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
            self.shots.append(shot)
            scroll, client = self.page.evaluate(PAGE_WIDTH)
            if scroll > client:
                wide = self.page.evaluate(OVERFLOWING)
                pytest.fail(f"{name} is {scroll}px wide in a {client}px window: {wide}")
            if width == 390 and self.page.locator("#decision").count():
                decision = self.page.locator("#decision").bounding_box()
                article = self.page.locator("#article").bounding_box()
                assert decision["y"] < article["y"], f"{name}: the decision panel is not first"
        self.page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        if axe:
            violations = audit(self.page, self.axe)
            self.results[name] = violations
            found = blocking(violations)
            assert found == [], f"{name}: {json.dumps(found, indent=1)}"


@pytest.fixture
def cast(transactional_db):
    specialty = SpecialtyFactory(name="Cardiology", slug="cardiology")
    reviewers = [ReviewerFactory(user__username=f"reviewer{i}") for i in (1, 2)]
    for reviewer in reviewers:
        reviewer.specialties.add(specialty)
    workflow = Workflow(
        UserFactory(username="writer", groups=["Authors"], first_name="Wei"),
        UserFactory(username="editor", groups=["Editors"], first_name="Eda"),
        [UserFactory(username=f"board{i}", groups=["Advisory Board"]) for i in (1, 2)],
        reviewers,
        specialty,
    )
    authenticator(workflow.editor)
    # All reviews in, review not started: the "ready for review" queue.
    for assignment in workflow.accepted():
        workflow.complete(assignment)
    return workflow


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#id_otp")
    page.fill("#id_otp", current_code(TOTPDevice.objects.get(user__username="editor")))
    page.click("input[type=submit]")
    page.wait_for_selector("#queues")


@pytest.mark.e2e
def test_an_editor_starts_review_from_the_ready_queue_and_publishes_after_confirming(
    browser, live_server, cast
):
    workflow = cast
    revision = workflow.reviewers[0].assignments.get().revision
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    look = Look(page)
    sign_in(page, live_server.url)

    ready = page.locator("tr.queue-ready_for_review")
    assert ready.locator(".queue-count").inner_text() == "1"
    look("queues")
    ready.locator("a").click()
    page.wait_for_selector("#result_list")
    title = page.locator("#result_list .clamp").first
    assert title.get_attribute("title") == revision.title
    look("ready-for-review-queue")

    title.click()
    page.wait_for_selector("#decision")
    assert page.locator("#reviews-count").inner_text() == "2 of 2"
    look("revision-ready")
    page.click("#actions input[value='Start review']")
    assert "Review started." in page.locator("ul.messagelist").inner_text()
    assert page.locator("#revision-state").inner_text() == "Under review"

    for member in workflow.board:
        services.board_vote(
            revision=revision, actor=member, decision="approve", comment="Well evidenced."
        )
    page.reload()
    assert page.locator("#revision-state").inner_text() == "Approved"
    assert page.locator("#actions form[action$='/do/publish/']").count() == 0
    look("revision-approved")

    page.click("#actions a:has-text('Publish now')")
    page.wait_for_selector("#consequences")
    assert "cannot be undone" in page.locator("#consequences").inner_text()
    assert page.locator("#revision-state").count() == 0  # nothing has happened yet
    look("publish-confirmation")
    page.click("input[type=submit][value='Publish now']")
    assert (
        "Published: this revision is now what the public reads."
        in page.locator("ul.messagelist").inner_text()
    )
    assert page.locator("#revision-state").inner_text() == "Published"
    look("revision-published")

    summary = {name: [v["id"] for v in found] for name, found in look.results.items()}
    (ARTIFACTS / "admin-editor-axe.json").write_text(json.dumps(summary, indent=1))
