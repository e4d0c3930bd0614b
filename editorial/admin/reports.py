"""Readers' reports in the admin: the editors' queue, a report's page and its buttons.

Nothing here is edited in a form: a report moves on only through its buttons, each handed to
one service (editorial/services/reports.py), with the refusals the revision's buttons give:
404 for a report the user may not read, 403 for an action not theirs, 409 (a page saying
so) for one its state does not allow, 400 (the form again) for a rule not met.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from .. import policy, selectors, workflow
from ..errors import NotFound, NotPermitted, WorkflowError
from ..models import OPEN_REPORT_STATES, ReaderReport
from ..selectors.admin import REPORT_QUEUE_LABEL
from .actions import REPORT_BUTTONS, Button, buttons_for
from .records import ReadOnlyAdmin

ARTICLE_LOOKUP = "article__id__exact"


class ReportQueueFilter(admin.SimpleListFilter):
    """The editors' queue: reports still to answer (new or acknowledged)."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("open", REPORT_QUEUE_LABEL)]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(state__in=OPEN_REPORT_STATES)
        return queryset


@admin.register(ReaderReport)
class ReaderReportAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "state_label", "kind", "article_slug", "revision_number",
                    "excerpt", "handled_by")  # fmt: skip
    list_display_links = ("created_at", "excerpt")
    list_filter = (ReportQueueFilter, "state", "kind")
    search_fields = ("article__slug",)
    prefix_paths = ("article__slug",)
    list_per_page = 50
    sortable_by = ("created_at",)

    def get_queryset(self, request: HttpRequest):
        return selectors.reader_report_list(request.user)

    def get_ordering(self, request: HttpRequest) -> list[str]:
        """New reports first, then acknowledged ones, then the closed; newest first in each
        (queue_rank is the selector's)."""
        return ["queue_rank", "-created_at"]

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # The revision page links to the reports on its article.
        return lookup == ARTICLE_LOOKUP or super().lookup_allowed(lookup, value, request)

    def has_view_permission(self, request, obj=None) -> bool:
        return policy.can_see_reader_reports(request.user) and super().has_view_permission(
            request, obj
        )

    def has_module_permission(self, request) -> bool:
        return policy.can_see_reader_reports(request.user) and super().has_module_permission(
            request
        )

    # -- list columns -----------------------------------------------------------
    @admin.display(description="state")
    def state_label(self, obj: ReaderReport) -> str:
        return format_html(
            '<span class="state state-{}">{}</span>', obj.state, obj.get_state_display()
        )

    @admin.display(description="article")
    def article_slug(self, obj: ReaderReport) -> str:
        return obj.article.slug

    @admin.display(description="revision")
    def revision_number(self, obj: ReaderReport) -> str:
        return f"r{obj.revision.number}"

    @admin.display(description="message")
    def excerpt(self, obj: ReaderReport) -> str:
        # Plain text, escaped by the admin like any other value.
        return Truncator(" ".join(obj.message.split())).chars(80)

    # -- the report's page and its buttons --------------------------------------
    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/do/<str:action>/",
                wrap(self.report_action_view),
                name="editorial_readerreport_action",
            ),
            *super().get_urls(),
        ]

    def report_or_404(self, request: HttpRequest, object_id: str) -> ReaderReport:
        if not (str(object_id).isascii() and str(object_id).isdigit()) or not (
            self.has_view_permission(request)
        ):
            raise Http404("No such report.")
        report = self.get_queryset(request).filter(pk=int(object_id)).first()
        if report is None:
            raise Http404("No such report.")
        return report

    def report_url(self, report: ReaderReport) -> str:
        name = "admin:editorial_readerreport_change"
        return reverse(name, args=[report.pk], current_app=self.admin_site.name)

    def action_url(self, report: ReaderReport, action: str) -> str:
        name = "admin:editorial_readerreport_action"
        return reverse(name, args=[report.pk, action], current_app=self.admin_site.name)

    def _context(self, request: HttpRequest, report: ReaderReport, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "report": report,
            "report_url": self.report_url(report),
            "revision_url": reverse("admin:articles_revision_change", args=[report.revision_id]),
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.report_or_404(request, object_id)
        context = {
            **self._context(request, report, f"Report #{report.pk} on {report.article.slug}"),
            "buttons": [
                (REPORT_BUTTONS[name], self.action_url(report, name))
                for name in buttons_for(REPORT_BUTTONS, request.user, report)
            ],
            "without_role": policy.is_superuser(request.user)
            and not policy.is_editor(request.user),
        }
        return TemplateResponse(request, "admin/editorial/report.html", context)

    def report_action_view(self, request: HttpRequest, object_id: str, action: str):
        button = REPORT_BUTTONS.get(action)
        if button is None:
            raise Http404("No such action.")
        report = self.report_or_404(request, object_id)
        problem = workflow.refusal(button.action, request.user, report)
        if isinstance(problem, NotFound):
            raise Http404(problem.message)
        if isinstance(problem, NotPermitted):
            raise PermissionDenied(problem.message)
        if problem is not None:
            context = self._context(request, report, "Not possible now")
            context["message"] = problem.message
            return TemplateResponse(
                request, "admin/editorial/report_refused.html", context, status=problem.status
            )
        return self._button_page(request, report, button)

    def _button_page(self, request: HttpRequest, report: ReaderReport, button: Button):
        form = button.form(request.POST if request.method == "POST" else None)
        status = 200
        if request.method == "POST" and form.is_valid():
            try:
                button.run(report, request.user, form.cleaned_data)
            except WorkflowError as exc:
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, button.done)
                return HttpResponseRedirect(self.report_url(report))
        context = {**self._context(request, report, button.label), "form": form, "action": button}
        return TemplateResponse(
            request, "admin/editorial/report_action_form.html", context, status=status
        )
