"""What every workflow endpoint shares: who is asking, and running one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from rest_framework.request import Request

from ..errors import InvalidTransition


def run(
    service: Callable[..., Any],
    *,
    allowed: Callable[[], list[str]],
    **kwargs: Any,
) -> Any:
    """Call one service; a refusal for the wrong state lists what the caller may do now."""
    try:
        return service(**kwargs)
    except InvalidTransition as exc:
        if not exc.allowed:
            exc.allowed = allowed()
        raise


def reload(queryset: QuerySet, obj: Model) -> Model:
    """The object after a change, read again with everything its representation needs."""
    return queryset.get(pk=obj.pk)


def actor(request: Request) -> Any:
    return request.user
