"""Every changelist, the index and the revision page cost a fixed number of queries,
however many articles, assignments and votes there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial import services
from tests.factories import ReviewerFactory, UserFactory

from .conftest import revision_url

# Each page of a board member's reads the session's second-factor device once (django-otp).
CHANGELISTS = {
    # url name: queries for one page, whatever the number of rows
    # Three of them count the queues "ready for review", "re-review in progress" and "overdue".
    # The read-only lists never count the whole table besides the filtered rows
    # (show_full_result_count off), and the audit list has no date hierarchy.
    "admin:index": 17,  # with the count of stale public renderings
    "admin:articles_revision_changelist": 11,
    "admin:articles_article_changelist": 9,
    "admin:articles_specialty_changelist": 9,
    "admin:reviewers_reviewassignment_changelist": 9,
    "admin:reviewers_reviewer_changelist": 12,
    "admin:editorial_auditevent_changelist": 8,
    "admin:editorial_boardvote_changelist": 8,
}
QUEUES = [
    ("admin:articles_revision_changelist", "awaiting_assignment", 11),
    ("admin:articles_revision_changelist", "ready_for_review", 11),
    ("admin:articles_revision_changelist", "awaiting_my_vote", 11),
    ("admin:articles_revision_changelist", "rereview_due", 11),
    ("admin:articles_revision_changelist", "rereview_open", 11),
    ("admin:articles_revision_changelist", "rereview_overdue", 11),
    ("admin:reviewers_reviewassignment_changelist", "overdue", 9),
]


def populate(workflow, rounds: int) -> None:
    """Articles in every stage: published, approved, reviewed with votes, reviews in before
    review started, invited."""
    for _ in range(rounds):
        workflow.published()
        workflow.approved()
        reviewed = workflow.reviewed()
        services.revision_approve(revision=reviewed, actor=workflow.board[0], comment="Fine.")
        for review in workflow.accepted():
            workflow.complete(review)
        workflow.assigned()


def _queries_per_page(client, urls) -> dict[str, int]:
    counted = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counted[url] = len(queries)
    return counted


def test_every_changelist_and_queue_costs_the_same_with_four_times_the_rows(workflow, login):
    """One article per stage, then four: each page's count is the stated one both times."""
    client = login(workflow.board[2])
    expected = {reverse(name): queries for name, queries in CHANGELISTS.items()}
    expected |= {f"{reverse(name)}?queue={queue}": queries for name, queue, queries in QUEUES}

    populate(workflow, 1)
    few = _queries_per_page(client, expected)
    populate(workflow, 3)
    many = _queries_per_page(client, expected)

    assert few == expected
    assert many == expected


def test_reviewers_own_assignment_list_query_count_does_not_grow(
    workflow, login, django_assert_num_queries
):
    client = login(workflow.reviewers[0].user)
    url = reverse("admin:reviewers_reviewassignment_changelist")
    populate(workflow, 1)
    with django_assert_num_queries(7):
        client.get(url)
    populate(workflow, 2)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200


def revision_with(workflow, settings, panel: int):
    """A revision under review with `panel` completed reviews and `panel` board votes."""
    settings.EDITORIAL = {**settings.EDITORIAL, "BOARD_QUORUM": 10}
    extra = [ReviewerFactory() for _ in range(panel - 2)]
    for reviewer in extra:
        reviewer.specialties.add(workflow.specialty)
    revision = workflow.reviewed(n=panel, reviewers=[*workflow.reviewers[:2], *extra])
    members = [
        *workflow.board[:2],
        *(UserFactory(groups=["Advisory Board"]) for _ in range(panel - 2)),
    ]
    for member in members:
        services.revision_approve(revision=revision, actor=member, comment="Agreed.")
    return revision


@pytest.mark.parametrize("panel", [2, 6])
def test_revision_page_query_count_does_not_grow_with_assignments_and_votes(
    workflow, login, settings, django_assert_num_queries, panel
):
    revision = revision_with(workflow, settings, panel)
    client = login(workflow.board[2])
    # Three of them read, once, what bars this board member from voting; one counts the
    # approvals that are eligible; one reads the session's second-factor device.
    with django_assert_num_queries(17):
        response = client.get(revision_url(revision))
    assert response.status_code == 200
    assert response.content.decode().count('class="assignment"') == panel
