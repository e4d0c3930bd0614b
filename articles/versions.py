"""The version of what produces a stored rendering: its templates, the renderer's code and
the settings it shows.

Each PublicSnapshot records the version that built it. A rendering whose version is not the
running one is stale: still served (sealed, and correct as approved), but presented as an
older deployment did; `rebuild_public` rebuilds the stale ones. Computed once per process
(again when a test changes a setting).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
import json
import sys
from importlib import metadata

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template
from django.utils.crypto import salted_hmac

# Every template a stored rendering is made from, includes and base included.
TEMPLATES = (
    "articles/base.html",
    "articles/article_detail.html",
    "articles/_article.html",
    "articles/_audience.html",
    "articles/_list_entry.html",
    "articles/retracted.html",
)
# The code that turns a revision into stored bytes.
MODULES = (
    "articles.renderings",
    "articles.audiences",
    "articles.publication",
    "articles.snapshot_batch",
    "articles.content",
    "articles.markdown",
    "articles.overdue",
    "articles.seals",
    "articles.schema_org",
    "articles.templatetags.site_html",
    "articles.versions",
)
# What turns approved Markdown into the body's HTML: its code, and the parser's, the
# sanitiser's and Python's releases (whose regular expressions and escaping it uses).
BODY_MODULES = ("articles.markdown", "articles.content")
BODY_PACKAGES = ("markdown-it-py", "mdurl", "nh3")
SETTINGS = ("SITE_URL", "PUBLISHER", "TIME_ZONE", "LANGUAGE_CODE")
EDITORIAL_SETTINGS = (
    "DISCLAIMER",
    "DRAFTING_DISCLOSURE",
    "SHOW_OVERDUE_NOTICE",
    "REREVIEW_MONTHS",
)


def _template_source(name: str) -> str:
    origin = get_template(name).origin
    with open(origin.name, encoding="utf-8") as source:
        return f"{name}\x00{origin.name}\x00{source.read()}"


def _shown_settings() -> str:
    shown = {name: getattr(settings, name, None) for name in SETTINGS}
    shown["EDITORIAL"] = {name: settings.EDITORIAL.get(name) for name in EDITORIAL_SETTINGS}
    return json.dumps(shown, sort_keys=True, default=str)


@functools.cache
def body_renderer() -> str:
    """The version of the body's renderer: 32 hex digits. A body rendered under it renders
    to the same bytes again from the same approved content."""
    python = "{}.{}".format(*sys.version_info[:2])
    digest = hashlib.sha256(f"python=={python}".encode() + b"\x00")
    for name in BODY_MODULES:
        digest.update(inspect.getsource(importlib.import_module(name)).encode() + b"\x00")
    for package in BODY_PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}".encode() + b"\x00")
    return digest.hexdigest()[:32]


@functools.cache
def current() -> str:
    """The running renderer's version: 32 hex digits."""
    digest = hashlib.sha256()
    for name in TEMPLATES:
        digest.update(_template_source(name).encode() + b"\x00")
    for name in MODULES:
        digest.update(inspect.getsource(importlib.import_module(name)).encode() + b"\x00")
    digest.update(body_renderer().encode())
    digest.update(_shown_settings().encode())
    # The seals are keyed: a new SECRET_KEY makes every rendering stale (re-sealed by the
    # rebuild), without the key itself going anywhere near the hash.
    digest.update(salted_hmac("imprimatur.renderer-version", "", algorithm="sha256").digest())
    return digest.hexdigest()[:32]


@receiver(setting_changed)
def _forget(**kwargs: object) -> None:
    current.cache_clear()
    body_renderer.cache_clear()
