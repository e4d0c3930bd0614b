"""Malformed, oversized, deeply nested or strange input is refused with a 4xx, never a 500."""

from __future__ import annotations

import pytest

from .conftest import assert_error_shape, client_for

DEEP = 50_000

RAW_BODIES = {
    "nested_arrays": "[" * DEEP + "]" * DEEP,
    "nested_objects": '{"a":' * DEEP + "1" + "}" * DEEP,
    "nested_under_a_field": '{"title": ' + "[" * 900 + "]" * 900 + "}",
    "truncated": '{"title": "abc',
    "single_quotes": "{'title': 'abc'}",
    "nan": '{"title": NaN}',
    "infinity": '{"references": [{"kind": "other", "title": "t", "year": Infinity}]}',
    "lone_surrogate": '{"title": "\\ud800"}',
    "nul_character": '{"title": "a\\u0000b"}',
    "array": "[]",
    "string": '"title"',
    "number": "12",
    "null": "null",
    "huge_integer": '{"references": [{"kind": "other", "title": "t", "year": 1' + "0" * 500 + "}]}",
    "negative_year": '{"references": [{"kind": "other", "title": "t", "year": -5}]}',
    "float_year": '{"references": [{"kind": "other", "title": "t", "year": 2020.5}]}',
    "references_not_a_list": '{"references": "all of them"}',
    "references_of_numbers": '{"references": [1, 2, 3]}',
    "references_as_object": '{"references": {"0": {"kind": "other", "title": "t"}}}',
    "body_not_a_string": '{"body": {"markdown": "x"}}',
    "title_as_list": '{"title": ["a", "b"]}',
    "unknown_field": '{"titel": "typo"}',
    "state_smuggled": '{"state": "published"}',
    "content_hash_smuggled": '{"content_hash": "0000"}',
    "bad_url": '{"references": [{"kind": "other", "title": "t", "url": "javascript:alert(1)"}]}',
    "duplicate_keys_unknown": '{"title": "a", "title": "b", "x": 1}',
}


@pytest.mark.parametrize("name", RAW_BODIES)
def test_hostile_json_to_a_draft_is_a_400(name, author, workflow):
    revision = workflow.draft()
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/", RAW_BODIES[name], content_type="application/json"
    )
    assert_error_shape(response, 400)
    revision.refresh_from_db()
    assert revision.title.startswith("Managing high blood pressure")


def test_invalid_utf8_is_a_400(author, workflow):
    revision = workflow.draft()
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/",
        b'{"title": "\xff\xfe"}',
        content_type="application/json",
    )
    assert_error_shape(response, 400)


def test_a_body_not_in_its_declared_charset_is_a_400(author, workflow):
    revision = workflow.draft()
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/",
        b'{"title": "x"}',
        content_type="application/json; charset=utf-16",
    )
    assert_error_shape(response, 400)


STRANGE_BUT_VALID_TEXT = [
    "Right-to-left \u202eoverride",
    "Zero\u200bwidth and \ufeff BOM",
    "Emoji 🩺💊 and combining e\u0301",
    "<script>alert(1)</script>",
    "Robert'); DROP TABLE articles;--",
    "\t\n  ",
]


@pytest.mark.parametrize("text", STRANGE_BUT_VALID_TEXT)
def test_strange_but_valid_text_is_kept_as_written(text, author, workflow):
    revision = workflow.draft()
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/", {"body": text}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["body"] == text


TIMES = {
    "2026-12-01T09:00:00": "Give the time with its UTC offset",
    "2026-12-01 09:00": "Give the time with its UTC offset",
    "2026-02-30T09:00:00Z": "Give an ISO 8601 time with its UTC offset",
    "next tuesday": "Give an ISO 8601 time with its UTC offset",
    "0001-01-01T00:00:00+14:00": "",
    "9999-12-31T23:59:59-14:00": "",
    "": "",
}


@pytest.mark.parametrize("value", [*TIMES, 1767225600, None, ["2026-12-01T09:00:00Z"]])
def test_a_time_without_an_offset_or_out_of_range_is_refused(value, editor, workflow):
    revision = workflow.approved()
    response = client_for(editor).post(
        f"/api/v1/revisions/{revision.pk}/schedule/", {"publish_at": value}, format="json"
    )
    if value is None:  # null clears the schedule
        assert response.status_code == 200
        return
    error = assert_error_shape(response, 400)
    expected = TIMES.get(value, "") if isinstance(value, str) else ""
    assert error["message"].startswith("publish_at: " + expected)


def test_a_time_with_an_offset_is_taken_as_given(editor, workflow):
    revision = workflow.approved()
    response = client_for(editor).post(
        f"/api/v1/revisions/{revision.pk}/schedule/",
        {"publish_at": "2100-01-01T10:00:00+01:00"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["publish_at"] == "2100-01-01T09:00:00Z"


HOSTILE_PATHS = [
    "/api/v1/revisions/99999999999999999999999999/",
    "/api/v1/revisions/9223372036854775808/",
    "/api/v1/revisions/-1/",
    "/api/v1/revisions/1e5/",
    "/api/v1/articles/%E2%80%AE-rtl/",
    "/api/v1/articles/" + "a" * 5000 + "/",
    "/api/v1/assignments/99999999999999999999999999/",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_paths_are_404(path, author):
    response = client_for(author).get(path)
    assert_error_shape(response, 404)


HOSTILE_QUERIES = [
    "/api/v1/assignments/?due_before=2026-01-01T00:00:00",
    "/api/v1/assignments/?due_after=yesterday",
    "/api/v1/assignments/?revision=99999999999999999999999999",
    "/api/v1/assignments/?revision=1e5",
    "/api/v1/assignments/?state=lost",
    "/api/v1/revisions/?state=%00",
    "/api/v1/revisions/?submitted_after=2026-01-01T00:00:00%2B99:00",
    # Valid ISO times whose UTC value falls outside years 1-9999.
    "/api/v1/revisions/?submitted_after=9999-12-31T23:59:59-23:59",
    "/api/v1/revisions/?submitted_before=0001-01-01T00:00:00%2B23:59",
    "/api/v1/assignments/?due_after=9999-12-31T23:00:00-05:00",
]


@pytest.mark.parametrize("path", ["/api/v1/revisions/%00/", "/api/v1/revisions/?ordering=-%00"])
def test_nul_characters_are_refused_at_the_door(path, editor):
    response = client_for(editor).get(path)
    assert_error_shape(response, 400)


@pytest.mark.parametrize("path", HOSTILE_QUERIES)
def test_hostile_filters_are_400(path, editor):
    response = client_for(editor).get(path)
    assert_error_shape(response, 400)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/revisions/?page=abc",
        "/api/v1/revisions/?page=99999999999999999999",
        "/api/v1/revisions/?page=-1",
    ],
)
def test_a_page_that_does_not_exist_is_404(path, editor):
    assert_error_shape(client_for(editor).get(path), 404)


@pytest.mark.parametrize("query", ["ordering=password", "page_size=100000", "page_size=-5"])
def test_odd_ordering_and_page_sizes_are_harmless(query, editor, workflow):
    workflow.draft()
    response = client_for(editor).get(f"/api/v1/revisions/?{query}")
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"reviewer": 10**30},
        {"reviewer": -1},
        {"reviewer": "one"},
        {"reviewer": [1]},
        {"reviewer": None},
        {"reviewer": True},
    ],
)
def test_a_strange_reviewer_id_is_a_400(payload, editor, workflow):
    revision = workflow.submitted()
    response = client_for(editor).post(
        f"/api/v1/revisions/{revision.pk}/assignments/", payload, format="json"
    )
    assert_error_shape(response, 400)


@pytest.mark.parametrize(
    "payload",
    [
        {"has_conflict": "maybe"},
        {"has_conflict": None},
        {},
        {"has_conflict": True},
        {"has_conflict": False, "conflict_statement": {"x": 1}},
    ],
)
def test_a_malformed_acceptance_is_a_400(payload, workflow):
    assignment = workflow.assigned(n=1)[0]
    response = client_for(assignment.reviewer.user).post(
        f"/api/v1/assignments/{assignment.pk}/accept/", payload, format="json"
    )
    assert_error_shape(response, 400)
