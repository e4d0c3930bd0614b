"""Double-anonymous review: the reviewer's pages never name the article's author, the
rendered article included; in single-anonymous review the invitation says who wrote it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..signin import signed_in

pytestmark = pytest.mark.django_db


def _pages(workflow) -> list[str]:
    invitation = workflow.assigned(n=1)[0]
    accepted = workflow.accepted(n=1)[0]
    client = signed_in(invitation.reviewer.user)
    return [
        client.get(url).content.decode()
        for url in (
            reverse("workspace:reviews"),
            reverse("workspace:review_invitation", args=[invitation.pk]),
            reverse("workspace:review", args=[accepted.pk]),
        )
    ]


def _names(workflow) -> list[str]:
    author = workflow.author
    author.first_name, author.last_name = "Wilhelmina", "Quarrington"
    author.username = "wquarrington"
    author.save()
    return ["Wilhelmina", "Quarrington", author.username]


def test_double_anonymous_pages_never_name_the_author(workflow, settings):
    settings.EDITORIAL = {**settings.EDITORIAL, "REVIEW_MODE": "double_anonymous"}
    names = _names(workflow)
    for page in _pages(workflow):
        for name in names:
            assert name not in page


def test_single_anonymous_invitation_names_the_author(workflow, settings):
    settings.EDITORIAL = {**settings.EDITORIAL, "REVIEW_MODE": "single_anonymous"}
    _names(workflow)
    assert "Wilhelmina Quarrington" in _pages(workflow)[1]
