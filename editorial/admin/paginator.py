"""Counting a long list without reading all of it.

The admin prints how many rows a list holds and numbers its pages, which costs a COUNT(*)
over every row that matches: over the audit history (more than a million events in a
publisher's archive) that is a full pass on every page view. Up to EXACT_UP_TO rows the
count is exact, and costs at most that many rows; past it, on PostgreSQL, it is the
planner's estimate for the same query, never below what was counted. Other databases
count exactly.
"""

from __future__ import annotations

import json
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet

EXACT_UP_TO = 10_000


def estimated_rows(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows the query returns; None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """A paginator whose count reads at most EXACT_UP_TO rows (see the module)."""

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if not isinstance(rows, QuerySet):
            return super().count
        counted = rows.order_by()[: EXACT_UP_TO + 1].count()
        if counted <= EXACT_UP_TO:
            return counted
        estimate = estimated_rows(rows)
        return rows.count() if estimate is None else max(estimate, counted)
