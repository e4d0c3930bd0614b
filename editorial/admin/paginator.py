"""Counting a long list without reading all of it.

The admin prints how many rows a list holds and numbers its pages, which costs a COUNT(*)
over every row that matches: over the audit history (more than a million events in a
publisher's archive) that is a full pass on every page view. Up to EXACT_UP_TO rows the
count is exact, and costs at most that many rows; past it, on PostgreSQL, it is the
planner's estimate for the same query, never below what was counted. Other databases
count exactly.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

from config.counts import bounded_count

EXACT_UP_TO = 1_000


class EstimatedCountPaginator(Paginator):
    """A paginator whose count reads at most EXACT_UP_TO rows (see the module)."""

    @cached_property
    def count(self) -> int:
        return bounded_count(self.object_list, EXACT_UP_TO)
