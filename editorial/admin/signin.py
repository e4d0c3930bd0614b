"""Signing in to the admin: the lockout page that django-axes answers with after repeated
failures (AXES_LOCKOUT_CALLABLE), for the admin's sign-in and the API's token endpoint."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .. import messages

LOCKED_OUT_STATUS = 429


def lockout_message() -> str:
    return messages.LOCKED_OUT.format(minutes=cooloff_seconds() // 60)


def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """429 for the cool-off period: in the API's one error shape under /api/, otherwise a
    page in the admin's frame. The same words whether the password was right or wrong."""
    # Imported here: config.api.errors loads DRF, whose settings import it back.
    from config.api.errors import API_PREFIX, error_body

    headers = {"Retry-After": str(cooloff_seconds())}
    if request.path.startswith(API_PREFIX):
        body = error_body("locked_out", lockout_message())
        return JsonResponse(body, status=LOCKED_OUT_STATUS, headers=headers)
    context = {**admin.site.each_context(request), "title": "Sign-in locked"}
    context["message"] = lockout_message()
    response = render(request, "admin/editorial/locked_out.html", context, status=LOCKED_OUT_STATUS)
    response["Retry-After"] = headers["Retry-After"]
    return response
