"""Benchmark settings: production's, served over plain HTTP on 127.0.0.1, with the
bench-only bare views mounted beside the real URLs."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-anything-else-7f3c9a1e5b2d8046")
os.environ.setdefault("AUDIT_KEY", "bench-only-audit-key-not-for-anything-else")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("SITE_URL", "http://127.0.0.1")

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
SECURE_PROXY_SSL_HEADER = None
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
SITE_URL = "http://127.0.0.1"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # SQLite as a read-mostly server database: memory-mapped reads (WAL is set on the file
    # by bench.public), so a lookup costs no read() or lock syscalls.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA mmap_size=1073741824"  # noqa: F405
if os.environ.get("BENCH_PLAIN_STATIC"):
    # bench.scale renders admin pages in-process, without a collectstatic manifest.
    STORAGES = {
        **STORAGES,  # noqa: F405
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
