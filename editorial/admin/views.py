"""The pages behind the revision's buttons: one form, one service call, one message.

Refusals come in the registry's one order, with the statuses the API answers them with:
a revision the user may not see is 404, an action not theirs is 403, an action that does not
fit the state is 409 (a page saying so), and a rule the service finds unmet is 400 (the form
again, with the service's words).
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

from .. import selectors, workflow
from ..errors import NotFound, NotPermitted, WorkflowError
from .actions import (
    APPROVE_REINSTATEMENT,
    ASSIGNMENT_BUTTONS,
    REREVIEW_BUTTONS,
    REVISION_BUTTONS,
    Button,
)
from .consequences import CONFIRMED
from .forms import AssignReviewerForm

INVITE = Button(
    "assign_reviewer",
    AssignReviewerForm,
    "",
    "The reviewer is e-mailed an invitation to accept or decline.",
    label_text="Invite",
)
INVITE_TO_REREVIEW = Button(
    "assign_rereviewer",
    AssignReviewerForm,
    "",
    "The reviewer is e-mailed an invitation to say whether the published text is still "
    "accurate. Its first reviewers may be asked again.",
    label_text="Invite",
)


class RevisionActionViews:
    """Mixed into RevisionAdmin: URLs and views for every workflow button."""

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        # The re-review's URLs come first: "<path:object_id>/assign/" would take theirs.
        return [
            path(
                "<path:object_id>/rereviews/<int:rereview_id>/assign/",
                wrap(self.rereview_assign_view),
                name="articles_revision_rereview_assign",
            ),
            path(
                "<path:object_id>/rereviews/<int:rereview_id>/<str:action>/",
                wrap(self.rereview_action_view),
                name="articles_revision_rereview_action",
            ),
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
        revision = selectors.revision_review_get(
            selectors.revision_list(request.user), int(object_id)
        )
        if revision is None:
            raise Http404("No such revision.")
        return revision

    def revision_url(self, revision: Revision, anchor: str = "") -> str:
        url = reverse(
            "admin:articles_revision_change", args=[revision.pk], current_app=self.admin_site.name
        )
        return f"{url}#{anchor}" if anchor else url

    def _refused(
        self, request: HttpRequest, revision: Revision, action: str, obj: Any
    ) -> HttpResponse | None:
        """The registry's refusal for this action now, as a response; None: go ahead."""
        problem = workflow.refusal(action, request.user, obj)
        if problem is None:
            return None
        if isinstance(problem, NotFound):
            raise Http404(problem.message)
        if isinstance(problem, NotPermitted):
            raise PermissionDenied(problem.message)
        context = {
            **self._page_context(request, revision, "Not possible now"),
            "message": problem.message,
        }
        return TemplateResponse(
            request, "admin/editorial/refused.html", context, status=problem.status
        )

    def _perform(
        self, request: HttpRequest, button: Button, obj: Any, revision: Revision, form: Any
    ) -> tuple[HttpResponse | None, int]:
        """Run the button's service on a valid POST. None means: show the form again, with
        the status the service's refusal carries. An action that cannot be undone acts only
        on the POST of its confirmation page."""
        if request.method != "POST" or not form.is_valid():
            return None, 200
        if button.confirm is not None and request.POST.get(CONFIRMED) != "yes":
            return None, 200
        try:
            button.run(obj, request.user, form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
            return None, exc.status
        messages.success(request, button.done)
        return HttpResponseRedirect(self.revision_url(revision)), 302

    def _page_context(self, request: HttpRequest, revision: Revision, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "subtitle": f"{revision.title or revision.article.slug} — revision {revision.number}",
            "revision": revision,
            "revision_url": self.revision_url(revision),
        }

    def _form_page(
        self, request: HttpRequest, revision: Revision, title: str, form: Any, status: int,
        **extra: Any,
    ) -> TemplateResponse:  # fmt: skip
        context = {**self._page_context(request, revision, title), "form": form, **extra}
        return TemplateResponse(request, "admin/editorial/action_form.html", context, status=status)

    def _button_view(
        self, request: HttpRequest, revision: Revision, button: Button, obj: Any, title: str,
        **extra: Any,
    ) -> HttpResponse:  # fmt: skip
        refused = self._refused(request, revision, button.action, obj)
        if refused is not None:
            return refused
        form = button.make_form(obj, request.POST if request.method == "POST" else None)
        done, status = self._perform(request, button, obj, revision, form)
        if done is None and button.confirm is not None:
            extra = {**extra, "consequences": button.confirm(obj), "confirmed": CONFIRMED}
        return done or self._form_page(
            request, revision, title, form, status, action=button, **extra
        )

    # -- views ------------------------------------------------------------------
    def revision_action_view(self, request: HttpRequest, object_id: str, action: str):
        button = REVISION_BUTTONS.get(action)
        if button is None:
            raise Http404("No such action.")
        revision = self.revision_or_404(request, object_id)
        retracted = selectors.retraction_acknowledged_get(revision)
        extra = {}
        if retracted is not None:
            extra = {"retracted": retracted, "retracted_on": selectors.retraction_date(retracted)}
            if action == "approve":
                button = APPROVE_REINSTATEMENT
        return self._button_view(request, revision, button, revision, button.label, **extra)

    def assignment_action_view(
        self, request: HttpRequest, object_id: str, assignment_id: int, action: str
    ):
        button = ASSIGNMENT_BUTTONS.get(action)
        if button is None:
            raise Http404("No such action.")
        revision = self.revision_or_404(request, object_id)
        assignment = next((a for a in revision.assignments.all() if a.pk == assignment_id), None)
        if assignment is None:
            raise Http404("No such assignment.")
        title = f"{button.label}: review by {assignment.reviewer}"
        return self._button_view(
            request, revision, button, assignment, title, assignment=assignment
        )

    def assign_view(self, request: HttpRequest, object_id: str):
        revision = self.revision_or_404(request, object_id)
        return self._invite_page(request, revision, revision, INVITE)

    def rereview_or_404(self, request: HttpRequest, revision: Revision, rereview_id: int):
        rereview = (
            selectors.rereview_list(request.user).filter(pk=rereview_id, revision=revision).first()
        )
        if rereview is None:
            raise Http404("No such re-review.")
        return rereview

    def rereview_assign_view(self, request: HttpRequest, object_id: str, rereview_id: int):
        revision = self.revision_or_404(request, object_id)
        rereview = self.rereview_or_404(request, revision, rereview_id)
        return self._invite_page(request, revision, rereview, INVITE_TO_REREVIEW)

    def rereview_action_view(
        self, request: HttpRequest, object_id: str, rereview_id: int, action: str
    ):
        button = REREVIEW_BUTTONS.get(action)
        if button is None:
            raise Http404("No such action.")
        revision = self.revision_or_404(request, object_id)
        rereview = self.rereview_or_404(request, revision, rereview_id)
        return self._button_view(request, revision, button, rereview, button.label)

    def _invite_page(self, request: HttpRequest, revision: Revision, obj: Any, button: Button):
        """The reviewer picker, for a revision's review or for a re-review of it."""
        refused = self._refused(request, revision, button.action, obj)
        if refused is not None:
            return refused
        rereview = None if obj is revision else obj
        form = AssignReviewerForm(
            request.POST if request.method == "POST" else None,
            candidates=selectors.reviewer_candidate_list(revision, rereview),
            revision=revision,
        )
        status = 200
        if request.method == "POST" and form.is_valid():
            reviewer = form.cleaned_data["reviewer"]
            try:
                button.run(obj, request.user, form.cleaned_data)
            except WorkflowError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                due = formats.date_format(timezone.localtime(form.cleaned_data["due_at"]))
                messages.success(request, f"{reviewer.display_name} invited; review due {due}.")
                anchor = "rereview" if rereview is not None else "assignments"
                return HttpResponseRedirect(self.revision_url(revision, anchor))
        title = "Invite a re-reviewer" if rereview is not None else "Assign a reviewer"
        return self._form_page(request, revision, title, form, status, action=button)
