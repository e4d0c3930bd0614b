"""API tokens in the admin: who holds which, when they were used and when they end, never
their keys (only hashes are stored). Administrators see everyone's and revoke any; others
see and revoke their own. Tokens are issued through the API and `manage.py api_token`."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet

from .. import selectors, services
from ..errors import WorkflowError
from ..models import ApiToken
from .records import ReadOnlyAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "state", "created_at", "expires_at", "last_used_at",
                    "revoked_at", "revoked_reason")  # fmt: skip
    list_filter = ("revoked_reason", "expires_at")
    search_fields = ("name", "user__username")
    fields = list_display
    readonly_fields = list_display
    actions = ["revoke"]

    def get_queryset(self, request) -> QuerySet[ApiToken]:
        return selectors.api_token_list(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    @admin.display(description="state")
    def state(self, obj: ApiToken) -> str:
        return obj.state

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset:
            try:
                revoked += services.api_token_revoke(actor=request.user, token=token)
            except WorkflowError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                return
        self.message_user(request, f"Revoked {revoked} token(s).", messages.SUCCESS)
