"""Template helpers shared by the public pages, the workspace and the admin."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django import template

register = template.Library()


@register.filter
def html_datetime(value: datetime | date | None) -> str:
    """A value for `<time datetime>`: HTML allows at most three digits of a second's fraction,
    so a timestamp is given to the second, in UTC; a date as a date."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return ""

