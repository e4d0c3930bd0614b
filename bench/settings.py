"""Benchmark settings: production's, served over plain HTTP on 127.0.0.1, with the
bench-only bare views mounted beside the real URLs."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-anything-else")
os.environ.setdefault("AUDIT_KEY", "bench-only-audit-key-not-for-anything-else")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
SECURE_PROXY_SSL_HEADER = None
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
SITE_URL = "http://127.0.0.1"
# SQLite as a read-mostly server database: memory-mapped reads (WAL is set on the file
# by bench.public), so a lookup costs no read() or lock syscalls.
DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA mmap_size=1073741824"  # noqa: F405
