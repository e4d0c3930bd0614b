"""Who the workspace is for (people in the Authors group), and how everyone else, and every
refusal of the workflow, is answered: with a page that says why and where to go."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from editorial import messages, policy, workflow
from editorial.errors import NotFound, WorkflowError

View = Callable[..., HttpResponse]

NOT_AN_AUTHOR = "The workspace is for authors."


def author_view(view: View) -> View:
    """Signed-in authors only: anyone else signs in first, or is told where their work is."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and policy.needs_second_factor(user) and not policy.verified(user):
            # A session from before a role that needs the second factor: sign in again.
            logout(request)
        if not request.user.is_authenticated:
            from .reviewer_access import link_in_session, link_only

            link = link_in_session(request)
            if link is not None:  # came in by a reviewer's link: that review and nothing else
                return link_only(request, link)
            return redirect_to_login(request.get_full_path(), reverse("workspace:sign_in"))
        if not policy.is_author(request.user):
            return not_for_you(request)
        return view(request, *args, **kwargs)

    return wrapper


def not_for_you(request: HttpRequest, title: str = NOT_AN_AUTHOR) -> HttpResponse:
    """Editors, the board and superusers work in the admin; reviewers in their own pages."""
    user = request.user
    staff = policy.can_oversee(user)
    reviewer = policy.is_reviewer(user) and hasattr(user, "reviewer")
    profile = policy.may_have_public_profile(user)
    return render(
        request,
        "workspace/not_for_you.html",
        {"title": title, "staff": staff, "reviewer": reviewer, "profile": profile},
        status=403,
    )


def refused(request: HttpRequest, error: WorkflowError) -> HttpResponse:
    """The workflow's refusal with its status (404, 403, 409) and words."""
    title = {404: "Not found", 403: "Not yours to do", 409: "Not possible now"}.get(
        error.status, "Not possible"
    )
    return render(
        request,
        "workspace/refused.html",
        {"title": title, "message": error.message, "status": error.status},
        status=error.status,
    )


def check(act: str, request: HttpRequest, obj: Any) -> HttpResponse | None:
    """The registry's refusal for this action, rendered; None when the person may go ahead.
    The same order as every service: not visible (404), not theirs (403), wrong state (409)."""
    problem = workflow.refusal(act, request.user, obj)
    return refused(request, problem) if problem is not None else None


def not_found(request: HttpRequest) -> HttpResponse:
    return refused(request, NotFound(messages.NOT_VISIBLE))
