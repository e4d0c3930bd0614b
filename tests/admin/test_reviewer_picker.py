"""Assigning reviewers: matching specialty with room first, never the author or the
conflicted, and a due date that defaults from settings."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Specialty
from editorial import selectors, services
from reviewers.models import ReviewAssignment
from tests.factories import ReviewerFactory

from .conftest import revision_url


def assign_url(revision) -> str:
    return reverse("admin:articles_revision_assign", args=[revision.pk])


def make_reviewer(name: str, specialty=None, **kwargs):
    reviewer = ReviewerFactory(display_name=name, **kwargs)
    if specialty:
        reviewer.specialties.add(specialty)
    return reviewer


def test_candidates_put_matching_reviewers_with_room_first_and_leave_out_author_and_invited(
    workflow, author
):
    revision = workflow.submitted()
    neurology = Specialty.objects.create(name="Neurology", slug="neurology")
    full = make_reviewer("A Full", workflow.specialty, max_active_reviews=1)
    services.assignment_create(revision=workflow.submitted(), reviewer=full, actor=workflow.editor)
    other = make_reviewer("B Other", neurology)
    matching = make_reviewer("C Matching", workflow.specialty)
    make_reviewer("D Inactive", workflow.specialty, is_active=False)
    make_reviewer("E Author", workflow.specialty, user=author)
    invited = workflow.reviewers[0]
    services.assignment_create(revision=revision, reviewer=invited, actor=workflow.editor)

    names = [r.display_name for r in selectors.reviewer_candidate_list(revision)]

    assert names[0] == "C Matching"
    assert names.index("C Matching") < names.index("B Other") < names.index("A Full")
    assert other.display_name in names
    assert matching.display_name in names
    assert "D Inactive" not in names
    assert "E Author" not in names
    assert invited.display_name not in names


def test_candidates_leave_out_a_reviewer_who_declared_a_conflict_with_the_article(workflow):
    first = workflow.submitted()
    conflicted = workflow.reviewers[2]
    for reviewer in workflow.reviewers:
        assignment = services.assignment_create(
            revision=first, reviewer=reviewer, actor=workflow.editor
        )
        services.assignment_accept(
            assignment=assignment,
            actor=reviewer.user,
            has_conflict=reviewer == conflicted,
            conflict_statement="Consults for the manufacturer." if reviewer == conflicted else "",
        )
    services.revision_start_review(revision=first, actor=workflow.editor)
    for assignment in ReviewAssignment.objects.filter(revision=first, has_conflict=False):
        services.review_complete(
            assignment=assignment,
            actor=assignment.reviewer.user,
            recommendation="minor_changes",
            comments_for_author="Add the dosing.",
        )
    services.revision_request_changes(
        revision=first, actor=workflow.board[0], comment="Add the dosing."
    )
    second = services.revision_start_next(article=first.article, actor=workflow.author)
    second = services.revision_submit(revision=second, actor=workflow.author)

    candidates = list(selectors.reviewer_candidate_list(second))

    assert conflicted not in candidates
    assert workflow.reviewers[0] in candidates


def test_assign_form_defaults_the_due_date_from_settings(workflow, login, settings):
    settings.EDITORIAL = {**settings.EDITORIAL, "REVIEW_DUE_DAYS": 10}
    revision = workflow.submitted()

    html = login(workflow.editor).get(assign_url(revision)).content.decode()

    value = html.split('name="due_at" value="')[1].split('"')[0]
    local = timezone.get_current_timezone()
    shown = datetime.strptime(value, "%Y-%m-%dT%H:%M").replace(tzinfo=local)
    assert abs(shown - (timezone.now() + timedelta(days=10))) < timedelta(minutes=2)
    assert "matches the specialty" in html


def test_editor_assigns_a_reviewer_through_the_form(workflow, login):
    revision = workflow.submitted()
    reviewer = workflow.reviewers[1]
    due = timezone.localtime(timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")

    response = login(workflow.editor).post(
        assign_url(revision), {"reviewer": reviewer.pk, "due_at": due}, follow=True
    )

    assignment = ReviewAssignment.objects.get(revision=revision)
    assert assignment.reviewer == reviewer
    assert timezone.localtime(assignment.due_at).strftime("%Y-%m-%dT%H:%M") == due
    assert response.redirect_chain[-1][0] == revision_url(revision) + "#assignments"
    assert f"{reviewer.display_name} invited" in response.content.decode()


def test_a_due_date_in_the_past_is_refused_on_the_form(workflow, login):
    revision = workflow.submitted()
    past = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")

    response = login(workflow.editor).post(
        assign_url(revision), {"reviewer": workflow.reviewers[0].pk, "due_at": past}
    )

    assert "The due date must be in the future." in response.content.decode()
    assert not ReviewAssignment.objects.exists()
