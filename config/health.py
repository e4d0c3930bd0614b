"""Health endpoints for the load balancer and the process supervisor.

`/health/live`: the process answers (no dependency is touched, so a slow database never
gets a healthy process restarted). `/health/ready`: the database and the cache answer, and
the task queue where one is configured; 503 with what failed otherwise. Neither says more
than "ok" or the name of what failed: no versions, hosts or errors for the public to read.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("the database answered SELECT 1 wrongly")


def _cache() -> None:
    # The Redis cache ignores its own errors (the site keeps working without it), so a
    # failed write shows only as a value that does not come back.
    key, value = "health:ready", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not keep a value")


def _tasks() -> None:
    """The task queue answers: with the database backend, its table can be read (whether a
    worker is running is the supervisor's to watch, not the web process's readiness)."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    # The backend itself, not default_task_backend, a proxy whose class is its own.
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        DBTaskResult.objects.ready().exists()


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "tasks": _tasks,
}


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # robust: any failure of a dependency is "not ready", logged
            log.exception("Health check %s failed.", name)
            failed.append(name)
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok", "checked": list(CHECKS)})
