"""Who acts on a reviewer's page: a signed-in reviewer, on their own assignments, or a visitor
who opened a reviewer's link, on that one assignment and nothing else. The link's visitor is
not signed in: the session only remembers which link they opened, and every request checks
that link again (revoked or expired, it stops at once)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from editorial import policy
from editorial.services import reviewer_links
from reviewers.models import ReviewerLink

from .access import View, not_for_you

LINK_SESSION = "workspace_reviewer_link"
LINK_ONLY = "Your link opens one review only"
NOT_A_REVIEWER = "These pages are for reviewers."


@dataclass(frozen=True)
class ReviewerAccess:
    actor: Any  # the reviewer's user: who the services are told acts
    link: ReviewerLink | None = None  # the link they came in by, if not signed in

    def may_open(self, assignment_pk: int) -> bool:
        return self.link is None or self.link.assignment_id == assignment_pk


def link_in_session(request: HttpRequest) -> ReviewerLink | None:
    pk = request.session.get(LINK_SESSION)
    if pk is None:
        return None
    return (
        ReviewerLink.objects.select_related(
            "assignment__reviewer__user", "assignment__revision__article"
        )
        .filter(pk=pk)
        .first()
    )


def link_only(request: HttpRequest, link: ReviewerLink) -> HttpResponse:
    """Anything but the link's own assignment: say so, and offer to sign in."""
    return render(
        request,
        "workspace/link_only.html",
        {"title": LINK_ONLY, "link": link, "next": request.get_full_path()},
        status=403,
    )


def link_closed(request: HttpRequest, link: ReviewerLink, why: str, *, token: str = "") -> Any:
    return render(
        request,
        "workspace/link_closed.html",
        {
            "title": CLOSED_TITLES[why],
            "why": why,
            "link": link,
            "assignment": link.assignment,
            "token": token,
        },
        status=410 if why == reviewer_links.USED_UP else 403,
    )


CLOSED_TITLES = {
    reviewer_links.EXPIRED: "This link has expired",
    reviewer_links.REVOKED: "This link no longer works",
    reviewer_links.USED_UP: "This link has been used up",
}


def reviewer_view(view: View) -> View:
    """A signed-in reviewer, or the visitor of a link still working, on its assignment."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and policy.needs_second_factor(user) and not policy.verified(user):
            logout(request)
        if request.user.is_authenticated:
            if not (policy.is_reviewer(request.user) and hasattr(request.user, "reviewer")):
                return not_for_you(request, NOT_A_REVIEWER)
            request.reviewer_access = ReviewerAccess(actor=request.user)
            return view(request, *args, **kwargs)
        link = link_in_session(request)
        if link is None:
            return redirect_to_login(request.get_full_path(), reverse("workspace:sign_in"))
        if "pk" not in kwargs or kwargs["pk"] != link.assignment_id:
            return link_only(request, link)
        why = reviewer_links.why_closed(link)
        if why in (reviewer_links.EXPIRED, reviewer_links.REVOKED):
            return link_closed(request, link, why)
        request.reviewer_access = ReviewerAccess(actor=link.assignment.reviewer.user, link=link)
        return view(request, *args, **kwargs)

    return wrapper
