"""Admin test helpers: a logged-in test client per user."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


@pytest.fixture
def login():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def revision_url(revision) -> str:
    return reverse("admin:articles_revision_change", args=[revision.pk])


def action_url(revision, action: str) -> str:
    return reverse("admin:articles_revision_action", args=[revision.pk, action])


def assignment_action_url(assignment, action: str) -> str:
    return reverse(
        "admin:articles_revision_assignment_action",
        args=[assignment.revision_id, assignment.pk, action],
    )
