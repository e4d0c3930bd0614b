"""Editors and the board through the API: assign, cancel, start review, vote, publish, retract."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from articles.models import Article

from .conftest import CONFIDENTIAL, assert_error_shape, client_for


def test_an_editor_invites_a_reviewer_with_a_due_date(workflow):
    revision = workflow.submitted()
    reviewer = workflow.reviewers[0]
    due = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    response = client_for(workflow.editor).post(
        f"/api/v1/revisions/{revision.pk}/assignments/",
        {"reviewer": reviewer.pk, "due_at": due.isoformat()},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "invited"
    assert body["reviewer"]["display_name"] == reviewer.display_name
    assert body["allowed_actions"] == ["cancel", "extend_due"]


def test_a_reviewer_cannot_be_invited_twice(workflow):
    assignment = workflow.assigned(n=1)[0]
    response = client_for(workflow.editor).post(
        f"/api/v1/revisions/{assignment.revision_id}/assignments/",
        {"reviewer": assignment.reviewer_id},
        format="json",
    )
    error = assert_error_shape(response, 400, "rule_violation")
    assert error["message"].endswith("is already assigned to this revision.")


def test_the_editor_reads_the_editorial_record_with_confidential_comments(scenario):
    s = scenario("reviewed")
    body = client_for(s.user("editor")).get(f"/api/v1/revisions/{s.revision.pk}/").json()
    record = body["editorial"]
    assert record["author"] == "author"
    assert {a["confidential_comments"] for a in record["assignments"]} == {CONFIDENTIAL}
    assert body["allowed_actions"] == ["assign_reviewer"]


def test_an_editor_who_wrote_the_article_reads_it_as_its_author(scenario, editor):
    from django.contrib.auth.models import Group

    s = scenario("reviewed")
    s.workflow.author.groups.add(Group.objects.get(name="Editors"))
    body = client_for(s.workflow.author).get(f"/api/v1/revisions/{s.revision.pk}/").json()
    assert body["editorial"] is None
    assert CONFIDENTIAL not in str(body)


def test_start_review_then_board_votes_to_approval(scenario):
    s = scenario("submitted")
    editor = client_for(s.user("editor"))
    started = editor.post(f"/api/v1/revisions/{s.revision.pk}/start-review/", format="json")
    assert started.json()["state"] == "under_review"
    for assignment in s.revision.assignments.filter(state="accepted"):
        client_for(assignment.reviewer.user).post(
            f"/api/v1/assignments/{assignment.pk}/review/",
            {"recommendation": "approve", "comments_for_author": "Fine."},
            format="json",
        )
    accepted = s.assignment
    client_for(accepted.reviewer.user).post(
        f"/api/v1/assignments/{accepted.pk}/accept/", {"has_conflict": False}, format="json"
    )
    client_for(accepted.reviewer.user).post(
        f"/api/v1/assignments/{accepted.pk}/review/",
        {"recommendation": "approve", "comments_for_author": "Good."},
        format="json",
    )

    first = client_for(s.workflow.board[0]).post(
        f"/api/v1/revisions/{s.revision.pk}/vote/", {"decision": "approve"}, format="json"
    )
    second = client_for(s.workflow.board[1]).post(
        f"/api/v1/revisions/{s.revision.pk}/vote/", {"decision": "approve"}, format="json"
    )

    assert first.json()["state"] == "under_review"
    assert second.json()["state"] == "approved"
    assert second.json()["allowed_actions"] == ["schedule_publication", "publish"]


def test_rejecting_without_a_comment_is_refused(scenario):
    s = scenario("under_review")
    response = client_for(s.user("board")).post(
        f"/api/v1/revisions/{s.revision.pk}/vote/", {"decision": "reject"}, format="json"
    )
    error = assert_error_shape(response, 400, "rule_violation")
    assert error["fields"] == {"comment": ["required"]}


def test_publish_now_makes_the_revision_live(scenario):
    s = scenario("approved")
    response = client_for(s.user("editor")).post(
        f"/api/v1/revisions/{s.revision.pk}/publish/", format="json"
    )
    assert response.json()["state"] == "published"
    assert Article.objects.get().live_revision_id == s.revision.pk


def test_publication_can_be_scheduled_and_cleared(scenario):
    s = scenario("approved")
    client = client_for(s.user("board"))
    url = f"/api/v1/revisions/{s.revision.pk}/schedule/"
    scheduled = client.post(url, {"publish_at": "2100-01-01T08:00:00Z"}, format="json")
    cleared = client.post(url, {"publish_at": None}, format="json")
    assert scheduled.json()["publish_at"] == "2100-01-01T08:00:00Z"
    assert cleared.json()["publish_at"] is None


def test_a_past_publication_time_is_refused(scenario):
    s = scenario("approved")
    response = client_for(s.user("editor")).post(
        f"/api/v1/revisions/{s.revision.pk}/schedule/",
        {"publish_at": "2001-01-01T00:00:00+00:00"},
        format="json",
    )
    error = assert_error_shape(response, 400, "rule_violation")
    assert error["fields"] == {"publish_at": ["must be in the future"]}


def test_the_board_unpublishes_with_a_public_reason(scenario):
    s = scenario("published")
    response = client_for(s.user("board")).post(
        f"/api/v1/revisions/{s.revision.pk}/unpublish/",
        {"reason": "New safety guidance."},
        format="json",
    )
    assert response.json()["state"] == "retracted"
    assert response.json()["retraction_reason"] == "New safety guidance."


def test_only_staff_list_reviewers_filtered_by_specialty(workflow):
    editor = client_for(workflow.editor).get("/api/v1/reviewers/?specialty=cardiology").json()
    assert editor["count"] == 3
    assert_error_shape(client_for(workflow.author).get("/api/v1/reviewers/"), 403)


def test_an_editor_cancels_an_invitation(workflow):
    assignment = workflow.assigned(n=1)[0]
    response = client_for(workflow.editor).post(
        f"/api/v1/assignments/{assignment.pk}/cancel/", {"reason": "Overdue."}, format="json"
    )
    assert response.json()["state"] == "cancelled"
    assert response.json()["cancel_reason"] == "Overdue."
