"""Each published article says how it was drafted and who approved it, and its review record
lets anyone recompute the content hash from the public JSON and check it against the
approvals; a change to the text after approval shows."""

from __future__ import annotations

import copy

import pytest

from editorial import checkpoints, services
from editorial.review_record import verify
from tests.factories import UserFactory, reference_data
from tests.workflow import BODY

from .conftest import API, UNKNOWN_SLUG

PIPELINE = {
    "drafting": "ai_generated",
    "drafting_pipeline": "Draftbot",
    "drafting_model": "example-model",
    "drafting_model_version": "2026-06",
    "drafting_note": "INTERNAL prompt 14.",
}


def published(workflow, drafting: str):
    if drafting == "ai_generated":
        pipeline = UserFactory(username="draftbot", groups=["Authors", "Pipelines"])
        article = services.article_create(
            actor=pipeline,
            slug="drafted",
            specialty=workflow.specialty,
            title="Drafted by a pipeline",
            summary="A summary.",
            body=BODY,
            references=reference_data(2),
            **PIPELINE,
        )
        revision = article.revisions.get()
    else:
        revision = workflow.draft()
        if drafting == "ai_assisted":
            revision = services.revision_edit(
                revision=revision, actor=workflow.author, drafting="ai_assisted"
            )
    return workflow.published(workflow.submitted(revision))


@pytest.mark.parametrize(
    ("drafting", "words"),
    [
        ("human", "Written by people. Reviewed and approved before publication by "),
        ("ai_assisted", "Written by people with the help of an AI tool. Reviewed and approved"),
        ("ai_generated", "Drafted by an AI system (Draftbot, using example-model version 2026-06)"),
    ],
)
def test_the_page_and_the_json_say_how_it_was_drafted_and_who_approved_it(
    workflow, client, settings, drafting, words
):
    settings.PUBLISHER = {"NAME": "Example Health", "URL": "https://health.example"}
    revision = published(workflow, drafting)
    slug = revision.article.slug

    data = client.get(f"{API}{slug}/").json()
    page = client.get(f"/articles/{slug}/").content.decode()

    responsibility = data["editorial_responsibility"]
    assert data["drafting"]["kind"] == drafting
    assert responsibility["statement"].startswith(words)
    assert responsibility["statement"].endswith(
        "Example Health holds editorial responsibility for it."
    )
    assert responsibility["publisher"] == {
        "name": "Example Health",
        "url": "https://health.example",
    }
    approvers = [p["name"] for p in data["reviewed_by"] if p["role"] == "board"]
    assert [p["name"] for p in responsibility["approved_by"]] == approvers
    assert all(name in responsibility["statement"] for name in approvers)
    assert responsibility["statement"] in page.replace("&#x27;", "'")
    assert f'href="{data["review_record_url"]}"' in page
    assert "INTERNAL" not in page + str(data)


def test_the_wording_is_a_setting_and_the_policy_page_explains_it(workflow, client, settings):
    settings.EDITORIAL = {
        **settings.EDITORIAL,
        "DRAFTING_DISCLOSURE": {
            **settings.EDITORIAL["DRAFTING_DISCLOSURE"],
            "ai_generated": "Machine drafted by {pipeline}; approved by {approvers}.",
        },
    }
    revision = published(workflow, "ai_generated")

    data = client.get(f"{API}{revision.article.slug}/").json()
    policy = client.get("/editorial-policy/").content.decode()

    assert data["editorial_responsibility"]["statement"].startswith("Machine drafted by Draftbot")
    assert "Machine drafted by the system&#x27;s name" in policy
    assert "Article 50(4)" in policy
    assert "not legal advice" in policy


def test_the_hash_recomputed_from_the_public_json_matches_the_record_and_the_approvals(
    workflow, client
):
    revision = published(workflow, "ai_generated")
    slug = revision.article.slug

    article = client.get(f"{API}{slug}/").json()
    response = client.get(f"{API}{slug}/review-record/")
    record = response.json()

    assert response.status_code == 200
    assert verify.recompute(article["content"]) == revision.content_hash
    assert record["content_hash"] == revision.content_hash
    assert article["content"]["provenance"]["pipeline"] == "Draftbot"
    assert [a["content_hash"] for a in record["approvals"]] == [revision.content_hash] * 2
    assert all(a["member"] and a["date"] for a in record["approvals"])
    assert record["drafting"]["model"] == "example-model"
    assert record["dates"]["published"]
    assert record["dates"]["submitted"]
    actions = [e["action"] for e in record["audit"]["events"]]
    assert actions[0] == "submitted"
    assert "published" in actions
    assert "python" in record["how_to_check"]
    verdict = verify.verify(article, record)
    assert verdict.ok, verdict.problems


def test_peer_reviewers_are_not_named_without_their_consent(workflow, client, reviewers):
    workflow.credit_consent = False
    revision = published(workflow, "human")

    record = client.get(f"{API}{revision.article.slug}/review-record/").json()

    reviews = record["peer_reviews"]
    assert [r["reviewer"] for r in reviews] == ["Reviewer 1", "Reviewer 2"]
    assert all(r["credentials"] == "MD, FRCP" for r in reviews)
    assert not any(r.display_name in str(record) for r in reviewers)
    page = client.get(f"/articles/{revision.article.slug}/").content.decode()
    assert not any(r.display_name in page for r in reviewers)


def test_peer_reviewers_who_consented_are_named(workflow, client, reviewers):
    revision = published(workflow, "human")

    record = client.get(f"{API}{revision.article.slug}/review-record/").json()
    page = client.get(f"/articles/{revision.article.slug}/").content.decode()

    named = {r["reviewer"] for r in record["peer_reviews"]}
    assert named == {r.display_name for r in reviewers[:2]}
    assert all(r.display_name in page for r in reviewers[:2])


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("content", lambda a: a["content"]["fields"].update(body="Take twice the dose [1].")),
        ("shown", lambda a: a.update(title="Another title")),
        ("drafting", lambda a: a["drafting"].update(kind="human")),
        ("provenance", lambda a: a["content"].pop("provenance")),
    ],
)
def test_a_text_changed_after_approval_is_detected(workflow, client, where, change):
    revision = published(workflow, "ai_generated")
    slug = revision.article.slug
    article = client.get(f"{API}{slug}/").json()
    record = client.get(f"{API}{slug}/review-record/").json()

    tampered = copy.deepcopy(article)
    change(tampered)

    assert verify.verify(article, record).ok
    assert not verify.verify(tampered, record).ok


def test_the_record_answers_like_the_detail_404_410_and_304(workflow, client, board):
    revision = published(workflow, "human")
    slug = revision.article.slug
    url = f"{API}{slug}/review-record/"

    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (first.status_code, again.status_code) == (200, 304)
    assert first["Cache-Control"].startswith("public")
    assert client.get(f"{API}{UNKNOWN_SLUG}/review-record/").status_code == 404
    assert client.get(f"{API}{workflow.draft().article.slug}/review-record/").status_code == 404
    assert client.post(url).status_code == 405

    services.revision_unpublish(revision=revision, actor=board[0], reason="A dosing error.")
    gone = client.get(url)
    assert gone.status_code == 410
    assert gone.json() == client.get(f"{API}{slug}/").json()


def test_the_record_reads_a_bounded_number_of_queries(
    workflow, client, django_assert_max_num_queries
):
    slugs = [published(workflow, "human").article.slug for _ in range(2)]

    for slug in slugs:
        with django_assert_max_num_queries(12):
            assert client.get(f"{API}{slug}/review-record/").status_code == 200


def test_the_record_shows_the_latest_signed_checkpoint_only_once_it_covers_the_events(
    workflow, client, settings, tmp_path
):
    path = tmp_path / "checkpoints.jsonl"
    settings.AUDIT_CHECKPOINT_FILE = str(path)
    checkpoints.append(path, checkpoints.take())  # before the article exists
    revision = published(workflow, "human")
    url = f"{API}{revision.article.slug}/review-record/"

    assert client.get(url).json()["audit"]["checkpoint"] is None

    covering = checkpoints.take()
    checkpoints.append(path, covering)
    shown = client.get(url).json()["audit"]
    assert shown["checkpoint"]["sequence"] == covering.sequence
    assert shown["checkpoint"]["signature"] == covering.signature
    assert shown["checkpoint"]["sequence"] >= shown["events"][-1]["sequence"]


def test_a_preview_before_any_approval_does_not_repeat_the_board_name(workflow):
    from articles.renderings import responsibility_data

    statement = responsibility_data(workflow.draft(), [])["statement"]
    assert "by members of the Medical Advisory Board;" in statement
    assert statement.count("Medical Advisory Board") == 1
