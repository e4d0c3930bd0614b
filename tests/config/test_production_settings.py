"""Production settings refuse to start without a real audit key, as they refuse without a
real SECRET_KEY: with a missing, public or short key, whoever can write to the database
could rewrite the audit history undetected."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

GOOD_KEY = "k" * 32
CONFIGURATION = (
    "DEBUG",
    "SECRET_KEY",
    "AUDIT_KEY",
    "AUDIT_KEYS_RETIRED",
    "DJANGO_SETTINGS_MODULE",
    "SITE_URL",
)


def _start(**environment: str) -> subprocess.CompletedProcess:
    """Load config.settings.production in a fresh interpreter with only these variables."""
    env = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "a-production-secret-key-for-this-test-only-0123456789",
            "SITE_URL": "https://imprimatur.example.org",
            **environment,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("environment", "refusal"),
    [
        ({}, "AUDIT_KEY must be set when DEBUG is off"),
        ({"AUDIT_KEY": settings.INSECURE_DEFAULT_AUDIT_KEY}, "AUDIT_KEY must be set"),
        ({"AUDIT_KEY": "k" * 31}, "AUDIT_KEY must be at least 32 characters long"),
    ],
    ids=["missing", "public", "short"],
)
def test_production_refuses_to_start_without_a_real_audit_key(environment, refusal):
    started = _start(**environment)

    assert started.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {refusal}" in started.stderr


def test_production_starts_with_a_key_of_32_characters_and_retired_keys():
    started = _start(AUDIT_KEY=GOOD_KEY, AUDIT_KEYS_RETIRED="old-key-one,old-key-two")

    assert (started.returncode, started.stderr) == (0, "")


def test_debug_and_the_tests_use_the_fixed_public_keys():
    # Local development (manage.py: config.settings.local, DEBUG on) needs no key at all.
    assert _start(DJANGO_SETTINGS_MODULE="config.settings.local", DEBUG="true").returncode == 0
    assert settings.AUDIT_KEY == "test-only-audit-key-not-secret-000000000"
