"""Keyed digests of the stored public renderings.

Each column the public is served from a PublicSnapshot row is sealed when the row is
written: an HMAC-SHA256, under a key derived from SECRET_KEY (which lives in the
environment, never in the database), over the article's slug, the row's state, the
column's name and its bytes. The public views check the seal every time they serve the
column, so a rendering edited in the database (or moved to another slug, or turned from
a retraction notice into a published page) is never served: it answers 404 and the
error log names the article. Keys listed in SECRET_KEY_FALLBACKS are accepted while a
key is being rotated; `rebuild_public` then re-seals everything under the new key.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import logging
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

SALT = "imprimatur.public-rendering"
# What the listing, the feed and the sitemap show of a row, sealed as one value.
LISTING = "listing"
SEALED_COLUMNS = (
    "detail_json",
    "page_html",
    "audience_html",
    "list_entry_json",
    "list_entry_html",
    LISTING,
    "detail_json_gz",
    "page_html_gz",
)
# The gzip copies of the page and the JSON are sealed as the digest of their bytes together
# with the row's ETag: checking one costs a hash of the (small) compressed bytes, and the
# ETag, which carries the review date the overdue notice rests on, cannot be changed under
# a copy that is served as it is.
COMPRESSED_COLUMNS = ("detail_json_gz", "page_html_gz")


def compressed_value(etag: str, data: bytes) -> str:
    return f"{etag}\x00{hashlib.sha256(data).hexdigest()}"


def _message(slug: str, state: str, column: str, value: str | bytes) -> bytes:
    """What is sealed, as bytes: a value read as bytes (as the public views read the page and
    the JSON) is sealed as the same bytes its text encodes to."""
    # NUL never occurs in a slug, a state or a column name, so the parts cannot run together.
    if isinstance(value, bytes):
        return f"{slug}\x00{state}\x00{column}\x00".encode() + value
    return f"{slug}\x00{state}\x00{column}\x00{value}".encode()


@functools.lru_cache(maxsize=8)
def _key(secret: str) -> bytes:
    """The HMAC key derived from `secret` as Django's salted_hmac derives it (SHA-256 of
    the salt and the secret), derived once: serving a row then costs one HMAC, computed by
    OpenSSL in a single call."""
    return hashlib.sha256((SALT + secret).encode()).digest()


def _digest(message: bytes, secret: str) -> str:
    return hmac.digest(_key(secret), message, "sha256").hex()


@functools.lru_cache(maxsize=4096)
def _stored_seals(seals: str) -> Mapping[str, object]:
    """A row's seals as stored, parsed once per distinct value (a pure function of the text,
    so a changed row is parsed afresh)."""
    try:
        parsed = json.loads(seals) if seals else {}
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


NOTICE = "notice"
# A published row's body HTML is sealed too, with the version of the renderer that made it and
# the content hash it renders, though it is served only inside the page and the JSON: a
# rebuild that finds the seal intact under the running renderer takes the body as it is, since
# rendering the approved Markdown again would give the same bytes.
BODY = "body"


def body_value(renderer: str, content_hash: str, body_html: str) -> str:
    return f"{renderer}\x00{content_hash}\x00{body_html}"


def notice_value(at: str, title: str, note: str) -> str:
    return json.dumps([at, title, note], ensure_ascii=False)


def listing_value(title: str, summary: str) -> str:
    return json.dumps([title, summary], ensure_ascii=False)


# A public profile page (sealed as one value under the state "profile") and each credit that
# lists an article on it (under the credit's role, bound to the article's slug).
PROFILE = "profile"
CREDIT = "credit"


def profile_value(*parts: str) -> str:
    return json.dumps(list(parts), ensure_ascii=False)


def seal(slug: str, state: str, values: Mapping[str, str]) -> str:
    """The seals of a row's served columns (and of its body, when `values` has one), as
    stored in PublicSnapshot.seals."""
    sealed = {
        column: _digest(_message(slug, state, column, values.get(column, "")), settings.SECRET_KEY)
        for column in SEALED_COLUMNS
    }
    if BODY in values:
        sealed[BODY] = _digest(_message(slug, state, BODY, values[BODY]), settings.SECRET_KEY)
    return json.dumps(sealed, separators=(",", ":"))


def body_intact(slug: str, state: str, seals: str, value: str) -> bool:
    """Whether the row's body seal is of this value under the running key. Quiet: a seal of
    another renderer's body, or under an earlier key, only means rendering it again."""
    try:
        stored = json.loads(seals).get(BODY) if seals else None
    except (ValueError, AttributeError):
        return False
    message = _message(slug, state, BODY, value)
    return isinstance(stored, str) and hmac.compare_digest(
        stored, _digest(message, settings.SECRET_KEY)
    )


def seal_one(slug: str, state: str, column: str, value: str) -> str:
    """The seal of one value (a row of the public record of changes)."""
    return _digest(_message(slug, state, column, value), settings.SECRET_KEY)


# Values this process has found intact, by (slug, state, column, seal): a pure function's
# answers remembered. A value read again equal to one already checked against the same seal
# needs no second HMAC, only a comparison of bytes; any other value (an edit in the database,
# a new rendering, another seal) is checked afresh. Bounded: the oldest go first.
VERIFIED_LIMIT = 256
_verified: dict[tuple[str, str, str, str], str | bytes] = {}


def remember(memo: dict, key: object, value: object, limit: int) -> None:
    """Keep `value` under `key` in a memo of at most `limit` entries, the oldest out first."""
    memo.pop(key, None)
    if len(memo) >= limit:
        with contextlib.suppress(StopIteration, RuntimeError, KeyError):
            del memo[next(iter(memo))]
    memo[key] = value


def _remember(key: tuple[str, str, str, str], value: str | bytes) -> None:
    remember(_verified, key, value, VERIFIED_LIMIT)


@receiver(setting_changed)
def _forget_verified(setting: str, **kwargs: object) -> None:
    """A different key makes different seals: what was checked under the old one must be
    checked again (tests change the key; a deployment restarts with a new one)."""
    if setting in ("SECRET_KEY", "SECRET_KEY_FALLBACKS"):
        forget_verified()


def forget_verified() -> None:
    _verified.clear()


def intact(slug: str, state: str, seals: str, column: str, value: str | bytes) -> bool:
    """Whether this column of this row is exactly what was rendered; logs when it is not."""
    stored = _stored_seals(seals).get(column, "")
    if not isinstance(stored, str):
        return intact_one(slug, state, stored, column, value)
    key = (slug, state, column, stored)
    if _verified.get(key) == value:
        return True
    if intact_one(slug, state, stored, column, value):
        _remember(key, value)
        return True
    return False


def seal_marker(column: str) -> str:
    """What precedes a column's seal in the seals as `seal` writes them."""
    return f'"{column}":"'


def seal_text(seals: str, column: str) -> str:
    """The 64 characters after the column's marker in a row's seals (after the marker's
    length less one when there is none), as the listing's SQL finds them: a digest of the
    column's seal that tells whether it changed, not a check of it."""
    marker = seal_marker(column)
    start = seals.find(marker) + len(marker)
    return seals[start : start + 64]


def seals_of(seals: str, columns: Sequence[str]) -> tuple[object, ...]:
    """The stored seals of these columns in a row's seals, as stored (None where missing)."""
    stored = _stored_seals(seals)
    return tuple(stored.get(column) for column in columns)


def intact_one(slug: str, state: str, stored: object, column: str, value: str | bytes) -> bool:
    """Whether a value is exactly what was sealed as `stored`; logs when it is not."""
    if isinstance(stored, str) and stored:
        message = _message(slug, state, column, value)
        for secret in _secrets():
            if hmac.compare_digest(stored, _digest(message, secret)):
                return True
    logger.error(
        "Not served: the stored public %s of %r does not match its seal. It was changed "
        "outside the application; run rebuild_public and investigate.",
        column,
        slug,
    )
    return False


def intact_rows(rows: Iterable[tuple[str, str, str]], state: str, column: str) -> list[str]:
    """The values of (value, slug, seals) rows whose seal matches, in order; the others are
    left out and logged. The listing's path, with no per-row setup."""
    key = _key(settings.SECRET_KEY)
    kept = []
    for value, slug, stored_seals in rows:
        stored = _stored_seals(stored_seals).get(column, "")
        if isinstance(stored, str):
            checked = (slug, state, column, stored)
            if _verified.get(checked) == value:
                kept.append(value)
                continue
            digest = hmac.digest(key, _message(slug, state, column, value), "sha256")
            if hmac.compare_digest(stored, digest.hex()):
                _remember(checked, value)
                kept.append(value)
                continue
        if intact_one(slug, state, stored, column, value):
            kept.append(value)
    return kept


def _secrets() -> Iterable[str]:
    yield settings.SECRET_KEY
    yield from getattr(settings, "SECRET_KEY_FALLBACKS", ())
