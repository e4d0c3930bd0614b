"""The office never leaves anyone guessing: the revision page never says "nothing for you to
do" above one's own buttons, never "no reviewers" while reviews are hidden, the next revision
after a retraction says when and why it was retracted, the retraction's reason says it is
public, changelists keep long titles to two lines with the whole title on hover, and the
reviewer picker lists only people who could accept."""

from __future__ import annotations

from django.urls import reverse

from editorial import selectors, services
from tests.factories import ReviewerFactory, UserFactory

from .conftest import action_url, revision_url

NOTHING = "Nothing for you to do on this revision now."


def test_an_invited_reviewer_is_pointed_to_their_buttons_not_told_there_is_nothing_to_do(
    workflow, login
):
    assignment = workflow.assigned()[0]

    html = login(assignment.reviewer.user).get(revision_url(assignment.revision)).content
    html = html.decode()

    assert NOTHING not in html
    assert 'id="your-step"' in html
    assert "Accept, Decline" in html


def test_someone_with_no_step_at_all_is_told_so(workflow, login):
    revision = workflow.reviewed()

    html = login(workflow.reviewers[0].user).get(revision_url(revision)).content.decode()

    assert NOTHING in html


def test_the_author_is_told_reviews_exist_and_are_hidden_until_the_decision(workflow, login):
    revision = workflow.reviewed()

    html = login(workflow.author).get(revision_url(revision)).content.decode()

    assert "No reviewers yet." not in html
    assert "2 reviewers on this revision, 2 reviews completed." in html
    assert "hidden from you until the board decides" in html
    assert str(workflow.reviewers[0]) not in html


def test_an_article_without_reviewers_still_says_so(workflow, login):
    revision = workflow.submitted()

    html = login(workflow.author).get(revision_url(revision)).content.decode()

    assert "No reviewers yet." in html
    assert 'id="reviews-hidden"' not in html


def test_the_next_revision_after_a_retraction_says_when_and_why(workflow, login):
    retracted = workflow.reach("retracted")
    reinstating = services.revision_start_next(
        article=retracted.article,
        actor=workflow.author,
        change_note="The dosing table is corrected.",
    )

    html = login(workflow.editor).get(revision_url(reinstating)).content.decode()

    assert 'id="retraction-reason"' in html
    assert "A dosing error was found." in html
    assert f"Revision {retracted.number}, on " in html


def test_the_unpublish_reason_says_readers_see_it(workflow, login):
    published = workflow.published()

    html = login(workflow.board[0]).get(action_url(published, "unpublish")).content.decode()

    assert "shown to readers on the article&#x27;s page" in html


def test_changelists_clamp_long_titles_and_keep_the_whole_title_on_hover(workflow, login):
    revision = workflow.assigned()[0].revision
    client = login(workflow.editor)

    for name in ("articles_revision_changelist", "reviewers_reviewassignment_changelist"):
        html = client.get(reverse(f"admin:{name}")).content.decode()
        assert f'class="clamp" title="{revision.title}' in html, name
        assert "editorial/admin.css" in html, name


def test_the_picker_lists_neither_board_members_outside_the_reviewers_group_nor_the_inactive(
    workflow,
):
    revision = workflow.submitted()
    board_only = ReviewerFactory(
        display_name="Dr Board Only",
        user=UserFactory(username="boardonly", groups=["Advisory Board"]),
    )
    closed = ReviewerFactory(display_name="Dr Closed Account")
    closed.user.is_active = False
    closed.user.save(update_fields=["is_active"])
    both = ReviewerFactory(
        display_name="Dr Board And Reviewer",
        user=UserFactory(username="boardreviewer", groups=["Advisory Board", "Reviewers"]),
    )

    listed = set(selectors.reviewer_candidate_list(revision))

    assert board_only not in listed
    assert closed not in listed
    assert both in listed
