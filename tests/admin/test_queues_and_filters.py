"""The index shows each user's queues with counts; the lists filter and search."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from articles.models import Specialty
from editorial import services

CHANGELIST = reverse("admin:articles_revision_changelist")


def queue_counts(client) -> dict[str, int]:
    html = client.get(reverse("admin:index")).content.decode()
    return {
        key: int(count)
        for key, count in re.findall(
            r'class="queue-([a-z_]+)">.*?class="queue-count">(\d+)<', html, flags=re.DOTALL
        )
    }


def test_board_member_sees_each_queue_with_its_count(workflow, login):
    workflow.submitted()  # awaiting assignment
    for review in workflow.accepted():  # reviews in, review not started
        workflow.complete(review)
    workflow.under_review()  # under review, reviews not done
    workflow.reviewed()  # under review, awaiting the board
    voted = workflow.reviewed()
    services.revision_approve(revision=voted, actor=workflow.board[0])
    workflow.approved()
    workflow.published()

    counts = queue_counts(login(workflow.board[0]))

    assert counts == {
        "awaiting_assignment": 1,
        "ready_for_review": 1,
        "under_review": 3,
        "awaiting_my_vote": 1,
        "approved": 1,
        "rereview_due": 0,
        "rereview_open": 0,
        "rereview_overdue": 0,
        "overdue": 0,
    }


def test_editor_has_no_vote_queue_and_sees_overdue_reviews(workflow, login):
    workflow.assigned()
    services.assignment_create(
        revision=workflow.submitted(),
        reviewer=workflow.reviewers[2],
        actor=workflow.editor,
        due_at=timezone.now() + timedelta(seconds=1),
    )
    later = timezone.now() + timedelta(days=1)

    with mock.patch("django.utils.timezone.now", return_value=later):
        counts = queue_counts(login(workflow.editor))

    assert "awaiting_my_vote" not in counts
    assert counts["overdue"] == 1


def test_reviewer_sees_only_their_open_reviews_queue(workflow, login):
    workflow.assigned()
    counts = queue_counts(login(workflow.reviewers[0].user))
    assert counts == {"mine_open": 1}


def test_the_ready_for_review_queue_lists_submitted_revisions_whose_reviews_are_in(workflow, login):
    one_review_in = workflow.accepted()
    workflow.complete(one_review_in[0])
    both_in = workflow.accepted()
    for review in both_in:
        workflow.complete(review)
    ready = both_in[0].revision

    html = login(workflow.editor).get(f"{CHANGELIST}?queue=ready_for_review").content.decode()

    assert ready.title in html
    assert one_review_in[0].revision.title not in html
    services.revision_start_review(revision=ready, actor=workflow.editor)
    assert queue_counts(login(workflow.editor))["ready_for_review"] == 0


def test_queue_link_lists_only_that_queue(workflow, login):
    waiting = workflow.submitted()
    workflow.approved()

    html = login(workflow.editor).get(f"{CHANGELIST}?queue=awaiting_assignment").content.decode()

    assert waiting.title in html
    assert "Managing high blood pressure 2" not in html


def test_changelist_filters_by_state_specialty_author_and_reviewer_and_searches(
    workflow, login, other_author
):
    neurology = Specialty.objects.create(name="Neurology", slug="neurology")
    first = workflow.submitted()  # 1
    second = workflow.approved()  # 2
    client = login(workflow.editor)
    other = services.article_create(
        actor=other_author, slug="migraine", specialty=neurology, title="Migraine"
    ).revisions.get()

    assert first.title in client.get(f"{CHANGELIST}?state=submitted").content.decode()
    assert second.title not in client.get(f"{CHANGELIST}?state=submitted").content.decode()
    by_specialty = client.get(f"{CHANGELIST}?specialty=neurology")
    assert other.title in by_specialty.content.decode()
    assert first.title not in by_specialty.content.decode()
    by_author = client.get(f"{CHANGELIST}?author={other_author.pk}").content.decode()
    assert "Migraine" in by_author
    assert first.title not in by_author
    by_reviewer = client.get(f"{CHANGELIST}?reviewer={workflow.reviewers[0].pk}").content.decode()
    assert second.title in by_reviewer
    assert "Migraine" not in by_reviewer
    searched = client.get(f"{CHANGELIST}?q=migraine").content.decode()
    assert "Migraine" in searched
    assert first.title not in searched


def test_reviewer_lists_only_revisions_and_assignments_of_their_own(workflow, login):
    mine = workflow.assigned()[0]
    workflow.draft()
    client = login(workflow.reviewers[2].user)

    revisions = client.get(CHANGELIST).content.decode()
    assignments = client.get(reverse("admin:reviewers_reviewassignment_changelist"))

    assert mine.revision.title not in revisions
    assert "0 revisions" in revisions
    assert assignments.status_code == 200
    assert mine.revision.title not in assignments.content.decode()


def test_a_long_queue_shows_its_bound_and_counts_no_further(workflow, login, monkeypatch):
    from editorial.selectors import admin as admin_selectors

    monkeypatch.setattr(admin_selectors, "QUEUE_COUNT_LIMIT", 2)
    for _ in range(3):
        workflow.submitted()
    html = login(workflow.editor).get(reverse("admin:index")).content.decode()
    shown = re.search(
        r'class="queue-awaiting_assignment">.*?class="queue-count">([^<]+)<', html, re.DOTALL
    )
    assert shown is not None
    assert shown[1] == "2+"


def test_the_reviewer_list_counts_each_reviewers_open_reviews(workflow, login):
    from reviewers.models import Reviewer

    assigned = workflow.assigned(workflow.submitted(), n=2)
    finished = workflow.accepted(workflow.submitted())
    for review in finished:
        workflow.complete(review)
    response = login(workflow.editor).get(reverse("admin:reviewers_reviewer_changelist"))
    counts = {row.pk: row.active_count for row in response.context["cl"].result_list}
    expected = {r.pk: sum(a.reviewer_id == r.pk for a in assigned) for r in Reviewer.objects.all()}
    assert counts == expected
    assert sum(counts.values()) == 2
