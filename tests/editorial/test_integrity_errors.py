"""Only a lost race is reported as "someone else changed this": a unique row inserted by a
concurrent transaction. Any other integrity error (a check constraint, a trigger) is a bug
and surfaces as one, never disguised as a concurrent change."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from articles.models import Reference, Revision
from editorial.errors import ConcurrentChange
from editorial.services._base import workflow_service


def _reference(revision, position: int) -> Reference:
    return Reference(revision=revision, position=position, kind="guideline", title="T")


def test_a_unique_row_inserted_meanwhile_is_a_concurrent_change(workflow):
    draft = workflow.draft(references=1)

    @workflow_service
    def insert_a_duplicate(**kwargs):
        Reference.objects.bulk_create([_reference(draft, 1)])

    with pytest.raises(ConcurrentChange):
        insert_a_duplicate(actor=workflow.author)


def test_a_check_constraint_violation_is_not_disguised_as_a_race(workflow):
    draft = workflow.draft(references=1)

    @workflow_service
    def insert_position_zero(**kwargs):
        Reference.objects.bulk_create([_reference(draft, 0)])

    with pytest.raises(IntegrityError):
        insert_position_zero(actor=workflow.author)


def test_a_trigger_refusal_is_not_disguised_as_a_race(workflow):
    published = workflow.published()

    @workflow_service
    def move_back_to_draft(**kwargs):
        Revision.objects.filter(pk=published.pk).update(state="draft")

    with pytest.raises(IntegrityError, match="not a workflow transition"):
        move_back_to_draft(actor=workflow.author)
