"""Production settings pass Django's deployment checklist, and refuse to start with DEBUG on
or a SECRET_KEY short enough to guess. Each case runs in a fresh interpreter, as a server
would start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

GOOD_KEY = "k3y-" + "Zq8vR2mXw7Lp4Tn9" * 4  # 68 characters, many distinct
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "imprimatur.example.org",
    "DATABASE_URL": "postgres://imprimatur@db.example.org:5432/imprimatur",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "AUDIT_KEY": "a" * 20 + "b" * 20,
    "SITE_URL": "https://imprimatur.example.org",
}


def manage(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    # Only what a server would be given: none of the test run's own settings.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update(PRODUCTION_ENV, **overrides)
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("debug", ["true", "1", "on"])
def test_production_refuses_debug(debug):
    result = manage("check", DEBUG=debug)

    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG must be off in production" in result.stderr


@pytest.mark.parametrize(
    "key", ["short-but-random-Zq8vR2mXw7Lp4Tn9", "a" * 60, "django-insecure-" + "x1y2z3" * 8]
)
def test_production_refuses_a_secret_key_that_could_be_guessed(key):
    result = manage("check", SECRET_KEY=key)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be at least 50 random characters" in (
        result.stderr
    )


def _manage_unset(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update({k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SETTINGS_MODULE"})
    env.update(overrides)
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_manage_py_runs_with_the_production_settings_unless_told_otherwise():
    shown = _manage_unset("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "False"

    # The README's old cron line on a server with DEBUG=true left in its environment.
    refused = _manage_unset("publish_due", DEBUG="true")
    assert refused.returncode == 1
    assert "DEBUG must be off in production" in refused.stderr
    assert "DJANGO_SETTINGS_MODULE=config.settings.local" in refused.stderr
    assert "Traceback" not in refused.stderr


SERVE_STATIC = """
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
client = Client(HTTP_HOST="imprimatur.example.org")
hashed = staticfiles_storage.url("admin/css/base.css")
plain = client.get("/static/admin/css/base.css", secure=True)
fresh = client.get(hashed, secure=True, HTTP_ACCEPT_ENCODING="gzip, br")
bundle = "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
docs = client.get(staticfiles_storage.url(bundle), secure=True)
print(hashed)
print(plain.status_code, plain["Content-Type"])
print(fresh.status_code, fresh["Content-Encoding"], fresh["Cache-Control"])
print(docs.status_code)
"""


def test_production_serves_the_collected_static_files(tmp_path):
    """The documented steps: collectstatic, then the app (WhiteNoise) serves the admin's CSS
    under content-hashed names, compressed, cached for a long time."""
    root = str(tmp_path / "static")
    collected = manage("collectstatic", "--noinput", "-v", "0", STATIC_ROOT=root)
    assert collected.returncode == 0, collected.stderr

    served = manage("shell", "-c", SERVE_STATIC, STATIC_ROOT=root)

    assert served.returncode == 0, served.stderr
    hashed, plain, fresh, docs = served.stdout.strip().splitlines()[-4:]
    assert hashed.startswith("/static/admin/css/base.")
    assert hashed != "/static/admin/css/base.css"
    assert plain == '200 text/css; charset="utf-8"'
    status, encoding, cache_control = fresh.split(" ", 2)
    assert status == "200"
    assert encoding in ("br", "gzip")
    assert "immutable" in cache_control
    assert docs == "200"


@pytest.mark.parametrize("url", ["", "imprimatur.example.org"])
def test_production_refuses_to_start_without_site_url(url):
    result = manage("check", SITE_URL=url)

    assert result.returncode != 0
    assert "SITE_URL must be set in production" in result.stderr


def test_manage_py_without_any_configuration_says_what_to_do_not_a_traceback():
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    refused = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "makemigrations", "--check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off" in refused.stderr
    assert "DJANGO_SETTINGS_MODULE=config.settings.local" in refused.stderr
    assert "Traceback" not in refused.stderr
