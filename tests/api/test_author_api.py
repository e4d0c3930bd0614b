"""Authors through the API: create, edit, submit, read the decision and feedback, revise."""

from __future__ import annotations

from articles.models import Revision
from editorial import services
from editorial.models import AuditEvent

from ..factories import reference_data
from .conftest import CONFIDENTIAL, FOR_AUTHOR, assert_error_shape, client_for

NEW_ARTICLE = {
    "slug": "asthma-in-adults",
    "specialty": "cardiology",
    "title": "Asthma in adults",
    "summary": "What asthma is.",
    "body": "Inhaled steroids help [1].",
    "references": reference_data(1),
}


def test_an_author_creates_an_article_with_its_first_draft(author, specialty):
    response = client_for(author).post("/api/v1/articles/", NEW_ARTICLE, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["slug"] == "asthma-in-adults"
    assert body["latest_revision"]["state"] == "draft"
    assert body["revisions"][0]["allowed_actions"] == ["edit", "submit", "withdraw"]
    revision = Revision.objects.get(article__slug="asthma-in-adults")
    assert revision.references.get().title == "Clinical guideline number 1"
    assert AuditEvent.objects.get().action == "article_created"


def test_a_taken_slug_is_a_400_on_the_slug_field(author, workflow):
    workflow.draft(slug="asthma-in-adults")
    response = client_for(author).post("/api/v1/articles/", NEW_ARTICLE, format="json")
    error = assert_error_shape(response, 400, "rule_violation")
    assert error["fields"] == {"slug": ["taken"]}


def test_an_unknown_specialty_is_a_400(author, specialty):
    payload = {**NEW_ARTICLE, "specialty": "astrology"}
    response = client_for(author).post("/api/v1/articles/", payload, format="json")
    error = assert_error_shape(response, 400, "invalid")
    assert error["fields"] == {"specialty": ["Object with slug=astrology does not exist."]}


def test_editing_a_draft_replaces_the_reference_list_in_the_order_given(author, workflow):
    revision = workflow.draft()
    references = [
        {"kind": "research", "title": "Second becomes first"},
        {"kind": "review", "title": "Then this", "year": 2024, "pmid": "123"},
    ]
    response = client_for(author).patch(
        f"/api/v1/revisions/{revision.pk}/",
        {"summary_clinician": "For clinicians.", "references": references},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["summary_clinician"] == "For clinicians."
    assert [(r["position"], r["title"]) for r in body["references"]] == [
        (1, "Second becomes first"),
        (2, "Then this"),
    ]


def test_submitting_answers_with_the_new_state_and_what_the_author_may_do_next(author, workflow):
    revision = workflow.draft()
    response = client_for(author).post(f"/api/v1/revisions/{revision.pk}/submit/", format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "submitted"
    assert body["allowed_actions"] == ["withdraw"]
    assert len(body["content_hash"]) == 64


def test_reviews_reach_the_author_with_the_decision_not_before(author, scenario):
    s = scenario("reviewed")
    client = client_for(s.user("author"))
    before = client.get(f"/api/v1/revisions/{s.revision.pk}/").json()
    assert before["feedback"] is None
    assert FOR_AUTHOR not in str(before)

    services.revision_request_changes(
        revision=s.revision, actor=s.workflow.board[0], comment="Cite the 2024 guideline."
    )
    after = client.get(f"/api/v1/revisions/{s.revision.pk}/").json()

    assert after["state"] == "changes_requested"
    assert after["feedback"]["decision_comment"] == "Cite the 2024 guideline."
    assert [r["reviewer"] for r in after["feedback"]["reviews"]] == ["Reviewer 1", "Reviewer 2"]
    assert {r["comments_for_author"] for r in after["feedback"]["reviews"]} == {FOR_AUTHOR}
    assert after["feedback"]["board"] == [
        {
            "decision": "request_changes",
            "comment": "Cite the 2024 guideline.",
            "voted_at": after["feedback"]["board"][0]["voted_at"],
        }
    ]
    assert after["editorial"] is None
    assert CONFIDENTIAL not in str(after)


def test_the_article_view_shows_every_revision_with_its_feedback(author, scenario):
    s = scenario("changes_requested")
    client = client_for(author)
    created = client.post(f"/api/v1/articles/{s.article.slug}/revisions/", format="json")
    assert created.status_code == 201
    assert created.json()["number"] == 2
    assert created.json()["title"] == s.revision.title

    article = client.get(f"/api/v1/articles/{s.article.slug}/").json()

    assert [(r["number"], r["state"]) for r in article["revisions"]] == [
        (2, "draft"),
        (1, "changes_requested"),
    ]
    assert article["revisions"][0]["feedback"] is None
    assert article["revisions"][1]["feedback"]["decision_comment"] == "Add the 2024 guideline."
    assert article["allowed_actions"] == []
    assert CONFIDENTIAL not in str(article)


def test_starting_a_revision_while_one_is_open_lists_what_may_be_done(author, workflow):
    revision = workflow.submitted()
    response = client_for(author).post(
        f"/api/v1/articles/{revision.article.slug}/revisions/", format="json"
    )
    error = assert_error_shape(response, 409, "invalid_transition")
    assert error["message"] == (
        "Revision 1 is still submitted; finish or withdraw it before starting another."
    )
    assert error["allowed"] == []


def test_an_author_lists_only_their_own_articles(author, other_author, workflow):
    workflow.draft()
    mine = client_for(author).get("/api/v1/articles/").json()
    theirs = client_for(other_author).get("/api/v1/articles/").json()
    assert mine["count"] == 1
    assert theirs == {"count": 0, "next": None, "previous": None, "results": []}


def test_revisions_filter_by_state_and_order_by_submission(author, workflow):
    first = workflow.submitted()
    second = workflow.submitted()
    workflow.draft()
    response = client_for(author).get(
        "/api/v1/revisions/", {"state": "submitted", "ordering": "-submitted_at"}
    )
    assert [r["id"] for r in response.json()["results"]] == [second.pk, first.pk]
