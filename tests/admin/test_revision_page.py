"""What each role reads on the revision page: the rendered article, its references, the
diff, the reviews (confidential parts for editors and the board only), votes and history."""

from __future__ import annotations

from editorial import services
from tests.factories import UserFactory

from .conftest import revision_url


def page(client, revision) -> str:
    response = client.get(revision_url(revision))
    assert response.status_code == 200
    return response.content.decode()


def test_board_member_sees_article_references_reviews_votes_quorum_and_history(workflow, login):
    revision = workflow.reviewed()
    services.revision_approve(revision=revision, actor=workflow.board[0], comment="Solid evidence.")

    html = page(login(workflow.board[1]), revision)

    assert '<a href="#ref-1" class="citation">1</a>' in html
    assert 'id="ref-2"' in html
    assert "Clinical guideline number 2" in html
    assert "Plain-language summary for patients." in html
    assert html.count('class="assignment"') == 2
    assert str(workflow.reviewers[0]) in html
    assert "Clear and accurate." in html
    assert "Confidential, for editors and the board" in html
    assert "No concerns." in html
    assert "Solid evidence." in html
    assert 'board approvals <strong id="approvals-count">1 of 2</strong>' in html
    assert "Still needed: 1 more approval from the board." in html
    assert "History of the article (read-only)" in html
    assert "Vote cast" in html
    assert "Review completed" in html
    assert "first revision." in html


def test_author_reads_no_review_before_the_board_decides(workflow, login):
    revision = workflow.reviewed()
    services.revision_approve(revision=revision, actor=workflow.board[0], comment="Vote note.")

    html = page(login(workflow.author), revision)

    assert 'class="assignment"' not in html
    assert "Clear and accurate." not in html
    assert "Reviewer 1" not in html
    assert "recommends" not in html
    assert str(workflow.reviewers[0]) not in html
    assert "No concerns." not in html
    assert "Vote note." not in html
    assert 'id="history"' not in html


def test_author_sees_comments_for_them_once_decided_but_no_names_confidential_comments_votes(
    workflow, login
):
    revision = workflow.reviewed()
    services.revision_approve(revision=revision, actor=workflow.board[0], comment="Vote note.")
    services.revision_request_changes(
        revision=revision, actor=workflow.board[1], comment="Say who should not take it."
    )

    html = page(login(workflow.author), revision)

    assert html.count('class="assignment"') == 2
    assert "Clear and accurate." in html
    assert "Reviewer 1" in html
    assert "Reviewer 2" in html
    assert "Say who should not take it." in html
    assert str(workflow.reviewers[0]) not in html
    assert "No concerns." not in html
    assert "Vote note." not in html
    assert 'id="history"' not in html


def test_reviewer_sees_only_their_own_review(workflow, login):
    revision = workflow.under_review()
    mine, theirs = revision.assignments.order_by("pk")
    services.review_complete(
        assignment=theirs,
        actor=theirs.reviewer.user,
        recommendation="major_changes",
        comments_for_author="Rework the dosing table.",
        confidential_comments="Author seems rushed.",
    )

    html = page(login(mine.reviewer.user), revision)

    assert html.count('class="assignment"') == 1
    assert f'id="assignment-{mine.pk}"' in html
    assert "Rework the dosing table." not in html
    assert "Author seems rushed." not in html
    assert 'id="approvals-count"' not in html
    assert 'id="votes"' not in html
    assert 'id="history"' not in html


def test_reviewer_cannot_open_a_revision_they_are_not_assigned_to(workflow, login):
    revision = workflow.submitted()
    response = login(workflow.reviewers[0].user).get(revision_url(revision))
    assert response.status_code == 404


def test_page_shows_the_diff_against_the_previous_revision(workflow, login):
    first = workflow.reviewed()
    services.revision_request_changes(
        revision=first, actor=workflow.board[0], comment="Say who should not take it."
    )
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    services.revision_edit(
        revision=second,
        actor=workflow.author,
        body=first.body + "\n\nNot for pregnant women [2].",
    )
    second = services.revision_submit(revision=second, actor=workflow.author)

    html = page(login(workflow.editor), second)

    assert "Changes since revision 1" in html
    assert '<span class="added">+ Not for pregnant women [2].</span>' in html
    assert "r1</a> — Changes requested" in html


def test_superuser_without_a_role_reads_everything_but_gets_no_workflow_buttons(workflow, login):
    revision = workflow.reviewed()
    root = UserFactory(username="root", is_superuser=True)

    html = page(login(root), revision)

    assert "No concerns." in html
    assert 'id="history"' in html
    assert "workflow actions are for the Editors and the Advisory Board groups" in html
    assert "/do/" not in html
    assert "Assign a reviewer" not in html


def test_a_draft_is_rendered_from_its_markdown_and_cannot_be_changed_here(workflow, login):
    revision = workflow.draft()
    client = login(workflow.editor)

    html = page(client, revision)
    client.post(revision_url(revision), {"title": "Changed by the editor"})

    assert '<a href="#ref-1" class="citation">1</a>' in html
    revision.refresh_from_db()
    assert revision.title == "Managing high blood pressure 1"


def test_a_reviewer_of_the_next_revision_reads_nothing_of_a_withdrawn_one(workflow, login):
    first = services.revision_edit(
        revision=workflow.draft(),
        actor=workflow.author,
        body="WITHDRAWN-ONLY wording [1] [2].",
    )
    first = services.revision_withdraw(
        revision=services.revision_submit(revision=first, actor=workflow.author),
        actor=workflow.author,
    )
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    services.revision_edit(revision=second, actor=workflow.author, body="Revised [1] [2].")
    (invitation,) = workflow.assigned(second, n=1)
    reviewer = login(invitation.reviewer.user)

    html = page(reviewer, second)

    assert reviewer.get(revision_url(first)).status_code == 404
    assert "WITHDRAWN-ONLY" not in html
    assert "Changes since revision 1" not in html
    assert revision_url(first) not in html
    # The editor, who may open both, still gets the diff.
    assert "WITHDRAWN-ONLY" in page(login(workflow.editor), second)


def test_reviewers_and_the_board_see_how_a_pipeline_drafted_the_revision(workflow, login):
    pipeline = UserFactory(username="draftbot", groups=["Authors", "Pipelines"])
    article = services.article_create(
        actor=pipeline,
        slug="drafted",
        specialty=workflow.specialty,
        title="Drafted",
        body="Text [1].",
        references=[{"kind": "guideline", "title": "A guideline"}],
        drafting="ai_generated",
        drafting_pipeline="Draftbot",
        drafting_model="example-model",
        drafting_model_version="2026-06",
        drafting_note="Prompt 14.",
    )
    revision = workflow.under_review(workflow.submitted(article.revisions.get()))

    html = page(login(workflow.board[0]), revision)

    assert '<dd id="drafting">Drafted by an AI system</dd>' in html
    assert '<dd id="drafting-pipeline">Draftbot</dd>' in html
    assert "example-model, version 2026-06" in html
    assert "Prompt 14." in html
