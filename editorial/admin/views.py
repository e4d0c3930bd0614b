"""The pages behind the revision's buttons: one form, one service call, one message.

The role check comes first and answers 403; the state check is the service's, and its
refusal (WorkflowError.message) is shown as an admin error with nothing applied.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone

from articles.models import Revision

from .. import policy, selectors, services
from ..errors import WorkflowError
from .actions import ASSIGNMENT_ACTIONS, REVISION_ACTIONS, Action, may_attempt, revision_buttons
from .forms import AssignReviewerForm

PAST = {"accept": "accepted", "decline": "declined", "review": "completed", "cancel": "cancelled"}
INVITE = Action(
    "Invite",
    AssignReviewerForm,
    lambda revision, actor, data: None,  # assign_view calls the service with the reviewer
    "",
    "The reviewer is e-mailed an invitation to accept or decline.",
)
UNAVAILABLE = "That action is not available for this revision now: it is {state}."


def _assignment_unavailable(assignment: Any, action: str) -> str:
    states, needs_open, _ = policy.ASSIGNMENT_ACTIONS[action]
    if assignment.state in states and needs_open:
        return "The revision is no longer open for review."
    return (
        f"This invitation is {assignment.get_state_display().lower()}; "
        f"it cannot be {PAST[action]} now."
    )


class RevisionActionViews:
    """Mixed into RevisionAdmin: URLs and views for every workflow button."""

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/do/<str:action>/",
                wrap(self.revision_action_view),
                name="articles_revision_action",
            ),
            path(
                "<path:object_id>/assign/",
                wrap(self.assign_view),
                name="articles_revision_assign",
            ),
            path(
                "<path:object_id>/assignments/<int:assignment_id>/<str:action>/",
                wrap(self.assignment_action_view),
                name="articles_revision_assignment_action",
            ),
            *super().get_urls(),
        ]

    # -- helpers ----------------------------------------------------------------
    def revision_or_404(self, request: HttpRequest, object_id: str) -> Revision:
        if not (str(object_id).isascii() and str(object_id).isdigit()) or not (
            self.has_view_permission(request)
        ):
            raise Http404("No such revision.")
        revision = selectors.revision_for_review(
            selectors.visible_revisions(request.user), int(object_id)
        )
        if revision is None:
            raise Http404("No such revision.")
        return revision

    def revision_url(self, revision: Revision, anchor: str = "") -> str:
        url = reverse(
            "admin:articles_revision_change", args=[revision.pk], current_app=self.admin_site.name
        )
        return f"{url}#{anchor}" if anchor else url

    def _perform(
        self, request: HttpRequest, spec: Action, obj: Any, revision: Revision, form: Any
    ) -> HttpResponse | None:
        """Run the action's service on a valid POST; None means: show the form again."""
        if request.method != "POST" or not form.is_valid():
            return None
        try:
            spec.run(obj, request.user, form.cleaned_data)
        except WorkflowError as exc:
            messages.error(request, exc.message)
            if not spec.needs_input:
                return HttpResponseRedirect(self.revision_url(revision))
            return None
        messages.success(request, spec.done)
        return HttpResponseRedirect(self.revision_url(revision))

    def _form_page(
        self, request: HttpRequest, revision: Revision, title: str, form: Any, **extra: Any
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "subtitle": f"{revision.title or revision.article.slug} — revision {revision.number}",
            "revision": revision,
            "form": form,
            "revision_url": self.revision_url(revision),
            **extra,
        }
        return TemplateResponse(request, "admin/editorial/action_form.html", context)

    # -- views ------------------------------------------------------------------
    def revision_action_view(self, request: HttpRequest, object_id: str, action: str):
        spec = REVISION_ACTIONS.get(action)
        if spec is None:
            raise Http404("No such action.")
        revision = self.revision_or_404(request, object_id)
        if not may_attempt(request.user, action, revision):
            raise PermissionDenied
        if request.method != "POST" and action not in revision_buttons(request.user, revision):
            messages.error(request, UNAVAILABLE.format(state=revision.get_state_display().lower()))
            return HttpResponseRedirect(self.revision_url(revision))
        form = spec.form(request.POST if request.method == "POST" else None)
        done = self._perform(request, spec, revision, revision, form)
        return done or self._form_page(request, revision, spec.label, form, action=spec)

    def assignment_action_view(
        self, request: HttpRequest, object_id: str, assignment_id: int, action: str
    ):
        spec = ASSIGNMENT_ACTIONS.get(action)
        if spec is None:
            raise Http404("No such action.")
        revision = self.revision_or_404(request, object_id)
        assignment = next((a for a in revision.assignments.all() if a.pk == assignment_id), None)
        if assignment is None:
            raise Http404("No such assignment.")
        if not policy.may_attempt_on_assignment(request.user, action, assignment):
            raise PermissionDenied
        if request.method != "POST" and action not in policy.assignment_actions(
            request.user, assignment
        ):
            messages.error(request, _assignment_unavailable(assignment, action))
            return HttpResponseRedirect(self.revision_url(revision))
        form = spec.form(request.POST if request.method == "POST" else None)
        done = self._perform(request, spec, assignment, revision, form)
        title = f"{spec.label}: review by {assignment.reviewer}"
        return done or self._form_page(
            request, revision, title, form, action=spec, assignment=assignment
        )

    def assign_view(self, request: HttpRequest, object_id: str):
        revision = self.revision_or_404(request, object_id)
        if not policy.may_attempt(request.user, "assign_reviewer", revision):
            raise PermissionDenied
        if request.method != "POST" and "assign_reviewer" not in policy.allowed_actions(
            request.user, revision
        ):
            messages.error(request, UNAVAILABLE.format(state=revision.get_state_display().lower()))
            return HttpResponseRedirect(self.revision_url(revision))
        form = AssignReviewerForm(
            request.POST if request.method == "POST" else None,
            candidates=selectors.reviewer_candidates(revision),
        )
        if request.method == "POST" and form.is_valid():
            reviewer = form.cleaned_data["reviewer"]
            try:
                services.assignment_create(
                    revision=revision,
                    reviewer=reviewer,
                    actor=request.user,
                    due_at=form.cleaned_data["due_at"],
                )
            except WorkflowError as exc:
                messages.error(request, exc.message)
            else:
                due = formats.date_format(timezone.localtime(form.cleaned_data["due_at"]))
                messages.success(request, f"{reviewer.display_name} invited; review due {due}.")
                return HttpResponseRedirect(self.revision_url(revision, "assignments"))
        return self._form_page(request, revision, "Assign a reviewer", form, action=INVITE)
