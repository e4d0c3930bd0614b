"""Counting a long list without reading all of it: exact up to a bound, then PostgreSQL's
estimate. Shared by the admin's changelists and the API's pages."""

from __future__ import annotations

import json
from typing import Any

from django.db import connections
from django.db.models import QuerySet


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


def bounded_count(rows: Any, exact_up_to: int) -> int:
    """How many rows match: exact up to `exact_up_to` (reading at most one row more), past it
    the planner's estimate on PostgreSQL (never below what was counted), and an exact count
    on other databases."""
    if not isinstance(rows, QuerySet):
        return len(rows)
    counted = rows.order_by()[: exact_up_to + 1].count()
    if counted <= exact_up_to:
        return counted
    estimate = estimated_rows(rows)
    return rows.count() if estimate is None else max(estimate, counted)
