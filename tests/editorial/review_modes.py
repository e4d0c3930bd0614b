"""Helpers for the review-mode tests: the site's mode for one test, an author whose name is
easy to find in a page or an e-mail, and the text a person reads on each surface."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from unittest import mock

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.api.conftest import client_for
from tests.factories import UserFactory
from tests.signin import signed_in
from tests.workflow import Workflow

FIRST, LAST, USERNAME = "Adaora", "Quillfeather", "aqwrite"
AUTHOR_NAME = f"{FIRST} {LAST}"
# Any of these in what a reviewer reads tells them who wrote the article.
AUTHOR_MARKS = (FIRST, LAST, USERNAME)
DAY = timedelta(days=1)


def in_mode(mode: str) -> Iterator[str]:
    """The site in this review mode for the test (throttle counters fresh, as each API test
    module has them)."""
    caches["default"].clear()
    with override_settings(EDITORIAL={**settings.EDITORIAL, "REVIEW_MODE": mode}):
        yield mode


def named_author() -> object:
    return UserFactory(username=USERNAME, first_name=FIRST, last_name=LAST, groups=["Authors"])


def workflow_by(author, workflow: Workflow) -> Workflow:
    """The same cast, with this author writing."""
    wf = Workflow(author, workflow.editor, workflow.board, workflow.reviewers, workflow.specialty)
    wf.count = 100  # slugs apart from the cast's own
    return wf


def page(user, url: str) -> str:
    """A page of the site as the user reads it (redirects followed), whatever its status."""
    return signed_in(user).get(url, follow=True).content.decode()


def api(user, url: str, method: str = "get") -> str:
    return getattr(client_for(user), method)(url, format="json").content.decode()


def tick(at, capture, mailoutbox) -> list:
    """The e-mails `editorial_tick` sends at this moment."""
    before = len(mailoutbox)
    with (
        mock.patch("django.utils.timezone.now", return_value=at),
        capture(execute=True),
    ):
        call_command("editorial_tick", stdout=StringIO())
    return mailoutbox[before:]


def later(days: float):
    return timezone.now() + days * DAY
