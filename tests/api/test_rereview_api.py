"""The re-review through the API: open it on the live revision, invite, review with the
re-review's recommendations, attest; refusals in the one error shape."""

from __future__ import annotations

from django.utils import timezone

from .conftest import assert_error_shape, client_for


def test_a_rereview_from_opening_to_attestation(workflow):
    live = workflow.published()
    editor, member = client_for(workflow.editor), client_for(workflow.board[2])
    reviewer = workflow.reviewers[2]

    opened = editor.post(f"/api/v1/revisions/{live.pk}/rereview/", {}, format="json")
    assert opened.status_code == 201, opened.content
    rereview = opened.json()
    assert (rereview["state"], rereview["revision"]["number"]) == ("open", live.number)
    assert rereview["allowed_actions"] == ["assign_rereviewer", "cancel_rereview"]
    invited = editor.post(
        f"/api/v1/rereviews/{rereview['id']}/assignments/", {"reviewer": reviewer.pk},
        format="json",
    )  # fmt: skip
    assert invited.status_code == 201, invited.content
    assignment = invited.json()
    assert (assignment["kind"], assignment["rereview"]) == ("rereview", rereview["id"])

    own = client_for(reviewer.user)
    mine = own.get("/api/v1/assignments/").json()["results"]
    assert [a["kind"] for a in mine] == ["rereview"]
    own.post(f"/api/v1/assignments/{assignment['id']}/accept/", {"has_conflict": False},
             format="json")  # fmt: skip
    wrong = own.post(
        f"/api/v1/assignments/{assignment['id']}/review/",
        {"recommendation": "approve", "comments_for_author": "Fine."},
        format="json",
    )
    error = assert_error_shape(wrong, 400)
    assert error["message"] == "Choose a recommendation: still_accurate, needs_update."
    done = own.post(
        f"/api/v1/assignments/{assignment['id']}/review/",
        {"recommendation": "still_accurate", "comments_for_author": "Still matches NICE."},
        format="json",
    )
    assert done.status_code == 200, done.content

    attested = member.post(
        f"/api/v1/rereviews/{rereview['id']}/attest/", {"note": "Agreed."}, format="json"
    )

    assert attested.status_code == 200, attested.content
    assert attested.json()["state"] == "attested"
    article = editor.get(f"/api/v1/articles/{live.article.slug}/").json()
    assert article["last_reviewed_on"] == timezone.localdate().isoformat()
    assert [r["number"] for r in article["revisions"]] == [live.number]


def test_an_update_needs_a_note_and_the_author_never_reads_the_rereview(workflow):
    rereview = workflow.rereview(recommendation="needs_update")
    member = client_for(workflow.board[2])

    missing = member.post(f"/api/v1/rereviews/{rereview.pk}/open-update/", {}, format="json")
    assert_error_shape(missing, 400)
    author = client_for(workflow.author)
    assert author.get("/api/v1/rereviews/").json()["results"] == []
    assert_error_shape(author.get(f"/api/v1/rereviews/{rereview.pk}/"), 404)

    opened = member.post(
        f"/api/v1/rereviews/{rereview.pk}/open-update/", {"note": "New target."}, format="json"
    )

    assert opened.status_code == 200, opened.content
    article = author.get(f"/api/v1/articles/{rereview.article.slug}/").json()
    assert [(r["number"], r["state"]) for r in article["revisions"]] == [
        (2, "draft"),
        (1, "published"),
    ]
    # Closed, the re-review's findings reach the author blinded, like any review's.
    feedback = article["revisions"][1]["feedback"]["reviews"]
    assert {r["recommendation"] for r in feedback} >= {"needs_update"}
    assert all(r["reviewer"].startswith("Reviewer ") for r in feedback)


def test_a_second_rereview_is_refused_in_the_one_error_shape(workflow):
    rereview = workflow.rereview()
    editor = client_for(workflow.editor)

    again = editor.post(f"/api/v1/revisions/{rereview.revision_id}/rereview/", {}, format="json")

    error = assert_error_shape(again, 400)
    assert error["message"] == "A re-review of this article is already open."


def test_the_rereview_list_costs_the_same_however_many_there_are(workflow):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = client_for(workflow.board[2])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert member.get("/api/v1/rereviews/").status_code == 200
        return len(queries)

    workflow.rereview()
    count()  # the first request also reads, once, the caller's roles and conflicts
    few = count()
    for _ in range(3):
        workflow.rereview()

    assert count() == few
