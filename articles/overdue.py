""" "This page is overdue for review": decided when a page is served, not when it is stored.

The public renderings are stored once and served as they are, but an article becomes
overdue by the calendar alone, with nothing rebuilt. So the stored page carries a marker
holding its next review date where the notice goes, and the stored JSON carries
`"review_overdue":false` next to `next_review_due`; both sit inside the sealed columns, so
the date the decision rests on is the sealed one. When served after that date (and with
EDITORIAL["SHOW_OVERDUE_NOTICE"] on), the marker becomes the notice and the flag `true`.

The stored ETag ends with the same date (`-dYYYYMMDD`), so a conditional request is answered
from the validators alone: the served ETag gains `-overdue` once the date has passed, and a
copy cached before then no longer matches. The ETag is a caching validator, not content:
like the rest of it, it is not sealed.
"""

from __future__ import annotations

import functools
import re
import time as clock
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.html import format_html

MARKER_START = "<!--imprimatur:review-due:"
MARKER_END = "-->"
JSON_FLAG = '"review_overdue":false'
JSON_DUE = '"next_review_due":"'
_MARKER_START = MARKER_START.encode()
_MARKER_END = MARKER_END.encode()
_JSON_FLAG = JSON_FLAG.encode()
_JSON_DUE = JSON_DUE.encode()
ETAG_DUE = re.compile(r'-d(\d{8})"$')


def marker(due: date | None) -> str:
    """What the stored page holds where the notice would go."""
    return f"{MARKER_START}{due.isoformat()}{MARKER_END}" if due else ""


def etag_suffix(due: date | None) -> str:
    return f"-d{due:%Y%m%d}" if due else ""


_day: tuple[float, float, date | None] = (0.0, 0.0, None)  # the site's date: its start, end


def today() -> date:
    """The site's date now. The public views never activate another time zone, so this is
    the default one, without Django's per-request lookup of the active zone; it is worked
    out once a day, and until the next midnight costs one reading of the clock and one
    comparison."""
    global _day
    now = clock.time()
    starts, ends, day = _day
    if day is not None and starts <= now < ends:
        return day
    zone = timezone.get_default_timezone()
    day = datetime.fromtimestamp(now, zone).date()
    start = datetime.combine(day, time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    _day = (start.timestamp(), end.timestamp(), day)
    return day


@receiver(setting_changed)
def _forget_day(setting: str, **kwargs: object) -> None:
    global _day
    if setting == "TIME_ZONE":
        _day = (0.0, 0.0, None)


def is_overdue(due: date | None, on: date | None = None) -> bool:
    if due is None or not settings.EDITORIAL["SHOW_OVERDUE_NOTICE"]:
        return False
    return due < (on or today())


@functools.lru_cache(maxsize=4096)
def etag_due(etag: str) -> date | None:
    """The next review date a stored ETag carries (None for one stored without it)."""
    found = ETAG_DUE.search(etag)
    if found is None:
        return None
    try:
        return date(int(found[1][:4]), int(found[1][4:6]), int(found[1][6:]))
    except ValueError:
        return None


def served_etag(etag: str) -> str:
    """The ETag to serve now: the stored one, marked once the review date has passed."""
    return f'{etag[:-1]}-overdue"' if is_overdue(etag_due(etag)) else etag


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def notice_html(due: date) -> str:
    return format_html(
        '<p class="overdue" role="note"><strong>This page is overdue for review.</strong> '
        "It was due to be reviewed again by {}; until then, check important decisions with "
        "a health professional.</p>",
        format_date(due, "j F Y"),
    )


def page_now(page: bytes) -> bytes:
    """The stored page (its bytes, as served) with its notice, if its (sealed) review date
    has passed."""
    start = page.find(_MARKER_START)
    if start < 0:
        return page
    end = page.find(_MARKER_END, start)
    due = _iso_date(page[start + len(_MARKER_START) : end].decode("ascii", "replace"))
    if not is_overdue(due):
        return page
    return page[:start] + notice_html(due).encode() + page[end + len(_MARKER_END) :]


def json_now(body: bytes) -> bytes:
    """The stored detail JSON (its bytes, as served) with `review_overdue` true once its
    review date has passed.

    Both keys come after the body and the references, so they are looked for from the end;
    in the JSON a quote inside a string is always escaped, so these quoted keys match only
    the keys themselves."""
    at = body.rfind(_JSON_DUE)
    flag = body.rfind(_JSON_FLAG)
    if at < 0 or flag < 0:
        return body
    start = at + len(_JSON_DUE)
    if not is_overdue(_iso_date(body[start : start + 10].decode("ascii", "replace"))):
        return body
    return body[:flag] + b'"review_overdue":true' + body[flag + len(_JSON_FLAG) :]
