"""The admin's long lists count exactly up to a point and estimate past it (PostgreSQL), so
a page of the audit history never reads the whole history to number its pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from config.counts import estimated_rows
from editorial.admin import paginator
from editorial.admin.paginator import EstimatedCountPaginator
from editorial.models import AuditEvent

AUDIT = reverse("admin:editorial_auditevent_changelist")


def test_a_short_list_is_counted_exactly(workflow, monkeypatch):
    workflow.draft()
    monkeypatch.setattr(paginator, "EXACT_UP_TO", 1_000)
    events = AuditEvent.objects.all()
    assert EstimatedCountPaginator(events, 10).count == events.count()


def test_past_the_limit_the_count_is_never_below_what_was_counted(workflow, monkeypatch):
    for _ in range(3):
        workflow.draft()
    total = AuditEvent.objects.count()
    monkeypatch.setattr(paginator, "EXACT_UP_TO", 2)
    counted = EstimatedCountPaginator(AuditEvent.objects.all(), 10).count
    assert counted >= 3
    if estimated_rows(AuditEvent.objects.all()) is None:  # not PostgreSQL: exact
        assert counted == total


@pytest.mark.postgres
def test_on_postgresql_past_the_limit_the_count_is_the_planners_estimate(
    workflow, monkeypatch, django_assert_max_num_queries
):
    for _ in range(3):
        workflow.draft()
    monkeypatch.setattr(paginator, "EXACT_UP_TO", 2)
    events = AuditEvent.objects.all()
    estimate = estimated_rows(events)
    assert estimate is not None
    assert EstimatedCountPaginator(events, 10).count == max(estimate, 3)


def test_the_audit_history_pages_with_the_estimating_paginator(workflow, login):
    workflow.draft()
    response = login(workflow.editor).get(AUDIT)
    assert response.status_code == 200
    assert isinstance(response.context["cl"].paginator, EstimatedCountPaginator)
