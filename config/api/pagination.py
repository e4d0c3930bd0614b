"""The API's pages: `count`, `next`, `previous` and `results`, at a cost that does not grow with
the archive.

Django's paginator counts every matching row before it hands out a page, and decides whether
there is a next page from that count: over a publisher's archive (a hundred thousand
revisions, twice as many review assignments) that is a full pass on every request. Here a
page is read with one row more than it shows, which says whether a next one exists; an
address past the end is a 404 as before; and `count` is exact up to EXACT_UP_TO, past which it
is PostgreSQL's estimate for the same query, never below what was counted (other databases
count exactly).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from rest_framework.pagination import PageNumberPagination

from config.counts import bounded_count

EXACT_UP_TO = 1_000
# Past any list the database can hold, and past what it takes as an OFFSET.
MAX_ROWS = 2**62


class LookaheadPage(Page):
    def __init__(self, object_list, number: int, paginator: Paginator, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class LookaheadPaginator(Paginator):
    """Pages that know whether another follows without counting (see the module)."""

    @cached_property
    def count(self) -> int:
        return bounded_count(self.object_list, EXACT_UP_TO)

    def validate_number(self, number: Any) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if number * self.per_page > MAX_ROWS:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number: Any) -> LookaheadPage:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        return LookaheadPage(rows[: self.per_page], number, self, len(rows) > self.per_page)


class Pagination(PageNumberPagination):
    django_paginator_class = LookaheadPaginator
    page_size_query_param = "page_size"
    max_page_size = 100
    # `?page=last` would need the exact count this pagination avoids.
    last_page_strings = ()

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"]["description"] = (
            f"How many items match: exact up to {EXACT_UP_TO:,}; past that, the database's "
            "estimate. Follow `next` to read them all."
        )
        return paginated
