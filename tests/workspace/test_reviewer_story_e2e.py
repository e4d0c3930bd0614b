"""A reviewer in Chromium, without a password: opens the invitation from the e-mail's link,
accepts, writes and saves a draft (the button, and the autosave), leaves, comes back by the
same link and finds the draft, confirms what will be sent and submits, consenting to public
credit; then that link is refused as used up, and a revoked link is refused too. Every page
is screenshotted at 1280x800 and 390x844 (test-artifacts/), has no horizontal overflow on
the phone, no Content-Security-Policy violation, and no serious or critical axe-core
violation."""

from __future__ import annotations

import json

import pytest

from editorial import services
from reviewers.models import AssignmentState, ReviewAssignment
from tests.factories import ReviewerFactory, SpecialtyFactory, UserFactory
from tests.workflow import Workflow

from .reviewer_links import link_in
from .test_author_story_e2e import ARTIFACTS, WATCH, Story

COMMENTS = "The dosing table needs the renal adjustment.\n\nOtherwise clear and accurate."
CONFIDENTIAL = "The author cites their own trial twice."


class ReviewerStory(Story):
    prefix = "workspace-reviewer"


@pytest.fixture
def cast(transactional_db):
    specialty = SpecialtyFactory(name="Cardiology", slug="cardiology")
    reviewers = [
        ReviewerFactory(user__username=f"reviewer{i}", display_name=f"Dr Reviewer {i}")
        for i in (1, 2)
    ]
    for reviewer in reviewers:
        reviewer.specialties.add(specialty)
    return Workflow(
        UserFactory(username="writer", groups=["Authors"], first_name="Wei"),
        UserFactory(username="editor", groups=["Editors"]),
        [UserFactory(username=f"board{i}", groups=["Advisory Board"]) for i in (1, 2)],
        reviewers,
        specialty,
    )


def _invite(wf, reviewer, mailoutbox) -> tuple[ReviewAssignment, str]:
    mailoutbox.clear()
    revision = wf.submitted()
    assignment = services.assignment_create(revision=revision, reviewer=reviewer, actor=wf.editor)
    (mail,) = [m for m in mailoutbox if reviewer.user.email in m.to]
    return assignment, link_in(mail.body)


def _autosave(response) -> bool:
    return response.url.endswith("/review/draft/") and response.request.method == "POST"


@pytest.mark.e2e
def test_a_reviewer_reviews_by_the_link_and_the_link_is_then_refused(
    browser, live_server, cast, mailoutbox
):
    assignment, link = _invite(cast, cast.reviewers[0], mailoutbox)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(WATCH)
    story = ReviewerStory(page, live_server.url)

    # From the e-mail's link, no password: the invitation, with the article.
    story.go(link)
    page.wait_for_selector("h1:has-text('Invitation to review')")
    assert page.locator(".public-article").count() == 1
    story.look("invitation")
    page.click("button:has-text('Accept the invitation')")

    # The review beside the article; a draft saved by the button, then by the autosave.
    page.wait_for_selector("h1:has-text('Your review')")
    story.look("review")
    with page.expect_response(_autosave):
        page.select_option("#id_recommendation", "minor_changes")
    page.fill("#id_comments_for_author", COMMENTS)
    page.click("button:has-text('Save draft')")
    page.wait_for_selector(".message:has-text('Draft saved at')")
    story.look("review-draft-saved")
    page.fill("#id_confidential_comments", CONFIDENTIAL)
    with page.expect_response(_autosave) as saved:
        page.press("#id_confidential_comments", "Tab")
    assert saved.value.ok
    page.wait_for_selector("#draft-status:has-text('Draft saved at')")
    assert assignment.draft.confidential_comments == CONFIDENTIAL
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED
    assert assignment.comments_for_author == ""  # a draft is not a review

    # Leaving: anything else in the workspace says the link opens this review only.
    story.go("/workspace/")
    page.wait_for_selector("h1:has-text('Your link opens one review only')")
    story.look("link-only")

    # Back by the same link: the draft is there.
    story.go(link)
    page.wait_for_selector("h1:has-text('Your review')")
    assert page.input_value("#id_comments_for_author") == COMMENTS
    assert page.input_value("#id_confidential_comments") == CONFIDENTIAL

    # What will be sent, what stays confidential; consent; submit.
    page.click("button:has-text('Check and submit')")
    page.wait_for_selector("h1:has-text('Check and submit your review')")
    assert "renal adjustment" in page.inner_text(".sent")
    assert CONFIDENTIAL in page.inner_text(".confidential")
    assert "Minor changes" in page.inner_text(".confidential")
    story.look("confirm")
    page.check("#id_credit_consent")
    page.click("button:has-text('Submit the review')")
    page.wait_for_selector("text=Thank you for your review.")
    story.look("submitted")
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.COMPLETED
    assert assignment.credit_consent is True
    assert assignment.comments_for_author == COMMENTS

    # The same link, used up; a revoked link.
    story.go(link)
    page.wait_for_selector("h1:has-text('This link has been used up')")
    story.look("link-used-up")
    other, revoked = _invite(cast, cast.reviewers[1], mailoutbox)
    services.reviewer_link_revoke(assignment=other, actor=cast.editor)
    story.go(revoked)
    page.wait_for_selector("h1:has-text('This link no longer works')")
    story.look("link-revoked")
    page.click("button:has-text('Ask the editor for a new link')")
    page.wait_for_selector(".message:has-text('The editors have been asked')")

    report = {"screenshots": story.shots, "axe_violations": story.results}
    (ARTIFACTS / "workspace-reviewer-story.json").write_text(json.dumps(report, indent=2))
    context.close()
