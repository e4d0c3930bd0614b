"""The re-review in the admin: the live revision's panel with its registry-driven buttons,
the reviewer picker, the attestation, and the "overdue" flag and queues."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial import services
from editorial.models import AuditAction, AuditEvent
from reviewers.models import ReReviewState

from .conftest import action_url, assignment_action_url, revision_url

CHANGELIST = reverse("admin:articles_revision_changelist")


def rereview_url(rereview, action: str) -> str:
    return reverse(
        "admin:articles_revision_rereview_action",
        args=[rereview.revision_id, rereview.pk, action],
    )


def test_an_editor_opens_a_rereview_and_invites_a_first_reviewer_again(workflow, login):
    live = workflow.published()
    first = live.assignments.order_by("pk").first().reviewer
    editor = login(workflow.editor)

    assert editor.post(action_url(live, "open_rereview")).status_code == 302
    rereview = live.rereviews.get()
    page = editor.get(revision_url(live)).content.decode()
    assert 'id="rereview"' in page
    assert "Invite a re-reviewer" in page
    assign = reverse("admin:articles_revision_rereview_assign", args=[live.pk, rereview.pk])
    picker = editor.get(assign).content.decode()
    assert f'value="{first.pk}"' in picker
    due = timezone.localtime(timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")

    response = editor.post(assign, {"reviewer": first.pk, "due_at": due})

    assert response.status_code == 302
    assert rereview.assignments.get().reviewer == first


def test_the_rereviewer_answers_still_accurate_and_the_board_attests(workflow, login):
    live = workflow.published()
    Article.objects.filter(pk=live.article_id).update(next_review_due=date(2026, 1, 10))
    rereview = services.rereview_open(revision=live, actor=workflow.editor)
    reviewer = workflow.reviewers[2]
    assignment = services.rereview_assign(
        rereview=rereview, reviewer=reviewer, actor=workflow.editor
    )
    services.assignment_accept(assignment=assignment, actor=reviewer.user, has_conflict=False)
    rereviewer = login(reviewer.user)
    form = rereviewer.get(assignment_action_url(assignment, "review")).content.decode()
    assert 'value="still_accurate"' in form
    assert 'value="approve"' not in form

    rereviewer.post(
        assignment_action_url(assignment, "review"),
        {"recommendation": "still_accurate", "comments_for_author": "Still matches NICE."},
    )
    member = login(workflow.board[2])
    page = member.get(revision_url(live)).content.decode()
    assert "Attest: still accurate" in page
    response = member.post(rereview_url(rereview, "attest"), {"note": "Fine."})

    assert response.status_code == 302
    rereview.refresh_from_db()
    assert rereview.state == ReReviewState.ATTESTED
    assert AuditEvent.objects.filter(action=AuditAction.REREVIEW_ATTESTED).count() == 1
    assert Article.objects.get(pk=live.article_id).last_reviewed_on == timezone.localdate()


def test_the_board_is_refused_an_attestation_without_reviews_with_the_services_words(
    workflow, login
):
    live = workflow.published()
    rereview = services.rereview_open(revision=live, actor=workflow.editor)

    response = login(workflow.board[2]).post(rereview_url(rereview, "attest"), {"note": ""})

    assert response.status_code == 400
    assert "Attesting needs 1 completed re-review" in response.content.decode()


def test_an_editor_sees_no_board_buttons_and_a_board_member_no_editor_ones(workflow, login):
    rereview = workflow.rereview()
    board_page = login(workflow.board[2]).get(revision_url(rereview.revision)).content.decode()
    editor_page = login(workflow.editor).get(revision_url(rereview.revision)).content.decode()

    assert "Open an update" in board_page
    assert "Cancel the re-review" not in board_page
    assert "Cancel the re-review" in editor_page
    assert "Attest: still accurate" not in editor_page
    assert login(workflow.editor).post(rereview_url(rereview, "attest")).status_code == 403


def test_overdue_articles_are_flagged_in_words_and_queued(workflow, login):
    overdue = workflow.published()
    Article.objects.filter(pk=overdue.article_id).update(
        next_review_due=timezone.localdate() - timedelta(days=3)
    )
    due_soon = workflow.published()
    Article.objects.filter(pk=due_soon.article_id).update(
        next_review_due=timezone.localdate() + timedelta(days=10)
    )
    in_progress = workflow.published()
    Article.objects.filter(pk=in_progress.article_id).update(
        next_review_due=timezone.localdate() + timedelta(days=5)
    )
    services.rereview_open(revision=in_progress, actor=workflow.editor)
    workflow.published()  # not due for a year
    editor = login(workflow.editor)

    listing = editor.get(CHANGELIST).content.decode()
    assert listing.count("Overdue for re-review</span>") == 1

    def listed(queue: str) -> set[int]:
        page = editor.get(f"{CHANGELIST}?queue={queue}").context["cl"]
        return {row.pk for row in page.result_list}

    assert listed("rereview_due") == {overdue.pk, due_soon.pk}
    assert listed("rereview_open") == {in_progress.pk}
    assert listed("rereview_overdue") == {overdue.pk}
    page = editor.get(revision_url(overdue)).content.decode()
    assert 'id="rereview-overdue"' in page
