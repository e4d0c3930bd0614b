"""The 403 pages people see: in the office's frame under /admin/, in the public look
elsewhere, each saying why (the policy's reason, when the refusal carries one) and where to
go. Under /api/ the answer stays the API's JSON (config.api.errors.handler403)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from articles.public.http import PAGE_CSP

ADMIN_PREFIX = "/admin/"
GENERIC_REASON = "Your account's role does not include this page or this action."


def reason_of(exception: Exception | None) -> str:
    message = str(exception or "").strip()
    # Django's CSRF and its own permission checks raise without a message worth showing.
    return message if message and message != "403 Forbidden" else GENERIC_REASON


def _back(request: HttpRequest) -> str | None:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = reason_of(exception)
    if request.path.startswith(ADMIN_PREFIX):
        context = {
            **admin.site.each_context(request),
            "title": "You may not do that",
            "reason": reason,
            "back": _back(request),
        }
        return render(request, "admin/editorial/forbidden.html", context, status=403)
    response = render(request, "403.html", {"reason": reason}, status=403)
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response
