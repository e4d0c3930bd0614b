"""The API's exception handler: the workflow's refusals added to the one error shape."""

from __future__ import annotations

from typing import Any

from rest_framework import status
from rest_framework.response import Response

from config.api import errors as api_errors

from ..errors import ConcurrentChange, InvalidTransition, NotPermitted, RuleViolation, WorkflowError

WORKFLOW_STATUS = {
    InvalidTransition: status.HTTP_409_CONFLICT,
    ConcurrentChange: status.HTTP_409_CONFLICT,
    NotPermitted: status.HTTP_403_FORBIDDEN,
    RuleViolation: status.HTTP_400_BAD_REQUEST,
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]. Invisible objects never reach a service (the
    selectors answer 404 first), so NotPermitted is always about a visible object: 403."""
    if isinstance(exc, WorkflowError):
        code = WORKFLOW_STATUS.get(type(exc), status.HTTP_400_BAD_REQUEST)
        allowed = exc.allowed if isinstance(exc, InvalidTransition) else None
        body = api_errors.error_body(exc.code, exc.message, exc.fields, allowed)
        return Response(body, status=code)
    return api_errors.exception_handler(exc, context)
