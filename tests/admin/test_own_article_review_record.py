"""Nobody reads the review record of an article they wrote in the admin: not an editor,
not a board member, not a superuser. Their lists of assignments, votes and history leave
that article out, and its revision page shows no reviewer, conflict, vote or history."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.review_record import (
    CONFIDENTIAL,
    CONFLICT,
    SLUG,
    STAFF_AUTHORS,
    VOTE_NOTE,
    own_article_under_review,
    someone_elses_approved_article,
)

from .conftest import revision_url


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_revision_page_of_their_own_article_shows_no_review_record(workflow, login, role):
    own = own_article_under_review(workflow, role)

    html = login(own.author).get(revision_url(own.revision)).content.decode()

    for reviewer in workflow.reviewers:
        assert str(reviewer) not in html
    for secret in (CONFLICT, CONFIDENTIAL, VOTE_NOTE, "Clear and accurate."):
        assert secret not in html
    assert 'id="votes"' not in html
    assert 'id="history"' not in html
    assert 'id="approvals-count"' not in html


@pytest.mark.parametrize(
    "model", ["reviewers_reviewassignment", "editorial_boardvote", "editorial_auditevent"]
)
@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_record_lists_leave_out_their_own_article_but_not_others(
    workflow, other_author, login, role, model
):
    own = own_article_under_review(workflow, role)
    other = someone_elses_approved_article(workflow, other_author)
    client = login(own.author)

    html = client.get(reverse(f"admin:{model}_changelist")).content.decode()

    assert SLUG not in html
    assert re.search(re.escape(own.revision.title) + r"(?!\d)", html) is None
    assert CONFLICT not in html
    assert VOTE_NOTE not in html
    assert other.article.slug in html or other.title in html


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_opening_a_record_of_their_own_article_by_its_address_finds_nothing(workflow, login, role):
    own = own_article_under_review(workflow, role)
    client = login(own.author)
    vote = own.revision.votes.get()
    assignment = own.revision.assignments.filter(has_conflict=True).get()

    vote_page = client.get(reverse("admin:editorial_boardvote_change", args=[vote.pk]))
    assignment_page = client.get(
        reverse("admin:reviewers_reviewassignment_change", args=[assignment.pk])
    )

    assert VOTE_NOTE not in vote_page.content.decode()
    assert vote_page.status_code == 302  # "does not exist": back to the list
    assert assignment_page.status_code == 302
    assert f"#assignment-{assignment.pk}" not in assignment_page["Location"]


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_revision_list_hides_review_and_approval_counts_of_their_own_article(
    workflow, other_author, login, role
):
    own = own_article_under_review(workflow, role)
    someone_elses_approved_article(workflow, other_author)

    html = login(own.author).get(reverse("admin:articles_revision_changelist")).content.decode()

    own_row = html[html.index(own.revision.title) :].split("</tr>")[0]
    other_row = html[html.index(f"{other_author.username}") :].split("</tr>")[0]
    assert 'class="field-reviews">—<' in own_row
    assert 'class="field-approvals_count">—<' in own_row
    assert 'class="field-reviews">2<' in other_row
    assert 'class="field-approvals_count">2<' in other_row


@pytest.mark.parametrize("role", STAFF_AUTHORS)
def test_filtering_by_reviewer_does_not_reveal_who_reviewed_their_own_article(
    workflow, login, role
):
    own = own_article_under_review(workflow, role)
    reviewer = workflow.reviewers[0]
    changelist = reverse("admin:articles_revision_changelist")

    html = login(own.author).get(changelist, {"reviewer": reviewer.pk}).content.decode()

    assert SLUG not in html
    assert own.revision.title not in html
