"""Changelists that answer odd query parameters as the admin answers a bad filter."""

from __future__ import annotations

from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import SimpleTemplateResponse, TemplateResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString

# What the ORM raises for a filter value it cannot use: a year past 9999 (ValueError), an id
# past any integer column (OverflowError on SQLite, DataError on PostgreSQL), a malformed date.
UNUSABLE_FILTER = (ValueError, OverflowError, DataError, ValidationError)


class OddParametersMixin:
    """A changelist URL whose filter values the database cannot use (``?created_at__year=
    99999``, ``?reviewer=<20 digits>``) gets what Django gives a filter it does not know:
    a redirect to ``?e=1`` and then the "Database error" page, never a server error."""

    def changelist_view(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        try:
            response = super().changelist_view(request, extra_context)
            if isinstance(response, TemplateResponse):
                response.render()  # evaluate the page's queries here, where they are caught
        except UNUSABLE_FILTER:
            if ERROR_FLAG in request.GET:
                return SimpleTemplateResponse(
                    "admin/invalid_setup.html", {"title": "Database error"}, status=400
                )
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return response


def clamped(text: str, url: str | None = None) -> SafeString:
    """A long title or comment in a changelist cell: two lines at most (admin.css), the whole
    text on hover."""
    if url is None:
        return format_html('<span class="clamp" title="{}">{}</span>', text, text)
    return format_html('<a class="clamp" href="{}" title="{}">{}</a>', url, text, text)
