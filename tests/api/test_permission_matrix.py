"""Who may do what, through the API: every role by every endpoint by the relevant states.

Each cell asserts the exact status and that nothing leaked: refusals carry only the error
shape, the author never reads confidential comments or who reviewed, and callers who may
not see an article never read its title.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import CONFIDENTIAL, ROLES, TITLE, assert_error_shape, client_for

STATES = ("draft", "submitted", "under_review", "changes_requested", "approved", "published")
ASSIGNED = STATES[1:]  # reviewer1 holds an assignment from submission on

# Roles, in order: anonymous, author, other_author, reviewer_assigned, reviewer_unassigned,
# editor, board. "-" marks a row that does not exist (no assignment on a draft).
ENDPOINTS: dict[str, tuple[str, str, object, dict[str, str]]] = {
    # name: (method, path, payload, {state: expected statuses})
    "read_revision": ("get", "/revisions/{rev}/", None, {
        "draft": "401 200 404 404 404 200 200",
        **dict.fromkeys(ASSIGNED, "401 200 404 200 404 200 200")}),
    "edit_draft": ("patch", "/revisions/{rev}/", {"title": "A better title"}, {
        "draft": "401 200 404 404 404 403 403",
        **dict.fromkeys(ASSIGNED, "401 409 404 403 404 403 403")}),
    "submit": ("post", "/revisions/{rev}/submit/", {}, {
        "draft": "401 200 404 404 404 403 403",
        **dict.fromkeys(ASSIGNED, "401 409 404 409 404 409 409")}),
    "withdraw": ("post", "/revisions/{rev}/withdraw/", {"comment": "Not ready."}, {
        "draft": "401 200 404 404 404 403 403",
        "submitted": "401 200 404 403 404 403 403",
        "under_review": "401 200 404 403 404 403 403",
        **dict.fromkeys(STATES[3:], "401 409 404 409 404 409 409")}),
    "start_review": ("post", "/revisions/{rev}/start-review/", {}, {
        "draft": "401 409 404 404 404 409 409",
        "submitted": "401 403 404 403 404 200 403",
        **dict.fromkeys(STATES[2:], "401 409 404 409 404 409 409")}),
    "vote": ("post", "/revisions/{rev}/vote/", {"decision": "request_changes", "comment": "Fix."}, {
        "draft": "401 409 404 404 404 409 409",
        "under_review": "401 403 404 403 404 403 200",
        **{s: "401 409 404 409 404 409 409" for s in ASSIGNED if s != "under_review"}}),
    "publish": ("post", "/revisions/{rev}/publish/", {}, {
        "draft": "401 409 404 404 404 409 409",
        "approved": "401 403 404 403 404 200 200",
        **{s: "401 409 404 409 404 409 409" for s in ASSIGNED if s != "approved"}}),
    "schedule": ("post", "/revisions/{rev}/schedule/", "FUTURE", {
        "draft": "401 409 404 404 404 409 409",
        "approved": "401 403 404 403 404 200 200",
        **{s: "401 409 404 409 404 409 409" for s in ASSIGNED if s != "approved"}}),
    "unpublish": ("post", "/revisions/{rev}/unpublish/", {"reason": "Superseded guidance."}, {
        "draft": "401 409 404 404 404 409 409",
        "published": "401 403 404 403 404 403 200",
        **{s: "401 409 404 409 404 409 409" for s in ASSIGNED if s != "published"}}),
    "assign_reviewer": ("post", "/revisions/{rev}/assignments/", "SPARE", {
        "draft": "401 403 404 404 404 409 403",
        "submitted": "401 403 404 403 404 201 403",
        "under_review": "401 403 404 403 404 201 403",
        **dict.fromkeys(STATES[3:], "401 403 404 403 404 409 403")}),
    "read_article": ("get", "/articles/{slug}/", None,
        dict.fromkeys(STATES, "401 200 404 404 404 200 200")),
    "start_next_revision": ("post", "/articles/{slug}/revisions/", {}, {
        **dict.fromkeys(STATES, "401 409 404 404 404 403 403"),
        "changes_requested": "401 201 404 404 404 403 403",
        "published": "401 201 404 404 404 403 403"}),
    "read_assignment": ("get", "/assignments/{asg}/", None, {
        "draft": "-", **dict.fromkeys(ASSIGNED, "401 404 404 200 404 200 200")}),
    "accept": ("post", "/assignments/{asg}/accept/", {"has_conflict": False}, {
        "draft": "-", "submitted": "401 404 404 200 404 403 403",
        **dict.fromkeys(STATES[2:], "401 404 404 409 404 403 403")}),
    "decline": ("post", "/assignments/{asg}/decline/", {"reason": "On leave."}, {
        "draft": "-", "submitted": "401 404 404 200 404 403 403",
        **dict.fromkeys(STATES[2:], "401 404 404 409 404 403 403")}),
    "review": ("post", "/assignments/{asg}/review/",
               {"recommendation": "approve", "comments_for_author": "Sound."}, {
        "draft": "-", "submitted": "401 404 404 409 404 403 403",
        "under_review": "401 404 404 200 404 403 403",
        **dict.fromkeys(STATES[3:], "401 404 404 409 404 403 403")}),
    "cancel": ("post", "/assignments/{asg}/cancel/", {"reason": "Overdue."}, {
        "draft": "-", "submitted": "401 404 404 403 404 200 403",
        "under_review": "401 404 404 403 404 200 403",
        **dict.fromkeys(STATES[3:], "401 404 404 403 404 409 403")}),
    "list_articles": ("get", "/articles/", None, dict.fromkeys(STATES, "401" + " 200" * 6)),
    "list_revisions": ("get", "/revisions/", None, dict.fromkeys(STATES, "401" + " 200" * 6)),
    "list_assignments": ("get", "/assignments/", None, dict.fromkeys(STATES, "401" + " 200" * 6)),
    "list_reviewers": ("get", "/reviewers/", None, {"under_review": "401 403 403 403 403 200 200"}),
    "list_specialties": ("get", "/specialties/", None, {"draft": "401" + " 200" * 6}),
    "create_article": ("post", "/articles/", "NEW_ARTICLE",
                       {"draft": "401 201 201 403 403 403 403"}),
}  # fmt: skip

# Who may read the confidential comments at all: the board, the editors, and the reviewer
# who wrote them (in their own assignment).
MAY_READ_CONFIDENTIAL = {"editor", "board", "reviewer_assigned"}
# Who may see the article exists: its author and the editorial staff; reviewers through an
# assignment, once there is one.
SEES_ARTICLE = {"author", "editor", "board", "reviewer_assigned"}


def cells():
    for name, (_, _, _, table) in ENDPOINTS.items():
        for state, statuses in table.items():
            if statuses == "-":
                continue
            for role, expected in zip(ROLES, statuses.split(), strict=True):
                yield pytest.param(name, state, role, int(expected), id=f"{name}-{state}-{role}")


CELLS = list(cells())


def _payload(marker, scenario, spare_reviewer):
    if marker == "FUTURE":
        return {"publish_at": (timezone.now() + timedelta(days=2)).isoformat()}
    if marker == "SPARE":
        return {"reviewer": spare_reviewer.pk}
    if marker == "NEW_ARTICLE":
        return {"slug": "a-new-one", "specialty": scenario.article.specialty.slug, "title": "New"}
    return marker


def assert_nothing_leaked(body: str, role: str, status: int, scenario) -> None:
    if status >= 400:
        assert scenario.article.slug not in body
        assert TITLE not in body
    if role not in MAY_READ_CONFIDENTIAL:
        assert CONFIDENTIAL not in body
    if role in {"author", "other_author"}:
        # Review is blinded: no reviewer's or board member's name reaches an author.
        for reviewer in scenario.workflow.reviewers:
            assert reviewer.display_name not in body
            assert reviewer.user.username not in body
        for member in scenario.workflow.board:
            assert member.username not in body
    if role not in SEES_ARTICLE or (role == "reviewer_assigned" and scenario.state == "draft"):
        assert TITLE not in body


def test_matrix_covers_every_endpoint_role_and_state():
    assert len(CELLS) == 826  # reported in the closing note
    assert {c.values[2] for c in CELLS} == set(ROLES)


@pytest.mark.parametrize(("endpoint", "state", "role", "expected"), CELLS)
def test_permission_matrix(endpoint, state, role, expected, scenario, spare_reviewer):
    s = scenario(state)
    method, path, payload, _ = ENDPOINTS[endpoint]
    url = "/api/v1" + path.format(
        rev=s.revision.pk, slug=s.article.slug, asg=s.assignment.pk if s.assignment else 0
    )
    client = client_for(s.user(role))
    kwargs = {"format": "json"}
    if payload is not None:
        kwargs["data"] = _payload(payload, s, spare_reviewer)

    response = getattr(client, method)(url, **kwargs)

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert_error_shape(response)
    assert_nothing_leaked(response.content.decode(), role, expected, s)
