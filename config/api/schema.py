"""What the OpenAPI schema says about errors, so clients can rely on the one shape."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable: e.g. invalid_transition.")
    message = serializers.CharField(help_text="What went wrong, in plain words.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='Per-field messages, e.g. {"references[2].title": ["This field is required."]}.',
    )
    allowed = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="On 409 invalid_transition: the transitions the caller may perform now.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


ERROR_TEXT = {
    400: "Invalid input or a broken rule (rule_violation); see fields.",
    401: "Not authenticated: send `Authorization: Token <key>`.",
    403: "You may see this, but not do this.",
    404: "No such object, or one you may not see.",
    409: "The action does not fit the current state (with `allowed`), or a concurrent change.",
    413: "Too large: Markdown over 200 KB, more than 300 references, or an oversized body.",
    415: "Send JSON (Content-Type: application/json).",
    429: "Too many requests; slow down.",
}

READ_ERRORS = (401, 404, 429)
WRITE_ERRORS = (400, 401, 403, 404, 409, 413, 415, 429)


def with_errors(ok: dict[int, Any], codes: tuple[int, ...] = WRITE_ERRORS) -> dict[int, Any]:
    responses: dict[int, Any] = dict(ok)
    for code in codes:
        responses[code] = OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code])
    return responses
