"""The Nu Html Checker finds no error in any page people see: public, workspace, admin.

The pages are built once for the module over articles in every state that changes what they
show (rolled back once built, the caches the requests counted in emptied), and checked in one
run of the checker; each page is then a test of its own."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import transaction

from ..workflow import Workflow
from . import nu
from .pages import PAGES, admin_pages, public_pages, workspace_pages

# A page with the two errors the checker first found here, checked in the same run: proof
# that the run reads every page and reports what it finds.
CANARY = "canary"
CANARY_HTML = (
    '<!doctype html><html lang="en"><head><title>Canary</title></head><body>'
    '<form action=""></form><time datetime="2026-01-02T03:04:05.123456+00:00">2 January</time>'
    "</body></html>"
)


@pytest.fixture(scope="module")
def errors(django_db_setup, django_db_blocker) -> dict[str, list[str]]:
    with django_db_blocker.unblock(), transaction.atomic():
        wf = Workflow.cast(prefix="v-")
        pages = {**public_pages(wf), **workspace_pages(wf), **admin_pages(wf)}
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()  # the sign-in failures and reports the pages were built with
    assert sorted(pages) == sorted(PAGES)
    return nu.check({**pages, CANARY: CANARY_HTML})


def test_the_checker_reports_the_errors_it_is_run_for(errors, db):
    assert [message.split(": ", 1)[1] for message in errors[CANARY]] == [
        "Bad value “” for attribute “action” on element “form”: Must be non-empty.",
        "Bad value “2026-01-02T03:04:05.123456+00:00” for attribute “datetime” on element “time”: "
        "A fraction of a second must be one, two, or three digits.",
    ]


# `db`: so that pytest-django sets the test database up for the module fixture.
@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_html_errors(errors, db, page):
    assert errors[page] == []
