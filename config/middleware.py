"""Requests the database could not handle are refused at the door, as a 400."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_plus

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

NUL = "\x00"


class RejectNulCharactersMiddleware:
    """PostgreSQL cannot store or compare text holding a NUL character, so a NUL in the
    path or the query string would turn a lookup into a server error; refuse it instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = unquote_plus(request.META.get("QUERY_STRING", ""), errors="replace")
        if NUL in request.path or NUL in query:
            raise BadRequest("NUL characters are not allowed in addresses.")
        return self.get_response(request)
