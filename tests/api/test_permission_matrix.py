"""Who may do what, through the API: every role by every endpoint by the relevant states.

The expected status of each cell follows from this test's own statement of the rules, in
the one order every interface answers: 401 for nobody, 404 for an object the caller may
not see, 403 for an action that is not theirs, 409 for a state it does not fit, and then
success. Every action the workflow registry offers through the API must have its row.

Each cell also checks that nothing leaked: refusals carry only the error shape, the author
never reads confidential comments or who reviewed, and callers who may not see an article
never read its title. Each cell runs in a savepoint rolled back after it, so the cells
share one article per state, built once for the module.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import workflow as registry
from tests.factories import ReviewerFactory, UserFactory
from tests.workflow import CONFIDENTIAL, UPDATE

from .conftest import ROLES, TITLE, Scenario, assert_error_shape, client_for

# "rereviewed": published, with a re-review open that one reviewer (reviewer2) has completed.
STATES = (
    "draft",
    "submitted",
    "under_review",
    "changes_requested",
    "approved",
    "published",
    "rereviewed",
)
OPEN = {"submitted", "under_review"}

# endpoint: (method, path, payload, registry action or None for a read, status on success)
ENDPOINTS: dict[str, tuple[str, str, object, str | None, int]] = {
    "read_revision": ("get", "/revisions/{rev}/", None, None, 200),
    "edit": ("patch", "/revisions/{rev}/", {"title": "A better title"}, "edit", 200),
    "submit": ("post", "/revisions/{rev}/submit/", {}, "submit", 200),
    "withdraw": ("post", "/revisions/{rev}/withdraw/", {"comment": "Not ready."}, "withdraw",
                 200),
    "start_review": ("post", "/revisions/{rev}/start-review/", {}, "start_review", 200),
    "vote": ("post", "/revisions/{rev}/vote/", {"decision": "request_changes", "comment": "Fix."},
             "vote", 200),
    "recuse": ("post", "/revisions/{rev}/recuse/", {"statement": "I advise the maker."},
               "recuse", 200),
    "publish": ("post", "/revisions/{rev}/publish/", {}, "publish", 200),
    "schedule": ("post", "/revisions/{rev}/schedule/", "FUTURE", "schedule_publication", 200),
    "unpublish": ("post", "/revisions/{rev}/unpublish/", {"reason": "Superseded guidance."},
                  "unpublish", 200),
    "assign_reviewer": ("post", "/revisions/{rev}/assignments/", "SPARE", "assign_reviewer",
                        201),
    "read_article": ("get", "/articles/{slug}/", None, None, 200),
    "start_revision": ("post", "/articles/{slug}/revisions/", "CLASS", "start_revision", 201),
    "read_assignment": ("get", "/assignments/{asg}/", None, None, 200),
    "accept": ("post", "/assignments/{asg}/accept/", {"has_conflict": False}, "accept", 200),
    "decline": ("post", "/assignments/{asg}/decline/", {"reason": "On leave."}, "decline", 200),
    "review": ("post", "/assignments/{asg}/review/",
               {"recommendation": "approve", "comments_for_author": "Sound."}, "review", 200),
    "cancel": ("post", "/assignments/{asg}/cancel/", {"reason": "Overdue."}, "cancel", 200),
    "extend_due": ("post", "/assignments/{asg}/extend-due/", "LATER", "extend_due", 200),
    "open_rereview": ("post", "/revisions/{rev}/rereview/", {}, "open_rereview", 201),
    "read_rereview": ("get", "/rereviews/{rr}/", None, None, 200),
    "assign_rereviewer": ("post", "/rereviews/{rr}/assignments/", "SPARE", "assign_rereviewer",
                          201),
    "attest_rereview": ("post", "/rereviews/{rr}/attest/", {"note": "Checked."},
                        "attest_rereview", 200),
    "open_update": ("post", "/rereviews/{rr}/open-update/", {"note": "New dose."},
                    "open_update", 200),
    "cancel_rereview": ("post", "/rereviews/{rr}/cancel/", {"note": "Not needed."},
                        "cancel_rereview", 200),
}  # fmt: skip

# The rules, as this test states them: who may take each action ...
WHO = {
    "edit": {"author"},
    "submit": {"author"},
    "withdraw": {"author"},
    "start_revision": {"author"},
    "assign_reviewer": {"editor"},
    "start_review": {"editor"},
    "cancel": {"editor"},
    "extend_due": {"editor"},
    "vote": {"board"},
    "recuse": {"board"},
    "unpublish": {"board"},
    "publish": {"editor", "board"},
    "schedule_publication": {"editor", "board"},
    "accept": {"reviewer_assigned"},
    "decline": {"reviewer_assigned"},
    "review": {"reviewer_assigned"},
    "open_rereview": {"editor"},
    "assign_rereviewer": {"editor"},
    "cancel_rereview": {"editor"},
    "attest_rereview": {"board"},
    "open_update": {"board"},
}
# ... and in which states of the scenario it fits (reviewer1 is invited when submitted,
# accepted under review, and has completed their review from then on).
FITS = {
    "edit": {"draft"},
    "submit": {"draft"},
    "withdraw": {"draft", "submitted", "under_review"},
    "start_revision": {"changes_requested", "published", "rereviewed"},
    "assign_reviewer": OPEN,
    "start_review": {"submitted"},
    "cancel": OPEN,
    "extend_due": OPEN,
    "vote": {"under_review"},
    "recuse": OPEN,
    "unpublish": {"published", "rereviewed"},
    "publish": {"approved"},
    "schedule_publication": {"approved"},
    "accept": {"submitted"},
    "decline": {"submitted"},
    "review": {"under_review"},
    "open_rereview": {"published", "rereviewed"},
    "assign_rereviewer": {"rereviewed"},
    "cancel_rereview": {"rereviewed"},
    "attest_rereview": {"rereviewed"},
    "open_update": {"rereviewed"},
}
# ... and where the state fits but the service's own rule refuses (400).
RULE_REFUSED = {("open_rereview", "rereviewed")}  # one re-review open at a time
STAFF = {"editor", "board"}


def sees(role: str, kind: str, state: str) -> bool:
    """Who may see the object at all."""
    if role in STAFF:
        return True
    if kind == "rereview":
        return False
    if kind == "assignment":
        return role == "reviewer_assigned"
    if kind == "article":
        return role == "author"
    return role == "author" or (role == "reviewer_assigned" and state != "draft")


def expected_status(endpoint: str, state: str, role: str) -> int:
    _, path, _, action, success = ENDPOINTS[endpoint]
    kind = path.split("/")[1].rstrip("s")
    if role == "anonymous":
        return 401
    if not sees(role, kind, state):
        return 404
    if action is None:
        return success
    if role not in WHO[action]:
        return 403
    if state not in FITS[action]:
        return 409
    if (action, state) in RULE_REFUSED:
        return 400
    return success


# Lists and the directory: no object, so no state.
LISTS = {
    "list_articles": ("/articles/", set(ROLES) - {"anonymous"}),
    "list_revisions": ("/revisions/", set(ROLES) - {"anonymous"}),
    "list_assignments": ("/assignments/", set(ROLES) - {"anonymous"}),
    "list_reviewers": ("/reviewers/", STAFF),
    "list_specialties": ("/specialties/", set(ROLES) - {"anonymous"}),
}


def cells():
    for endpoint, (_, path, _, _, _) in ENDPOINTS.items():
        for state in STATES:
            if "{asg}" in path and state == "draft":
                continue  # no assignment on a draft
            if "{rr}" in path and state != "rereviewed":
                continue  # no re-review
            for role in ROLES:
                status = expected_status(endpoint, state, role)
                yield pytest.param(endpoint, state, role, status, id=f"{endpoint}-{state}-{role}")


CELLS = list(cells())
# Who may read the confidential comments at all: the board, the editors, and the reviewer
# who wrote them (in their own assignment).
MAY_READ_CONFIDENTIAL = {"editor", "board", "reviewer_assigned"}


def test_every_action_the_registry_offers_through_the_api_has_its_row():
    offered = {a.name for a in registry.ACTIONS.values() if a.offered and "api" in a.interfaces}
    assert {action for *_, action, _ in ENDPOINTS.values() if action} == offered
    assert set(WHO) == set(FITS) == offered


def test_the_states_stated_here_are_the_registrys_sources():
    """Two statements of where revision actions start, written apart, must agree."""
    for action, states in FITS.items():
        act = registry.action(action)
        if act.machine in (registry.REVISION, registry.ARTICLE):
            # A re-reviewed revision is a published one.
            published = {"published" if s == "rereviewed" else s for s in states}
            assert published == set(act.source) & set(STATES), action


@pytest.fixture(scope="module")
def shared(module_workflow, django_db_blocker):
    """One scenario per state for the whole module (see module_workflow)."""
    with django_db_blocker.unblock():
        module_workflow.other_author = UserFactory(username="m-other_author", groups=["Authors"])
        return {state: Scenario(module_workflow, state) for state in STATES}


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
    if not sees(role, "revision", scenario.state):
        assert TITLE not in body


def _payload(marker, scenario):
    if marker == "CLASS":
        # A published article's next revision says what kind of change it is.
        return UPDATE if scenario.state in ("published", "rereviewed") else {}
    if marker == "FUTURE":
        return {"publish_at": (timezone.now() + timedelta(days=2)).isoformat()}
    if marker == "LATER":
        due = scenario.assignment.due_at if scenario.assignment else timezone.now()
        return {"due_at": (due + timedelta(days=7)).isoformat()}
    if marker == "SPARE":
        spare = ReviewerFactory(user__username=f"spare-{scenario.revision.pk}")
        return {"reviewer": spare.pk}
    return marker


@pytest.mark.parametrize(("endpoint", "state", "role", "expected"), CELLS)
def test_permission_matrix(endpoint, state, role, expected, shared, db):
    method, path, payload, _, _ = ENDPOINTS[endpoint]
    s = shared[state]
    url = "/api/v1" + path.format(
        rev=s.revision.pk,
        slug=s.article.slug,
        asg=s.assignment.pk if s.assignment else 0,
        rr=s.rereview.pk if s.rereview else 0,
    )
    client = client_for(s.user(role))
    kwargs = {"format": "json"}
    if payload is not None:
        kwargs["data"] = _payload(payload, s)

    response = getattr(client, method)(url, **kwargs)

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert_error_shape(response)
    assert_nothing_leaked(response.content.decode(), role, expected, s)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", LISTS)
def test_lists_answer_who_may_read_them(endpoint, role, shared, db):
    path, readers = LISTS[endpoint]
    response = client_for(shared["published"].user(role)).get("/api/v1" + path)

    expected = 200 if role in readers else 401 if role == "anonymous" else 403
    assert response.status_code == expected
    if expected != 200:
        assert_error_shape(response)


@pytest.mark.parametrize("role", ROLES)
def test_only_authors_create_articles(role, shared, db):
    s = shared["draft"]
    response = client_for(s.user(role)).post(
        "/api/v1/articles/",
        {"slug": "a-new-one", "specialty": s.article.specialty.slug, "title": "New"},
        format="json",
    )

    expected = 201 if role in {"author", "other_author"} else 401 if role == "anonymous" else 403
    assert response.status_code == expected
