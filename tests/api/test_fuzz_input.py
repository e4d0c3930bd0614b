"""Property: whatever JSON arrives, the API answers 2xx or a 4xx in the one shape, never 500."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import assert_error_shape, client_for

KNOWN_KEYS = [
    "title", "summary", "summary_patient", "body", "references", "kind", "year", "url", "doi",
    "slug", "specialty", "decision", "comment", "publish_at", "reason", "has_conflict",
    "conflict_statement", "recommendation", "comments_for_author", "reviewer", "due_at",
]  # fmt: skip

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None), max_size=40)
    | st.sampled_from(["2026-01-01T00:00:00", "9999-12-31T23:59:59Z", "guideline", "approve"])
)
keys = st.sampled_from(KNOWN_KEYS) | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)
bodies = st.dictionaries(keys, json_values, max_size=6) | json_values

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def targets(scenario):
    """One endpoint per kind of input, each called by someone allowed to use it."""
    draft = scenario("draft")
    approved = scenario("approved")
    invited = scenario("submitted")
    return [
        (draft.user("author"), "patch", f"/api/v1/revisions/{draft.revision.pk}/"),
        (draft.user("author"), "post", "/api/v1/articles/"),
        (approved.user("editor"), "post", f"/api/v1/revisions/{approved.revision.pk}/schedule/"),
        (invited.user("editor"), "post", f"/api/v1/revisions/{invited.revision.pk}/assignments/"),
        (invited.user("reviewer_assigned"), "post",
         f"/api/v1/assignments/{invited.assignment.pk}/accept/"),
    ]  # fmt: skip


@FUZZ
@given(body=bodies, which=st.integers(min_value=0, max_value=4))
def test_any_json_gets_a_clear_answer(targets, body, which):
    user, method, url = targets[which]
    raw = json.dumps(body)
    response = getattr(client_for(user), method)(url, raw, content_type="application/json")
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)
