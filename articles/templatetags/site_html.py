"""Template helpers shared by the public pages, the workspace and the admin."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django import template
from django.utils.html import format_html

from ..public.icons import linked_url

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


@register.simple_tag
def favicon_links() -> str:
    """The site's icon, for the head of every page."""
    return format_html(
        '<link rel="icon" href="{}" sizes="32x32"><link rel="icon" href="{}" type="image/svg+xml">',
        linked_url("favicon.ico"),
        linked_url("favicon.svg"),
    )
