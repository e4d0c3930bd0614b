"""Publish now, Unpublish and Reject cannot be undone: the revision page offers each as a link
to a page saying what will happen (who is told, what readers see, that there is no way back),
and only that page's POST acts. One click, or a POST from anywhere else, changes nothing."""

from __future__ import annotations

import pytest

from articles.models import RevisionState
from editorial.models import AuditEvent

from .conftest import action_url, revision_url

CASES = {
    # action: (state to reach, who acts, input, state after, words the page must say)
    "publish": (
        "approved",
        "editor",
        {},
        RevisionState.PUBLISHED,
        ["Every reader sees this revision at", "Told by e-mail: Ada", "cannot be undone"],
    ),
    "unpublish": (
        "published",
        "board",
        {"comment": "A dosing error was found in the second table."},
        RevisionState.RETRACTED,
        ["says it was retracted", "the reason you give below", "Told by e-mail, with the reason",
         "cannot be undone"],
    ),
    "reject": (
        "reviewed",
        "board",
        {"comment": "Outside the scope of the site."},
        RevisionState.REJECTED,
        ["rejected at once", "Readers see nothing of it", "Told by e-mail, with your comment",
         "cannot be undone"],
    ),
}  # fmt: skip


def actor(workflow, who: str):
    return workflow.editor if who == "editor" else workflow.board[2]


@pytest.mark.parametrize("action", CASES)
def test_the_revision_page_offers_the_action_as_a_link_not_a_form(workflow, login, action):
    state, who, _, _, _ = CASES[action]
    revision = workflow.reach(state)

    html = login(actor(workflow, who)).get(revision_url(revision)).content.decode()

    assert f'href="{action_url(revision, action)}"' in html
    assert f'action="{action_url(revision, action)}"' not in html


@pytest.mark.parametrize("action", CASES)
def test_the_confirmation_page_says_who_is_told_what_readers_see_and_that_it_is_final(
    workflow, login, action
):
    state, who, _, _, words = CASES[action]
    revision = workflow.reach(state)

    page = login(actor(workflow, who)).get(action_url(revision, action))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="consequences"' in html
    assert 'name="confirmed" value="yes"' in html
    for phrase in words:
        assert phrase in html, phrase
    revision.refresh_from_db()
    assert revision.state == state.replace("reviewed", "under_review")


@pytest.mark.parametrize("action", CASES)
def test_a_post_that_did_not_come_from_the_confirmation_page_changes_nothing(
    workflow, login, action
):
    state, who, data, _, _ = CASES[action]
    revision = workflow.reach(state)
    before = AuditEvent.objects.count()

    response = login(actor(workflow, who)).post(action_url(revision, action), data)

    assert response.status_code == 200
    assert 'id="consequences"' in response.content.decode()
    revision.refresh_from_db()
    assert revision.state == state.replace("reviewed", "under_review")
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("action", CASES)
def test_confirming_on_the_page_acts(workflow, login, action):
    state, who, data, after, _ = CASES[action]
    revision = workflow.reach(state)

    response = login(actor(workflow, who)).post(
        action_url(revision, action), {**data, "confirmed": "yes"}
    )

    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.state == after


def test_the_confirmation_page_carries_the_offices_styles(workflow, login):
    revision = workflow.reach("approved")

    html = login(workflow.editor).get(action_url(revision, "publish")).content.decode()

    assert "editorial/admin.css" in html
