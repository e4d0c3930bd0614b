"""Reviewer profiles, kept by the editors: specialties, availability and review limits.

Assignments are shown and acted on by the editorial admin, which goes through the
services; this module only edits profile data, which has no workflow.
"""

from django.contrib import admin
from django.db.models import Count, Q

from .models import BOARD_GROUP, ReviewAssignment, Reviewer


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = (
        "display_name",
        "credentials",
        "specialty_list",
        "is_active",
        "active_reviews",
        "max_active_reviews",
        "on_board",
    )
    list_filter = ("is_active", "specialties")
    search_fields = ("display_name", "credentials", "user__username", "user__email")
    filter_horizontal = ("specialties",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("user")
            .prefetch_related("specialties", "user__groups")
            .annotate(
                active_count=Count(
                    "assignments",
                    filter=Q(assignments__in=ReviewAssignment.objects.active()),
                )
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # Re-pointing a profile would hand its reviews and public credit to someone else.
        return ("user",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None) -> bool:
        # A reviewer's past reviews stay attributed; mark them inactive instead.
        return False

    @admin.display(description="specialties")
    def specialty_list(self, obj: Reviewer) -> str:
        return ", ".join(s.name for s in obj.specialties.all()) or "—"

    @admin.display(description="active reviews", ordering="active_count")
    def active_reviews(self, obj: Reviewer) -> int:
        return obj.active_count

    @admin.display(description="board", boolean=True)
    def on_board(self, obj: Reviewer) -> bool:
        return any(group.name == BOARD_GROUP for group in obj.user.groups.all())
