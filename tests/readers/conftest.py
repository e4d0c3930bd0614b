"""Readers' reports: a published article to report on, and a form posted the way a person
(who takes a few seconds) would post it."""

from __future__ import annotations

import time

import pytest
from django.core.cache import caches

from editorial import services
from editorial.models import ReaderReport
from tests.signin import signed_in

MESSAGE = "The dose in the second table says 50 mg; the guideline says 5 mg.\n\nThank you."


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    caches["default"].clear()
    caches["throttle"].clear()
    yield
    caches["default"].clear()
    caches["throttle"].clear()


@pytest.fixture
def published(workflow):
    return workflow.published()


@pytest.fixture
def login():
    """A signed-in admin client, past the second factor for the roles that need one."""
    return signed_in


def form_data(slug: str, **overrides) -> dict:
    """What a person's browser sends: the form filled in, a minute after it was given out."""
    from editorial.reports.forms import form_token

    return {
        "kind": "factual_error",
        "message": MESSAGE,
        "email": "reader@example.org",
        "website": "",
        "started": form_token(slug, issued_at=time.time() - 60),
        **overrides,
    }


def receive(revision, **fields) -> ReaderReport:
    """A report on the revision's article, through the service the public side calls."""
    return services.reader_report_receive(
        slug=revision.article.slug,
        **{"kind": "unclear", "message": "Which dose is meant?", **fields},
    )
