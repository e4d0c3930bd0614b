"""One JSON error shape for every API answer that is not a success.

    {"error": {"code": "...", "message": "...", "fields": {"field": ["..."]}}}

409 answers for a transition that does not fit the state also carry "allowed": the
transitions the caller may perform now (see editorial.api.errors, which adds the workflow's
refusals to this handler).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"

DRF_CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    429: "throttled",
}

MESSAGES = {
    400: "The request is not valid; see the fields for details.",
    404: "Not found.",
    500: "Something went wrong on our side; nothing was changed. Please try again later.",
}


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


def error_body(
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
    allowed: list[str] | None = None,
) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, "fields": fields or {}}
    if allowed is not None:
        error["allowed"] = allowed
    return {"error": error}


def flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error details as {"references[2].title": ["..."]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            if isinstance(key, int):
                name = f"{prefix}[{key}]"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            out.update(flatten(value, name))
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            if detail:
                out[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                out.update(flatten(item, f"{prefix}[{index}]"))
    else:
        out[prefix or "non_field_errors"] = [str(detail)]
    return out


def _validation_response(exc: exceptions.ValidationError) -> Response:
    fields = flatten(exc.detail)
    general = fields.pop("non_field_errors", None)
    if general:
        message = general[0]
    elif fields:
        name, messages = next(iter(fields.items()))
        message = f"{name}: {messages[0]}"
    else:
        message = MESSAGES[400]
    return Response(error_body("invalid", message, fields), status=400)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every DRF refusal in the one shape; anything else is left to become a 500."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        return _validation_response(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = getattr(exc, "detail", "")
    message = str(detail) if not isinstance(detail, dict | list) else MESSAGES[400]
    code = DRF_CODES.get(response.status_code, "error")
    response.data = error_body(code, message)
    return response


# -- Django-level handlers (config/urls.py): JSON under /api/, pages elsewhere ---------------
def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status_code: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status_code)


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # Django reads a body over DATA_UPLOAD_MAX_MEMORY_SIZE as a suspicious request (400);
        # it is a request too large, and the settings promise 413.
        if _is_api(request):
            return _json(413, "too_large", "The request body is larger than this server takes.")
        return HttpResponse("The request is too large.", status=413, content_type="text/plain")
    if _is_api(request):
        return _json(400, "bad_request", "The request could not be understood.")
    from django.views.defaults import bad_request

    return bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json(403, "permission_denied", "You do not have permission to do that.")
    from config.forbidden import forbidden

    return forbidden(request, exception)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json(404, "not_found", MESSAGES[404])
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json(500, "server_error", MESSAGES[500])
    from django.views.defaults import server_error

    return server_error(request)
