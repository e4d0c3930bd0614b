"""Review assignments: the editors' chasing list, and each reviewer's own invitations."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from reviewers.models import AssignmentState, ReviewAssignment

from .. import policy, selectors
from .changelist import clamped
from .filters import AssignmentQueueFilter
from .records import ReadOnlyAdmin


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("revision_link", "reviewer", "state", "due_at", "overdue", "recommendation",
                    "conflict", "assigned_by")  # fmt: skip
    list_filter = (AssignmentQueueFilter, "state", "recommendation", "reviewer")
    search_fields = ("revision__title", "revision__article__slug", "reviewer__display_name")
    full_text_path = "revision__title"
    prefix_paths = ("revision__article__slug", "reviewer__display_name")
    ordering = ("due_at", "pk")

    def get_queryset(self, request):
        return selectors.assignment_changelist(selectors.assignment_list(request.user))

    def get_list_filter(self, request):
        if policy.can_oversee(request.user):
            return self.list_filter
        return (AssignmentQueueFilter, "state")

    @admin.display(description="revision", ordering="revision__title")
    def revision_link(self, obj: ReviewAssignment) -> str:
        # The changelist links the cell to the assignment, whose page is its revision's.
        label = obj.revision.title or obj.revision.article.slug
        return clamped(f"{label} (r{obj.revision.number})")

    @admin.display(description="conflict of interest", ordering="has_conflict")
    def conflict(self, obj: ReviewAssignment) -> str:
        return "Declared" if obj.has_conflict else ""

    @admin.display(description="overdue", ordering="due_at")
    def overdue(self, obj: ReviewAssignment) -> str:
        """In words and with the date, never a bare red cross: "Overdue since 12 Nov 2026"
        for a review still awaited after its date, nothing otherwise."""
        active = obj.state in (AssignmentState.INVITED, AssignmentState.ACCEPTED)
        if active and obj.due_at < timezone.now():
            return f"Overdue since {date_format(timezone.localtime(obj.due_at), 'j M Y')}"
        return ""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """An assignment is acted on from its revision's page, next to what is reviewed."""
        assignment = self.get_object(request, object_id)
        if assignment is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        url = reverse("admin:articles_revision_change", args=[assignment.revision_id])
        return HttpResponseRedirect(f"{url}#assignment-{assignment.pk}")
