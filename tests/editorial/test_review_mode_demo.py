"""The demo says which review mode it runs in and where to see it; in double-anonymous
review its reviewer does not see who wrote the article they review, its editor does."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from articles.models import Article
from editorial.review_mode import DOUBLE_ANONYMOUS, OPEN, SINGLE_ANONYMOUS

from .review_modes import in_mode, page


@pytest.fixture
def demo_mode(request):
    yield from in_mode(request.param)


def _seed() -> str:
    """seed_demo's output (DEBUG on; pytest-django's `settings` would undo the review mode's
    override out of order)."""
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", public_demo_passwords=True, stdout=out)
    return out.getvalue()


def _user(username: str):
    return get_user_model().objects.get(username=username)


@pytest.mark.django_db
@pytest.mark.parametrize("demo_mode", [DOUBLE_ANONYMOUS], indirect=True)
def test_the_demo_in_double_anonymous_review_hides_the_author_from_its_reviewer(
    demo_mode,
):
    printed = _seed()
    assert "Review mode: double_anonymous (REVIEW_MODE): reviewers never see" in printed
    article = Article.objects.get(slug="high-blood-pressure")
    update = article.revisions.order_by("-number").first()
    url = reverse("admin:articles_revision_change", args=[update.pk])
    assert update.assignments.filter(reviewer__user__username="dr.patel").exists()
    assert "Wei Chen" not in page(_user("dr.patel"), url)
    assert "Wei Chen" in page(_user("editor.hughes"), url)


@pytest.mark.django_db
@pytest.mark.parametrize("demo_mode", [OPEN], indirect=True)
def test_the_demo_in_open_review_names_the_reviewers_to_the_author(demo_mode):
    printed = _seed()
    assert "Review mode: open (REVIEW_MODE): authors read their reviewers' names" in printed
    article = Article.objects.get(slug="asthma-in-children")
    assert article.created_by.username == "writer.chen"
    text = page(_user("writer.chen"), reverse("workspace:article", args=[article.slug]))
    named = article.revisions.get().assignments.filter(state="completed")
    assert named.exists()
    for assignment in named:
        assert assignment.reviewer.display_name in text


def test_the_demo_runs_single_anonymous_unless_told_otherwise(settings):
    assert settings.EDITORIAL["REVIEW_MODE"] == SINGLE_ANONYMOUS
