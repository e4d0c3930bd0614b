"""The API's exception handler: the workflow's refusals added to the one error shape."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response

from config.api import errors as api_errors

from ..errors import InvalidTransition, WorkflowError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: each refusal with its own status (the admin
    answers the same ones with the same statuses)."""
    if isinstance(exc, WorkflowError):
        code = exc.status
        allowed = exc.allowed if isinstance(exc, InvalidTransition) else None
        body = api_errors.error_body(exc.code, exc.message, exc.fields, allowed)
        return Response(body, status=code)
    return api_errors.exception_handler(exc, context)
