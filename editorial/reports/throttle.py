"""One budget of reports per client address, shared by the form and the JSON endpoint."""

from __future__ import annotations

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from config.api.throttling import FailClosedThrottle

SCOPE = "reader_report"


class ReaderReportThrottle(FailClosedThrottle, SimpleRateThrottle):
    """REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["reader_report"] per client address, signed
    in or not; every attempt counts, accepted or refused. Fails closed (503) when its cache
    does."""

    scope = SCOPE

    def get_rate(self) -> str | None:
        # Read at each request rather than once at import, so a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
