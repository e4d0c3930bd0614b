"""Every API answer the suite receives, checked against the OpenAPI document.

The test clients (Django's and DRF's, which is built on it) are wrapped for the whole session:
each response to /api/v1/... must be one the document describes for its operation (status,
content type, body), and a request the document calls invalid must have been refused. The
document is generated once, from the code as it is, so a field added to a serializer is
checked from then on without anything to update here.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test.client import Client, FakePayload
from drf_spectacular.generators import SchemaGenerator
from jsonschema_path import SchemaPath
from openapi_core.contrib.django import DjangoOpenAPIResponse
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.validation.request.exceptions import MissingRequestBody
from openapi_core.validation.request.validators import (
    V30RequestBodyValidator,
    V30RequestParametersValidator,
)
from openapi_core.validation.response.validators import V30ResponseValidator
from openapi_schema_validator import OAS30ReadValidator
from werkzeug.datastructures import Headers, ImmutableMultiDict

API = "/api/v1/"
# The document's own addresses are not part of what it describes.
NOT_DESCRIBED = ("/api/v1/schema/", "/api/v1/docs/")
# What an address or a method the document does not list may answer.
UNLISTED_STATUSES = {404, 405}


class ContractBroken(AssertionError):
    """An API answer the OpenAPI document does not describe."""


class Call:
    """A request as the test client sent it, in the form openapi-core reads."""

    path_pattern = None

    def __init__(self, response: HttpResponse, body: bytes) -> None:
        request = response.wsgi_request
        self.method = request.method.lower()
        self.path = request.path
        self.host_url = request._current_scheme_host
        self.body = body
        self.content_type = request.META.get("CONTENT_TYPE", "")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict([(k, v) for k, vs in request.GET.lists() for v in vs]),
            header=Headers(request.headers.items()),
            cookie=ImmutableMultiDict(dict(request.COOKIES)),
        )


@dataclass
class Contract:
    """The generated document and its validators, built at the first API answer."""

    urlconf: str
    validated: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    @cached_property
    def document(self) -> dict[str, Any]:
        return SchemaGenerator(urlconf=self.urlconf).get_schema(request=None, public=True)

    @cached_property
    def spec(self) -> SchemaPath:
        return SchemaPath.from_dict(self.document)

    @cached_property
    def responses(self) -> V30ResponseValidator:
        return V30ResponseValidator(self.spec)

    @cached_property
    def request_checks(self) -> tuple[Any, ...]:
        # Not the security requirements: the suite signs in with force_authenticate too.
        return (V30RequestParametersValidator(self.spec), V30RequestBodyValidator(self.spec))

    @cached_property
    def error_shape(self) -> OAS30ReadValidator:
        error = {"$ref": "#/components/schemas/Error", "components": self.document["components"]}
        return OAS30ReadValidator(error)

    def check(self, response: HttpResponse, body: bytes) -> None:
        response = _decoded(response)
        call = Call(response, body)
        answer = DjangoOpenAPIResponse(response)
        where = f"{call.method.upper()} {call.path} answered {answer.status_code}"
        try:
            self.responses.path_finder.find(call.method, call.host_url + call.path)
        except PathError:
            self._check_unlisted(where, answer)
        else:
            for error in self.responses.iter_errors(call, answer):
                raise ContractBroken(f"{where}, which the OpenAPI document does not describe: "
                                     f"{_explain(error)}\n{_excerpt(answer.data)}")  # fmt: skip
            self._check_request(where, call, answer.status_code)
        self.validated += 1
        self.statuses[answer.status_code] = self.statuses.get(answer.status_code, 0) + 1

    def _check_unlisted(self, where: str, answer: DjangoOpenAPIResponse) -> None:
        """An address or method the document does not list can only be refused, in the one
        error shape."""
        if answer.status_code not in UNLISTED_STATUSES:
            raise ContractBroken(f"{where}: the OpenAPI document has no such operation.")
        errors = list(self.error_shape.iter_errors(json.loads(answer.data)))
        if errors:
            raise ContractBroken(f"{where} outside the error shape: {errors[0].message}")

    def _check_request(self, where: str, call: Call, status: int) -> None:
        if status >= 400:
            return
        for validator in self.request_checks:
            for error in validator.iter_errors(call):
                if isinstance(error, MissingRequestBody):
                    continue  # an optional body, not sent
                raise ContractBroken(
                    f"{where}, yet the OpenAPI document says the request is invalid: "
                    f"{_explain(error)}"
                )


def _decoded(response: HttpResponse) -> HttpResponse:
    """A gzip answer as the client reads it once decompressed: the document describes that."""
    if response.get("Content-Encoding") != "gzip" or not response.content:
        return response
    plain = HttpResponse(gzip.decompress(response.content), status=response.status_code)
    for name, value in response.headers.items():
        if name.lower() not in ("content-encoding", "content-length"):
            plain.headers[name] = value
    plain.wsgi_request = response.wsgi_request
    return plain


def _explain(error: BaseException) -> str:
    """What failed and where, from openapi-core's error and the schema errors under it."""
    found = [f"{type(error).__name__}: {str(error)[:200]}"]
    seen: BaseException | None = error
    while seen is not None:
        for schema_error in getattr(seen, "schema_errors", ()):
            found.extend(_schema_error_lines(schema_error))
        seen = seen.__cause__ or seen.__context__
    return "\n  ".join(found)


def _schema_error_lines(error: Any, depth: int = 0) -> list[str]:
    where = "/".join(map(str, error.absolute_path)) or "(body)"
    lines = [f"{'  ' * depth}at {where}: {error.message[:300]}"]
    for sub in error.context or ():
        lines.extend(_schema_error_lines(sub, depth + 1))
    return lines


def _excerpt(data: bytes, limit: int = 600) -> str:
    text = data.decode("utf-8", "replace")
    return text if len(text) <= limit else text[:limit] + "…"


def _is_described(path: str) -> bool:
    return path.startswith(API) and not path.startswith(NOT_DESCRIBED)


def _read_body(environ: dict[str, Any]) -> bytes:
    """The body the client is about to send, put back so the view still reads it."""
    payload = environ.get("wsgi.input")
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if not isinstance(payload, FakePayload) or not length:
        return b""
    body = payload.read(length)
    environ["wsgi.input"] = FakePayload(body)
    return body


CONTRACT: Contract | None = None


@pytest.fixture(autouse=True, scope="session")
def _api_answers_match_the_openapi_document() -> Iterator[None]:
    global CONTRACT
    CONTRACT = contract = Contract(urlconf=settings.ROOT_URLCONF)
    send = Client.request

    def request(self: Client, **environ: Any) -> HttpResponse:
        body = _read_body(environ)
        response = send(self, **environ)
        path = response.wsgi_request.path if hasattr(response, "wsgi_request") else ""
        # A test that swaps the URLs (@pytest.mark.urls) is not talking to this API.
        if _is_described(path) and contract.urlconf == settings.ROOT_URLCONF:
            contract.check(response, body)
        return response

    Client.request = request
    yield
    Client.request = send


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if CONTRACT is None or not CONTRACT.validated:
        return
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(CONTRACT.statuses.items()))
    terminalreporter.write_line(
        f"OpenAPI: {CONTRACT.validated} API responses matched the document ({statuses})."
    )
