"""Throttles that stand between the public and a password or an inbox fail closed.

The site's cache ignores Redis errors (the site keeps working without it), and so would a
throttle on it: with Redis gone, password guessing and report flooding would go unchecked
without anyone knowing. These throttles keep their counts in the `throttle` cache, which
raises instead, and turn its failure into a 503 that says to try again, logged as an error.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import caches
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.throttling import ScopedRateThrottle

log = logging.getLogger(__name__)


class ThrottleUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "This cannot be accepted right now; please try again in a few minutes."
    default_code = "throttle_unavailable"


class FailClosedThrottle:
    """Mixed into a DRF throttle: counts in the `throttle` cache; no count, no request."""

    @property
    def cache(self) -> Any:
        return caches["throttle"]

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return super().allow_request(request, view)  # type: ignore[misc]
        except Exception as error:  # robust: whatever the cache raised, refuse and say so
            log.error("Throttle %s refused a request: its cache failed (%r).", self, error)
            raise ThrottleUnavailable from error


class TokenThrottle(FailClosedThrottle, ScopedRateThrottle):
    """Obtaining a token checks a password (scope `token`)."""
