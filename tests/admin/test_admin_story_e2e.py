"""The whole story through the admin in headless Chromium: an editor assigns two reviewers,
each accepts and submits a review, two board members approve with a comment, an editor
publishes, and the public article is served. Screenshots go to test-artifacts/admin/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial import services
from tests.factories import ReviewerFactory, SpecialtyFactory, UserFactory, reference_data
from tests.public_view import public_list
from tests.signin import authenticator, current_code

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "admin"
PASSWORD = "pw-imprimatur-test"
TITLE = "Atrial fibrillation: preventing stroke"
BODY = (
    "Atrial fibrillation raises the risk of stroke about fivefold [1].\n\n"
    "## Anticoagulation\n\nDirect oral anticoagulants prevent most of these strokes [2], "
    "and bleeding risk is assessed before starting [1, 2]."
)


@pytest.fixture
def cast(transactional_db):
    specialty = SpecialtyFactory(name="Cardiology", slug="cardiology")
    people = {
        "author": UserFactory(username="author", groups=["Authors"]),
        "editor": UserFactory(username="editor", groups=["Editors"], first_name="Eda"),
        "board1": UserFactory(username="board1", groups=["Advisory Board"]),
        "board2": UserFactory(username="board2", groups=["Advisory Board"]),
    }
    for username in ("editor", "board1", "board2"):
        authenticator(people[username])
    reviewers = []
    for i, name in enumerate(["Dr Amal Haddad", "Dr Ben Okafor"], start=1):
        reviewer = ReviewerFactory(user__username=f"reviewer{i}", display_name=name)
        reviewer.specialties.add(specialty)
        reviewers.append(reviewer)
    article = services.article_create(
        actor=people["author"],
        slug="af-stroke",
        specialty=specialty,
        title=TITLE,
        summary="How anticoagulation prevents strokes in atrial fibrillation.",
        body=BODY,
        references=reference_data(2),
    )
    services.revision_submit(revision=article.revisions.get(), actor=people["author"])
    return reviewers


class Story:
    def __init__(self, browser, base_url: str) -> None:
        self.browser, self.base_url, self.shot = browser, base_url, 0

    def login(self, username: str):
        page = self.browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.goto(f"{self.base_url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        if "/second-factor/" in page.url:
            device = TOTPDevice.objects.get(user__username=username)
            page.fill("#id_otp", current_code(device))
            page.click("input[type=submit]")
        page.wait_for_selector("#queues")
        return page

    def screenshot(self, page, name: str) -> None:
        self.shot += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{self.shot:02d}-{name}.png"), full_page=True)

    def open_from_queue(self, page, queue: str, count: int, shot: str = "") -> None:
        if shot:
            self.screenshot(page, shot)
        row = page.locator(f"tr.queue-{queue}")
        assert row.locator(".queue-count").inner_text() == str(count)
        row.locator("a").click()
        page.click(f"#result_list a:has-text('{TITLE}')")
        page.wait_for_selector("#decision")


def message(page) -> str:
    return page.locator("ul.messagelist").inner_text()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_story_from_submission_to_public_article_through_the_admin(browser, live_server, cast):
    reviewers = cast
    story = Story(browser, live_server.url)

    editor = story.login("editor")
    story.open_from_queue(editor, "awaiting_assignment", 1, shot="editor-queues")
    for reviewer in reviewers:
        editor.click("#actions a:has-text('Assign a reviewer')")
        options = editor.locator("#id_reviewer option").all_inner_texts()
        assert any(reviewer.display_name in text for text in options)
        editor.select_option("#id_reviewer", str(reviewer.pk))
        editor.click("input[type=submit][value=Invite]")
        assert f"{reviewer.display_name} invited" in message(editor)
    assert editor.locator(".assignment").count() == 2
    story.screenshot(editor, "editor-assigned-two-reviewers")

    for reviewer in reviewers:
        page = story.login(reviewer.user.username)
        story.open_from_queue(page, "mine_open", 1)
        page.click("#assignments a:has-text('Accept')")
        page.click("input[type=submit][value=Accept]")
        assert "Invitation accepted." in message(page)
        page.click("#assignments a:has-text('Submit review')")
        page.select_option("#id_recommendation", "approve")
        page.fill("#id_comments_for_author", f"Accurate and clear. — {reviewer.display_name}")
        page.fill("#id_confidential_comments", "No concerns about the evidence.")
        # Named on the public page only with their consent, which they give here.
        page.check("#id_credit_consent")
        page.click("input[type=submit][value='Submit review']")
        assert "Review submitted. Thank you." in message(page)
        assert page.locator(".assignment").count() == 1
        story.screenshot(page, f"{reviewer.user.username}-submitted-review")
        page.context.close()

    editor.reload()
    assert editor.locator("#reviews-count").inner_text() == "2 of 2"
    editor.click("#actions input[value='Start review']")
    assert "Review started." in message(editor)
    assert editor.locator("#revision-state").inner_text() == "Under review"

    for number, username in enumerate(["board1", "board2"]):
        page = story.login(username)
        story.open_from_queue(page, "awaiting_my_vote", 1, shot=f"{username}-queues")
        assert page.locator("#approvals-count").inner_text() == f"{number} of 2"
        assert page.locator("a.citation").first.get_attribute("href") == "#ref-1"
        assert "No concerns about the evidence." in page.locator("#assignments").inner_text()
        story.screenshot(page, f"{username}-revision-page")
        page.click("#actions a:has-text('Approve')")
        page.fill("#id_comment", f"Approved by {username}: the evidence is well summarised.")
        page.click("input[type=submit][value=Approve]")
        assert "Your approval is recorded." in message(page)
        assert f"Approved by {username}" in page.locator("#votes").inner_text()
        page.context.close()

    editor.reload()
    assert editor.locator("#revision-state").inner_text() == "Approved"
    editor.click("#actions a:has-text('Publish now')")
    editor.wait_for_selector("#consequences")
    editor.click("input[type=submit][value='Publish now']")
    assert "Published: this revision is now what the public reads." in message(editor)
    assert editor.locator("#revision-state").inner_text() == "Published"
    assert "Published" in editor.locator("#history").inner_text()
    story.screenshot(editor, "editor-published")

    assert [slug for slug, _, _ in public_list()] == ["af-stroke"]
    reader = browser.new_context().new_page()
    response = reader.goto(f"{live_server.url}/articles/af-stroke/")
    story.screenshot(reader, "public-article")
    assert response is not None
    assert response.status == 200
    assert reader.locator("h1").inner_text() == TITLE
    reviewed_by = reader.locator("body").inner_text()
    for reviewer in reviewers:
        assert reviewer.display_name in reviewed_by
    assert "No concerns about the evidence." not in reader.content()
