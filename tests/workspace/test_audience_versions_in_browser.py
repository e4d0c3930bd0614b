"""In Chromium, a reviewer reads the version for patients beside the text for everyone on a
wide screen, and one under the other on a phone, without the page overflowing."""

from __future__ import annotations

import pytest

from editorial import services

from .reviewer_links import link_in
from .test_reviewer_story_e2e import cast  # noqa: F401 - the fixture

GENERAL = "#versions-review .version-general"
FOR_PATIENTS = "#versions-review .version-patient"
PATIENT = "Your blood pressure is high. Less salt and a daily tablet bring it down [2]."


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


@pytest.mark.e2e
def test_the_versions_are_side_by_side_on_a_wide_screen_and_stacked_on_a_phone(
    browser,
    live_server,
    cast,  # noqa: F811 - the fixture
    mailoutbox,
):
    revision = cast.submitted(cast.draft(body_patient=PATIENT))
    reviewer = cast.reviewers[0]
    mailoutbox.clear()
    assignment = services.assignment_create(revision=revision, reviewer=reviewer, actor=cast.editor)
    services.assignment_accept(assignment=assignment, actor=reviewer.user, has_conflict=False)
    (mail,) = [m for m in mailoutbox if reviewer.user.email in m.to]
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()

    page.goto(live_server.url + link_in(mail.body))
    page.wait_for_selector("#versions-review")

    general, patient = _box(page, GENERAL), _box(page, FOR_PATIENTS)
    assert patient["x"] > general["x"] + general["width"] - 1
    assert abs(patient["y"] - general["y"]) < 1
    assert "Less salt and a daily tablet" in page.locator(FOR_PATIENTS).inner_text()

    page.set_viewport_size({"width": 390, "height": 844})
    general, patient = _box(page, GENERAL), _box(page, FOR_PATIENTS)
    assert patient["y"] >= general["y"] + general["height"]
    assert abs(patient["x"] - general["x"]) < 1
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
