"""A JSON parser that reads at most API_MAX_BODY_BYTES and never lets odd input become a 500."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from .errors import PayloadTooLarge


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


class BoundedJSONParser(JSONParser):
    """DRF reads the request stream directly, bypassing Django's DATA_UPLOAD_MAX_MEMORY_SIZE,
    so the cap is applied here while reading."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise PayloadTooLarge(
                f"The request body is larger than the limit of {limit // 1024} KB."
            )
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(f"The request body is not valid {encoding} text.") from exc
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError as exc:
            raise ParseError("The JSON in the request body is nested too deeply.") from exc
        except ValueError as exc:
            raise ParseError(f"The request body is not valid JSON: {exc}.") from exc
        if _holds_nul(data):
            raise ParseError("Text in the request body may not contain NUL characters.")
        return data


def _holds_nul(data: Any) -> bool:
    """True if any key or string anywhere in the document holds a NUL character, which
    PostgreSQL cannot store or compare (it would fail a lookup with a server error)."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False
