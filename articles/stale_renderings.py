"""A system check that tells the operator how many stored renderings are stale."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError
from django.db.models import Q

from . import versions
from .models import PublicSnapshot

STALE_HINT = (
    "They are still served, sealed and as approved, but presented as an earlier template, "
    "renderer or setting made them. Run `python manage.py rebuild_public` (it rebuilds only "
    "the stale ones, in parallel)."
)


def stale_renderings() -> int:
    """How many stored renderings an earlier version built, from the index on the version:
    nothing is read when none is stale."""
    current = versions.current()
    return PublicSnapshot.objects.filter(
        Q(renderer_version__lt=current) | Q(renderer_version__gt=current)
    ).count()


@checks.register(checks.Tags.database)
def stale_renderings_check(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list:
    if not databases or "default" not in databases:
        return []
    try:
        stale = stale_renderings()
    except DatabaseError:
        # Before migrate has added the column: migrate itself runs this check first.
        return []
    if not stale:
        return []
    return [
        checks.Warning(
            f"{stale} stored public rendering(s) are stale.",
            hint=STALE_HINT,
            id="articles.W001",
        )
    ]
