"""A reader's report becomes a published correction, in Chromium, each person in their own
browser context: an anonymous reader reports a factual error from the article's page; an
editor (password and one-time code) finds it in the readers' reports queue and opens a
correction; the author fixes the text in the workspace, says what was wrong and submits;
the editor starts review (confirming the class) and, once the reviews and the board's
approvals are in (through the services, to keep the story short), presses "Publish now".
The reader then sees the correction notice at the top of the page and on /corrections/, and
the editor sees the report resolved. Every step is screenshotted at 1280x800 into
test-artifacts/ (the public pages at 390x844 too, where they must not overflow), and no page
reports a Content-Security-Policy violation.

The report form's minimum fill time (editorial.reports.forms.MIN_FILL_SECONDS) is patched to
0 for speed: the form is filled by a program in well under the 3 seconds a person takes, and
tests/readers/test_report_form.py covers the refusal of a form sent too fast."""

from __future__ import annotations

import json
import time

import pytest

from articles.models import RevisionState
from editorial import services
from editorial.models import ReaderReport, ReportState
from editorial.reports import forms as report_forms
from editorial.rules import rules_for
from tests.signin import authenticator, current_code
from tests.workspace.axe import ROOT

ARTIFACTS = ROOT / "test-artifacts"
DESK, PHONE = (1280, 800), (390, 844)
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""

WRONG_BODY = (
    "Hypertension is common [1]. The usual starting dose of amlodipine is 50 mg once a day [2]."
    "\n\nSee also [1, 2]."
)
RIGHT_BODY = WRONG_BODY.replace("50 mg", "5 mg")
MESSAGE = "The starting dose of amlodipine says 50 mg; the guideline [2] says 5 mg."
WHAT_WAS_WRONG = "The starting dose of amlodipine was given as 50 mg; it is 5 mg."
TRIAGE_NOTE = "The reader is right: check the dose against reference 2."
PASSWORD = "pw-imprimatur-test"


class Person:
    """One person's browser context and page, and what they were shown."""

    def __init__(self, screens: Screens, name: str) -> None:
        self.screens, self.name = screens, name
        self.context = screens.browser.new_context(viewport={"width": DESK[0], "height": DESK[1]})
        self.page = self.context.new_page()
        self.page.add_init_script(WATCH)

    def go(self, path: str) -> None:
        self.page.goto(self.screens.base + path)

    def look(self, step: str, *, phone: bool = False) -> None:
        """A screenshot at 1280x800 (and 390x844, with no sideways overflow, for the public
        pages), and no Content-Security-Policy violation on the page."""
        ARTIFACTS.mkdir(exist_ok=True)
        for width, height in (DESK, PHONE) if phone else (DESK,):
            self.page.set_viewport_size({"width": width, "height": height})
            shot = f"report-to-correction-{step}-{self.name}-{width}x{height}.png"
            self.page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
            self.screens.shots.append(shot)
            overflow = self.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{step} overflows by {overflow}px at {width}px"
        self.page.set_viewport_size({"width": DESK[0], "height": DESK[1]})
        assert self.page.evaluate("window.__violations") == [], step


class Screens:
    """The people of the story, each in a browser context of their own (their own cookies)."""

    def __init__(self, browser, base: str) -> None:
        self.browser, self.base = browser, base
        self.people: list[Person] = []
        self.shots: list[str] = []

    def person(self, name: str) -> Person:
        self.people.append(Person(self, name))
        return self.people[-1]

    def close(self) -> None:
        for person in self.people:
            person.context.close()


def _sign_in_to_the_admin(page, base: str, user) -> None:
    device = authenticator(user)  # enrolled before, as an editor's phone would be
    page.goto(f"{base}/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_otp", current_code(device))
    page.click("input[type=submit]")
    page.wait_for_selector("#queues")


@pytest.mark.e2e
def test_a_readers_report_is_resolved_by_a_published_correction(
    browser, live_server, workflow, monkeypatch, mailoutbox
):
    monkeypatch.setattr(report_forms, "MIN_FILL_SECONDS", 0)
    started = time.monotonic()
    live = workflow.published(workflow.draft(slug="high-blood-pressure", body=WRONG_BODY))
    article = live.article
    title = live.title
    base = live_server.url
    screens = Screens(browser, base)

    # 1. An anonymous reader reports the wrong dose from the article's page.
    reader = screens.person("reader")
    reader.go("/articles/high-blood-pressure/")
    reader.page.wait_for_selector(f"h1:has-text('{title}')")
    assert "50 mg" in reader.page.inner_text("article")
    assert reader.page.locator("aside.notice.correction").count() == 0
    reader.look("1-article-before", phone=True)
    reader.page.click("text=Report a problem or ask a question")
    reader.page.wait_for_selector("h1:has-text('Report a problem or ask a question')")
    reader.page.get_by_label("A factual error").check()
    reader.page.get_by_label("Your message").fill(MESSAGE)
    reader.page.get_by_label("Your e-mail address").fill("reader@example.org")
    reader.look("1-report-form", phone=True)
    reader.page.click("button:has-text('Send to the editors')")
    reader.page.wait_for_selector("h1:has-text('Thank you')")
    assert "has reached our editors" in reader.page.inner_text("main")
    assert "Reports are never published" in reader.page.inner_text("main")
    reader.look("1-report-sent", phone=True)
    report = ReaderReport.objects.get()
    assert (report.kind, report.state, report.email) == (
        "factual_error",
        ReportState.NEW,
        "reader@example.org",
    )

    # 2. The editor finds it in the readers' reports queue and opens a correction.
    editor = screens.person("editor")
    _sign_in_to_the_admin(editor.page, base, workflow.editor)
    editor.look("2-admin-home")
    editor.page.click("a[href='/admin/editorial/readerreport/']")
    editor.page.wait_for_selector("#result_list")
    row = editor.page.locator("#result_list tbody tr").filter(has_text="high-blood-pressure")
    assert row.count() == 1
    assert "New" in row.inner_text()
    editor.look("2-reports-queue")
    row.locator("a", has_text="starting dose of amlodipine").click()
    editor.page.wait_for_selector("#reader-message")
    assert editor.page.inner_text("#reader-message") == MESSAGE
    assert editor.page.inner_text("#report-state") == "New"
    editor.look("2-report")
    editor.page.click("#actions >> text=Open a correction")
    editor.page.wait_for_selector("input[type=submit][value='Open a correction']")
    editor.page.fill("textarea", TRIAGE_NOTE)
    editor.look("2-open-correction")
    editor.page.click("input[type=submit][value='Open a correction']")
    editor.page.wait_for_selector("#report-correction")
    assert "Correction opened" in editor.page.inner_text(".messagelist")
    assert "high-blood-pressure r2 (draft)" in editor.page.inner_text("#report-correction")
    assert editor.page.locator("#actions >> text=Open a correction").count() == 0
    editor.look("2-correction-opened")
    told = [m for m in mailoutbox if m.to == [workflow.author.email]]
    assert told
    assert TRIAGE_NOTE in told[-1].body

    # 3. The author corrects the draft in the workspace and submits it.
    author = screens.person("author")
    author.go("/workspace/")
    author.page.wait_for_selector("#id_username")
    author.page.fill("#id_username", workflow.author.username)
    author.page.fill("#id_password", PASSWORD)
    author.page.click("button:has-text('Sign in')")
    author.page.wait_for_selector("h1:has-text('My articles')")
    author.look("3-my-articles")
    author.page.click(f"main h2 >> text={title}")
    author.page.click("text=Edit the draft")
    author.page.wait_for_selector("h1:has-text('Revision 2: draft')")
    assert author.page.input_value("#id_body") == WRONG_BODY  # copied from the live text
    author.page.fill("#id_body", RIGHT_BODY)
    author.page.get_by_label("What changed, or what was wrong").fill(WHAT_WAS_WRONG)
    author.page.click("button:has-text('Save draft')")
    author.page.wait_for_selector("text=Draft saved at")
    assert author.page.input_value("#id_body") == RIGHT_BODY
    author.look("3-draft-corrected")
    author.page.click("button:has-text('Save and submit')")
    author.page.wait_for_selector("text=can no longer be edited")
    author.look("3-submit-confirmation")
    author.page.click("form.form-actions button:has-text('Submit for review')")
    author.page.wait_for_selector("text=Waiting for reviewers")
    author.look("3-submitted")
    correction = article.revisions.get(number=2)
    assert (correction.state, correction.change_class, correction.change_note) == (
        RevisionState.SUBMITTED,
        "correction",
        WHAT_WAS_WRONG,
    )

    # 4. Two reviewers accept; the editor starts review, keeping the author's class.
    assignments = workflow.accepted(correction, n=2)
    editor.go(f"/admin/articles/revision/{correction.pk}/change/")
    editor.page.wait_for_selector("#revision-state")
    assert editor.page.inner_text("#change h2").startswith("Correction")
    assert editor.page.inner_text("#change-note") == WHAT_WAS_WRONG
    # Against the live text, the word that changes: 50 becomes 5.
    assert editor.page.locator("#public-diff del").all_inner_texts() == ["50"]
    assert editor.page.locator("#public-diff ins").all_inner_texts() == ["5"]
    editor.look("4-correction-submitted")
    editor.page.click("#actions >> text=Start review")
    editor.page.wait_for_selector("input[type=submit][value='Start review']")
    assert "Correction" in editor.page.inner_text("#change-class")
    editor.look("4-start-review")
    editor.page.click("input[type=submit][value='Start review']")
    editor.page.wait_for_selector("text=Review started.")
    assert editor.page.inner_text("#revision-state") == "Under review"
    correction.refresh_from_db()
    assert correction.change_class == "correction"  # confirmed, now frozen

    # The reviews and the board's approvals, through the services.
    for assignment in assignments:
        workflow.complete(assignment)
    quorum = rules_for(correction).board_quorum
    assert quorum == 2
    for member in workflow.board[:quorum]:
        correction = services.board_vote(
            revision=correction, actor=member, decision="approve", comment="Approved."
        )
    assert correction.state == RevisionState.APPROVED

    # 5. The editor publishes it.
    editor.page.reload()
    editor.page.wait_for_selector("#actions a:has-text('Publish now')")
    assert editor.page.inner_text("#revision-state") == "Approved"
    editor.look("5-approved")
    editor.page.click("#actions a:has-text('Publish now')")
    editor.page.wait_for_selector("#consequences")
    editor.page.click("input[type=submit][value='Publish now']")
    editor.page.wait_for_selector("text=Published: this revision is now what the public reads.")
    assert editor.page.inner_text("#revision-state") == "Published"
    editor.look("5-published")

    # 6. What the reader sees now, and the report, resolved.
    # The page is public for a minute (Cache-Control: max-age=60), so the reader's browser
    # may show the copy it has; reloading revalidates it by its ETag and gets the new one.
    reader.go("/articles/high-blood-pressure/")
    reader.page.reload()
    reader.page.wait_for_selector("aside.notice.correction")
    notice = reader.page.locator("article > aside.notice.correction")
    assert notice.count() == 1
    assert f"Correction: {WHAT_WAS_WRONG}" in notice.inner_text()
    # At the top: straight under the title, above the text it corrects.
    heading_box = reader.page.locator("article > h1").bounding_box()
    notice_box = notice.bounding_box()
    body_box = reader.page.locator("article p", has_text="5 mg once a day").bounding_box()
    assert heading_box["y"] < notice_box["y"] < body_box["y"]
    text = reader.page.inner_text("article")
    assert "5 mg once a day" in text
    assert "50 mg" not in text.replace(WHAT_WAS_WRONG, "")
    assert MESSAGE not in reader.page.content()  # reports are never published
    reader.look("6-article-corrected", phone=True)
    reader.page.click("text=All corrections and retractions")
    reader.page.wait_for_selector("h1:has-text('Corrections and retractions')")
    listed = reader.page.locator("main ul.list li", has_text=title)
    assert listed.count() == 1
    assert WHAT_WAS_WRONG in listed.inner_text()
    assert "Correction" in listed.locator(".kind").inner_text()
    assert MESSAGE not in reader.page.content()
    reader.look("6-corrections", phone=True)

    editor.go(f"/admin/editorial/readerreport/{report.pk}/change/")
    editor.page.wait_for_selector("#report-state")
    assert editor.page.inner_text("#report-state") == "Resolved"
    assert "revision 2 was published" in editor.page.inner_text("#resolution")
    assert "(published)" in editor.page.inner_text("#report-correction")
    editor.look("6-report-resolved")
    editor.page.click("a:has-text('Reader reports')")
    editor.page.wait_for_selector("#result_list")
    assert "Resolved" in editor.page.locator("#result_list tbody tr").first.inner_text()
    editor.look("6-reports-queue")

    screens.close()
    report.refresh_from_db()
    assert report.state == ReportState.RESOLVED
    summary = {
        "seconds": round(time.monotonic() - started, 1),
        "screenshots": screens.shots,
    }
    (ARTIFACTS / "readers-report-to-correction.json").write_text(json.dumps(summary, indent=2))
