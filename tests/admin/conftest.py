"""Admin test helpers: a signed-in test client per user (second factor passed where the
role needs one)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..signin import signed_in


@pytest.fixture
def login():
    return signed_in


def revision_url(revision) -> str:
    return reverse("admin:articles_revision_change", args=[revision.pk])


def action_url(revision, action: str) -> str:
    return reverse("admin:articles_revision_action", args=[revision.pk, action])


def assignment_action_url(assignment, action: str) -> str:
    return reverse(
        "admin:articles_revision_assignment_action",
        args=[assignment.revision_id, assignment.pk, action],
    )
