"""Requests the database could not handle are refused at the door, as a 400; a database that
does not answer in time is a 503; sessions end when idle or old."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_plus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

NUL = "\x00"
# PostgreSQL's query_canceled: statement_timeout ran out (a lock_timeout is a lost race, which
# the services answer as a 409 themselves).
QUERY_CANCELED = "57014"
RETRY_AFTER_SECONDS = 30

log = logging.getLogger(__name__)


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


class SessionTimeoutMiddleware:
    """Sign out a session left idle for SESSION_IDLE_MINUTES, or older than SESSION_MAX_HOURS
    however busy. Django's own expiry cannot do both: SESSION_SAVE_EVERY_REQUEST would give the
    idle limit but slide the absolute one forever and write the session on every request. Here
    the last activity is written at most once a minute, which is also the idle limit's
    resolution. Requests without a session cookie are not touched (no `Vary: Cookie` added)."""

    SIGNED_IN_AT = "imprimatur_signed_in_at"
    LAST_SEEN = "imprimatur_last_seen"
    RESOLUTION = 60
    SIGNED_OUT = "You were signed out after {minutes} minutes without activity; sign in again."
    TOO_OLD = "You were signed out: a sign-in lasts {hours} hours at most; sign in again."

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    @classmethod
    def signed_in(cls, sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
        """user_logged_in: the clock starts at signing in."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.SIGNED_IN_AT] = request.session[cls.LAST_SEEN] = int(time.time())

    def check(self, request: HttpRequest) -> None:
        session, now = request.session, int(time.time())
        started = session.setdefault(self.SIGNED_IN_AT, now)
        last_seen = session.get(self.LAST_SEEN, now)
        if now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
            reason = self.SIGNED_OUT.format(minutes=settings.SESSION_IDLE_MINUTES)
        elif now - started > settings.SESSION_COOKIE_AGE:
            reason = self.TOO_OLD.format(hours=settings.SESSION_COOKIE_AGE // 3600)
        else:
            if now - last_seen >= self.RESOLUTION or self.LAST_SEEN not in session:
                session[self.LAST_SEEN] = now
            return
        logout(request)
        messages.warning(request, reason)


class DatabaseUnavailableMiddleware:
    """A statement cancelled by statement_timeout, or a database that refuses or drops the
    connection, answers 503 with Retry-After: the reader or the editor learns to try again,
    and the worker is free at once. Every other database error stays a server error."""

    API_PREFIX = "/api/"
    DETAIL = "The database did not answer in time; please try again in a moment."

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError) or not unavailable(exception):
            return None
        log.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        if request.path.startswith(self.API_PREFIX):
            # The API's error shape (config.api.errors), written out: that module pulls in
            # DRF, which must not load while the middleware chain is being built.
            body = {"error": {"code": "unavailable", "message": self.DETAIL, "fields": {}}}
            response: HttpResponse = JsonResponse(body, status=503)
        else:
            page = render_to_string("articles/unavailable.html", {"detail": self.DETAIL})
            response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


def unavailable(exc: OperationalError) -> bool:
    """A cancelled statement, or a connection that failed (psycopg gives those no SQLSTATE)."""
    cause = exc.__cause__
    if cause is None or type(cause).__module__.split(".")[0] != "psycopg":
        return False
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate == QUERY_CANCELED or sqlstate is None
