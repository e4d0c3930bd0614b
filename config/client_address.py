"""The client's address, for the sign-in lockout (django-axes) and the API's throttles.

Behind TRUSTED_PROXY_COUNT reverse proxies, each appending the address it was connected from
to X-Forwarded-For, the client's address is the entry that the outermost trusted proxy wrote:
the TRUSTED_PROXY_COUNT-th from the right. Whatever the client wrote itself lies further left
and is never used. With no trusted proxies the header is ignored altogether. This is DRF's
rule for NUM_PROXIES, which settings set to the same number, so both agree on who is asking.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies == 0 or not forwarded:
        return remote
    hops = forwarded.split(",")
    return hops[-min(proxies, len(hops))].strip()
