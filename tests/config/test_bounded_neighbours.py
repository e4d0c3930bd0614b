"""What a slow or absent neighbour may cost: the settings that bound it, read from the
environment as a server starts (each case in a fresh interpreter)."""

from __future__ import annotations

import json
import logging

from tests.web.test_production_settings import manage

SHOW = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['OPTIONS'], "
    "'cache': s.CACHES['default'].get('OPTIONS', {}), 'mail': s.EMAIL_TIMEOUT}))"
)


def shown(**env: str) -> dict:
    result = manage("shell", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_bound_the_database_the_cache_and_the_mail_server():
    settings = shown()
    assert settings["db"]["connect_timeout"] == 5
    assert "-c statement_timeout=15000" in settings["db"]["options"]
    assert "-c lock_timeout=5000" in settings["db"]["options"]
    assert "-c max_parallel_workers_per_gather=0" in settings["db"]["options"]
    assert settings["cache"]["SOCKET_TIMEOUT"] == 1.0
    assert settings["cache"]["SOCKET_CONNECT_TIMEOUT"] == 1.0
    assert settings["mail"] == 10


def test_each_bound_is_settable():
    settings = shown(
        DB_CONNECT_TIMEOUT="2",
        REDIS_TIMEOUT="0.5",
        EMAIL_TIMEOUT="3",
        DB_STATEMENT_TIMEOUT_MS="0",
        DB_PARALLEL_WORKERS="2",
    )
    assert (settings["db"]["connect_timeout"], settings["cache"]["SOCKET_TIMEOUT"]) == (2, 0.5)
    assert "-c statement_timeout=0" in settings["db"]["options"]
    assert "-c max_parallel_workers_per_gather=2" in settings["db"]["options"]
    assert settings["mail"] == 3


def test_log_lines_carry_time_level_and_logger(settings):
    formatter = logging.Formatter(settings.LOGGING["formatters"]["line"]["format"])
    record = logging.LogRecord("editorial.audit", logging.WARNING, __file__, 1, "x", (), None)
    line = formatter.format(record)
    assert " WARNING editorial.audit: x" in line
    assert line[:4].isdigit()
