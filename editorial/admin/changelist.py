"""Changelists that answer odd query parameters as the admin answers a bad filter, and
search through indexes."""

from __future__ import annotations

from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.db import DataError, connection
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


class IndexedSearchMixin:
    """On PostgreSQL the search box reads indexes instead of Django's ``LIKE '%term%'`` over
    every row: whole words of ``full_text_path`` through a full-text index (the "simple"
    configuration: no stemming, no stop words, as titles are searched), and the start of each
    of ``prefix_paths`` (slugs, user names) through a pattern index. Each source gives at most
    SEARCH_LIMIT matches, and the changelist's own filters still apply. SQLite keeps
    Django's search over ``search_fields``."""

    SEARCH_LIMIT = 1000
    full_text_path: str | None = None
    prefix_paths: tuple[str, ...] = ()

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        term = search_term.strip()
        if connection.vendor != "postgresql" or not term:
            return super().get_search_results(request, queryset, search_term)  # type: ignore[misc]
        rows = queryset.model._default_manager
        found: set[int] = set()
        if self.full_text_path:
            found.update(self._full_text_matches(queryset.model, term))
        for path in self.get_prefix_paths(request):
            matched = rows.filter(**{f"{path}__startswith": term}).order_by()
            found.update(matched.values_list("pk", flat=True)[: self.SEARCH_LIMIT])
        return queryset.filter(pk__in=found), False

    def get_prefix_paths(self, request: HttpRequest) -> tuple[str, ...]:
        return self.prefix_paths

    def _full_text_matches(self, model, term: str) -> list[int]:
        """The rows whose `full_text_path` holds the words. A path through a relation
        (`revisions__title`) is searched on the related table itself, where its index is,
        and joined back by key: searched through Django's outer join, the COALESCE the
        index is built on keeps PostgreSQL from using the index at all."""
        *relation, field = self.full_text_path.split("__")
        source = model
        for name in relation:
            source = source._meta.get_field(name).related_model
        query = SearchQuery(term, config="simple", search_type="websearch")
        words = (
            source._default_manager.annotate(words=SearchVector(field, config="simple"))
            .filter(words=query)
            .order_by()
        )
        if not relation:
            return list(words.values_list("pk", flat=True)[: self.SEARCH_LIMIT])
        keys = words.values("pk")[: self.SEARCH_LIMIT]
        matched = model._default_manager.filter(**{"__".join([*relation, "pk__in"]): keys})
        return list(matched.order_by().values_list("pk", flat=True)[: self.SEARCH_LIMIT])


def clamped(text: str, url: str | None = None) -> SafeString:
    """A long title or comment in a changelist cell: two lines at most (admin.css), the whole
    text on hover."""
    if url is None:
        return format_html('<span class="clamp" title="{}">{}</span>', text, text)
    return format_html('<a class="clamp" href="{}" title="{}">{}</a>', url, text, text)
