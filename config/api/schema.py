"""What the OpenAPI document says: the one error shape, and the rules every endpoint shares.

The document is generated from the code (drf-spectacular); `AutoSchema` adds what the
generator cannot see: which requests are refused for unknown fields, what a read-only text
field with choices returns when it is empty, single-line text as a pattern that says what
it accepts, and the refusals every operation may answer. `nullable_references` makes a
nullable object or enum one that OpenAPI 3.0 validators accept null for.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from .fields import StrictFieldsMixin


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
    """Every answer that is not a success. An address or a method the document does not
    list answers 404 or 405 (with an Allow header) in this shape too."""

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
    503: "Unavailable for a moment: the database did not answer in time, or requests cannot be "
    "counted right now; try again shortly (see Retry-After where given).",
}

READ_ERRORS = (401, 404, 429)
WRITE_ERRORS = (400, 401, 403, 404, 409, 413, 415, 429)
WRITES = {"POST", "PUT", "PATCH", "DELETE"}

STRICT_INPUT = (
    "Fields not listed here are refused (400, naming each one), so a misspelt field is "
    "reported instead of being ignored."
)


def error_response(code: int) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code])


def with_errors(ok: dict[int, Any], codes: tuple[int, ...] = WRITE_ERRORS) -> dict[int, Any]:
    responses: dict[int, Any] = dict(ok)
    for code in codes:
        responses[code] = error_response(code)
    return responses


def _own_doc(cls: type) -> str:
    """A class's own docstring: a serializer without one is not described by its base's."""
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if doc else ""


def _ecma(pattern: str) -> str:
    # As drf-spectacular writes a regex for the document.
    pattern = pattern.encode("ascii", "backslashreplace").decode().replace(r"\x", r"\u00")
    return pattern.replace(r"\Z", "$").replace(r"\A", "^")


def _model_field(field: serializers.Field) -> models.Field | None:
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    if model is None or not isinstance(field.source, str) or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except Exception:
        return None


class AutoSchema(openapi.AutoSchema):
    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        schema = super()._map_basic_serializer(serializer, direction)
        instance = openapi.force_instance(serializer)
        description = openapi.get_override(instance, "description", _own_doc(type(instance)))
        if isinstance(instance, StrictFieldsMixin) and direction == "request":
            schema["additionalProperties"] = False
            description = f"{description}\n\n{STRICT_INPUT}".strip()
        schema.pop("description", None)
        return {"type": schema.pop("type"), **({"description": description} if description else {}),
                **schema}  # fmt: skip

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> Any:
        if (
            isinstance(field, serializers.ChoiceField)
            and field.read_only
            and not field.allow_blank
            and getattr(_model_field(field), "blank", False)
        ):
            # A read-only field loses the model's blank=True, but it still returns "".
            field = copy.copy(field)
            field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _insert_field_validators(self, field: Any, schema: dict[str, Any]) -> None:
        super()._insert_field_validators(field, schema)
        alternatives = schema.get("oneOf", ())
        if alternatives and alternatives[-1] == {"type": "string", "maxLength": 0}:
            # "" or a value of the format: "" may satisfy the format too (a blank URL), so
            # one of them suffices, not exactly one.
            schema["anyOf"] = schema.pop("oneOf")
        for validator in field.validators:
            if isinstance(validator, RegexValidator) and validator.inverse_match:
                refused = _ecma(validator.regex.pattern)
                for part in (schema, *schema.get("anyOf", ())):
                    if part.get("pattern") == refused:
                        part["pattern"] = rf"^(?![\s\S]*(?:{refused}))"

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code in self._refusals():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    error_response(code), str(code), direction=direction
                )
        return dict(sorted(responses.items()))

    def _refusals(self) -> set[int]:
        """What any operation of this kind may answer: malformed input (a NUL in a query, a
        bad filter), no such object or page, too many requests, and (any of them) the
        database not answering in time."""
        codes = {400, 404, 503}
        if self.view.get_throttles():
            codes.add(429)
        if {} not in (self.get_auth() or [{}]):
            codes |= {401, 403}
        if self.method in WRITES:
            codes |= {409, 413, 415}
        return codes


NULL = {"enum": [None]}


def nullable_references(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """POSTPROCESSING_HOOKS: in OpenAPI 3.0, `nullable` only counts beside a `type`, so a
    nullable reference (`allOf: [$ref]`) or alternative (`oneOf`) gains a null branch."""

    def visit(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        if node.get("nullable") is True and "type" not in node:
            node.pop("nullable")
            if "allOf" in node and len(node["allOf"]) == 1:
                node["oneOf"] = [node.pop("allOf")[0], NULL]
            elif "oneOf" in node or "anyOf" in node:
                branches = node.get("oneOf", node.get("anyOf"))
                if not any(b == NULL or b.get("$ref", "").endswith("/NullEnum") for b in branches):
                    branches.append(NULL)
        for value in node.values():
            visit(value)

    visit(result)
    return result
