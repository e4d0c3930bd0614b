"""Reference data editors keep: the specialties. Articles and revisions are shown by the
editorial admin (editorial/admin/), which may read the workflow; this app may not."""

from django.contrib import admin

from .models import Specialty


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def has_delete_permission(self, request, obj=None) -> bool:
        # Articles and reviewer profiles point at specialties; retire one by renaming it.
        return False
