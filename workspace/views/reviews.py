"""A reviewer's pages: their invitations and reviews; an invitation (accept, declaring any
conflict, or decline); the review beside the article, with its draft; the confirmation that
shows what the author will read and what stays confidential; and the page after."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from editorial import messages, services, workflow
from editorial.errors import NotFound, RuleViolation, WorkflowError
from editorial.review_mode import authors_hidden_from_reviewers
from reviewers.models import AssignmentState, ReviewAssignment

from .. import selectors
from ..access import refused
from ..diff import NO_CHANGES, changes_since
from ..preview import article_part, versions_side_by_side
from ..review_forms import AcceptForm, DeclineForm, ReviewForm, SubmitReviewForm
from ..review_status import review_standing
from ..reviewer_access import link_only, reviewer_view


def _assignment(request: HttpRequest, pk: int, act: str | None) -> Any:
    """The assignment, or the registry's refusal of this action on it (404, 403, 409)."""
    access = request.reviewer_access
    assignment = selectors.reviewer_assignment_get(pk)
    if assignment is None or not workflow.visible(access.actor, assignment):
        return refused(request, NotFound(messages.NOT_VISIBLE))
    if act is not None:
        problem = workflow.refusal(act, access.actor, assignment)
        if problem is not None:
            return refused(request, problem)
    return assignment


def _context(request: HttpRequest, assignment: ReviewAssignment, **extra: Any) -> dict:
    """What every reviewer's page of one assignment shows: the article as the public page
    renders it, and, when it is already published, what changed since."""
    revision = assignment.revision
    article = revision.article
    references = list(revision.references.all())
    live = article.live_revision
    changes = NO_CHANGES
    if live is not None and live.pk != revision.pk:
        changes = changes_since(live, revision, live.references.order_by("position"), references)
    author = None
    if not authors_hidden_from_reviewers():
        author = article.created_by.get_full_name() or article.created_by.get_username()
    return {
        "assignment": assignment,
        "revision": revision,
        "article": article,
        "what": "re-review" if assignment.is_rereview else "review",
        "author": author,
        "article_html": mark_safe(article_part(article, revision, references)),  # noqa: S308 - the public renderer's output, sanitised by nh3
        "versions": versions_side_by_side(revision, references),
        "changes": changes,
        "standing": review_standing(assignment),
        "via_link": request.reviewer_access.link is not None,
        **extra,
    }


@reviewer_view
@require_GET
def reviews(request: HttpRequest) -> HttpResponse:
    """My invitations and reviews, open ones first, with due dates and what happens next."""
    access = request.reviewer_access
    if access.link is not None:
        return link_only(request, access.link)
    assignments = list(selectors.reviewer_assignment_list(access.actor))
    drafts = selectors.assignments_with_drafts(assignments)
    rows = [
        {
            "assignment": a,
            "standing": review_standing(a, has_draft=a.pk in drafts),
            "allowed": workflow.allowed(access.actor, a),
        }
        for a in assignments
    ]
    rows.sort(key=lambda row: (row["standing"].tone != "todo", row["assignment"].due_at))
    return render(
        request,
        "workspace/reviews.html",
        {"title": "My invitations and reviews", "rows": rows},
    )


@reviewer_view
@require_http_methods(["GET", "POST"])
def review_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, declaring any conflict of interest, or decline with a reason."""
    assignment = _assignment(request, pk, "accept")
    if isinstance(assignment, HttpResponse):
        return assignment
    actor = request.reviewer_access.actor
    intent = request.POST.get("intent")
    accept = AcceptForm(request.POST if intent == "accept" else None, prefix="accept")
    decline = DeclineForm(request.POST if intent == "decline" else None, prefix="decline")
    form = accept if intent == "accept" else decline
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            if intent == "accept":
                services.assignment_accept(assignment=assignment, actor=actor, **form.cleaned_data)
            else:
                services.assignment_decline(
                    assignment=assignment, actor=actor, reason=form.cleaned_data["reason"]
                )
        except RuleViolation as error:
            field = next((name for name in error.fields if name in form.fields), None)
            form.add_error(field, error.message)
            form.describe()
        except WorkflowError as error:
            return refused(request, error)
        else:
            if intent == "accept":
                flash.success(request, "Invitation accepted. Thank you: the article is here.")
                return HttpResponseRedirect(reverse("workspace:review", args=[pk]))
            return HttpResponseRedirect(reverse("workspace:review_done", args=[pk]))
    return render(
        request,
        "workspace/review_invitation.html",
        _context(
            request,
            assignment,
            title=f"Invitation to {'re-review' if assignment.is_rereview else 'review'}",
            accept=accept,
            decline=decline,
            form=form if form.is_bound else None,
        ),
    )


def _save_draft(actor: Any, assignment: ReviewAssignment, form: ReviewForm) -> Any:
    data = form.cleaned_text()
    return services.review_draft_save(assignment=assignment, actor=actor, **data)


def _saved_at(draft: Any) -> str:
    return formats.time_format(timezone.localtime(draft.saved_at), "H:i")


@reviewer_view
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review form beside the article; Save draft keeps it, Continue shows what will
    be sent before anything is."""
    assignment = _assignment(request, pk, "review")
    if isinstance(assignment, HttpResponse):
        return assignment
    actor = request.reviewer_access.actor
    draft = selectors.review_draft_of(assignment)
    if request.method == "POST":
        form = ReviewForm(request.POST, assignment=assignment)
        if form.is_valid():
            try:
                draft = _save_draft(actor, assignment, form)
            except RuleViolation as error:
                form.add_error(None, error.message)
            except WorkflowError as error:
                return refused(request, error)
            else:
                if request.POST.get("intent") == "confirm":
                    return HttpResponseRedirect(reverse("workspace:review_confirm", args=[pk]))
                flash.success(request, f"Draft saved at {_saved_at(draft)}.")
                return HttpResponseRedirect(reverse("workspace:review", args=[pk]))
    else:
        form = ReviewForm(initial=ReviewForm.initial_for(draft), assignment=assignment)
    return render(
        request,
        "workspace/review.html",
        _context(
            request,
            assignment,
            title=f"Your {'re-review' if assignment.is_rereview else 'review'}",
            form=form,
            draft=draft,
            saved_at=_saved_at(draft) if draft else "",
        ),
    )


@reviewer_view
@require_POST
def review_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The autosave: the posted form kept as the draft; JSON, for the review page's script."""
    access = request.reviewer_access
    assignment = selectors.reviewer_assignment_get(pk)
    if assignment is None or not workflow.visible(access.actor, assignment):
        return JsonResponse({"detail": messages.NOT_VISIBLE}, status=404)
    problem = workflow.refusal("review", access.actor, assignment)
    if problem is not None:
        return JsonResponse({"detail": problem.message}, status=problem.status)
    form = ReviewForm(request.POST, assignment=assignment)
    if not form.is_valid():
        return JsonResponse(
            {"detail": "The draft was not saved.", "fields": form.errors.get_json_data()},
            status=400,
        )
    try:
        draft = _save_draft(access.actor, assignment, form)
    except WorkflowError as error:
        return JsonResponse({"detail": error.message}, status=error.status)
    at = _saved_at(draft)
    return JsonResponse({"saved_at": draft.saved_at.isoformat(), "detail": f"Draft saved at {at}."})


@reviewer_view
@require_http_methods(["GET", "POST"])
def review_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Exactly what the author will read and what stays confidential; then, and only then,
    the review is submitted (with the reviewer's answer about public credit)."""
    assignment = _assignment(request, pk, "review")
    if isinstance(assignment, HttpResponse):
        return assignment
    actor = request.reviewer_access.actor
    draft = selectors.review_draft_of(assignment)
    form = SubmitReviewForm(request.POST or None)
    error = None
    if draft is None:
        error = "Nothing is written yet: write your review first."
    elif request.method == "POST" and form.is_valid():
        try:
            services.review_complete(
                assignment=assignment,
                actor=actor,
                recommendation=draft.recommendation,
                comments_for_author=draft.comments_for_author,
                confidential_comments=draft.confidential_comments,
                credit_consent=form.cleaned_data["credit_consent"],
            )
        except RuleViolation as exc:
            error = exc.message
        except WorkflowError as exc:
            return refused(request, exc)
        else:
            return HttpResponseRedirect(reverse("workspace:review_done", args=[pk]))
    recommendation = ""
    if draft is not None and draft.recommendation:
        recommendation = draft.get_recommendation_display()
    return render(
        request,
        "workspace/review_confirm.html",
        _context(
            request,
            assignment,
            title="Check and submit your review",
            draft=draft,
            recommendation=recommendation,
            form=form,
            error=error,
        ),
    )


@reviewer_view
@require_GET
def review_done(request: HttpRequest, pk: int) -> HttpResponse:
    """After declining or submitting: what happens now."""
    assignment = _assignment(request, pk, None)
    if isinstance(assignment, HttpResponse):
        return assignment
    if assignment.state in (AssignmentState.INVITED, AssignmentState.ACCEPTED):
        name = (
            "workspace:review_invitation" if assignment.state == "invited" else "workspace:review"
        )
        return HttpResponseRedirect(reverse(name, args=[pk]))
    return render(
        request,
        "workspace/review_done.html",
        _context(request, assignment, title=review_standing(assignment).state),
    )
