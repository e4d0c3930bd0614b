"""Who sees whose name during peer review, from ``EDITORIAL["REVIEW_MODE"]``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

SINGLE_ANONYMOUS = "single_anonymous"
DOUBLE_ANONYMOUS = "double_anonymous"
OPEN = "open"
MODES = (SINGLE_ANONYMOUS, DOUBLE_ANONYMOUS, OPEN)


def review_mode() -> str:
    return settings.EDITORIAL.get("REVIEW_MODE", SINGLE_ANONYMOUS)


def authors_hidden_from_reviewers() -> bool:
    """Double-anonymous review: a reviewer never learns who wrote what they review."""
    return review_mode() == DOUBLE_ANONYMOUS


def reviewers_named_to_authors() -> bool:
    """Open review: the author sees who reviewed their revision."""
    return review_mode() == OPEN


@checks.register()
def review_mode_known(app_configs: Any = None, **kwargs: Any) -> list[checks.Error]:
    if review_mode() in MODES:
        return []
    return [
        checks.Error(
            f"EDITORIAL['REVIEW_MODE'] is {review_mode()!r}.",
            hint=f"Use one of {', '.join(MODES)}.",
            id="editorial.E020",
        )
    ]
