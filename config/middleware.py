"""Requests the database could not handle are refused at the door, as a 400; sessions end
when idle or old."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_plus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
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
