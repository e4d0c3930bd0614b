"""A reviewer's link: opening it lets the visitor into that one assignment (no password);
a link that is used up, expired or revoked says which, and offers to ask for a new one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from editorial import services
from editorial.errors import RuleViolation
from editorial.services import reviewer_links
from reviewers.models import AssignmentState

from ..reviewer_access import LINK_SESSION, link_closed

NOT_A_LINK = "This link is not one of ours"


def _not_a_link(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/link_unknown.html", {"title": NOT_A_LINK}, status=404)


@require_GET
def link_open(request: HttpRequest, token: str) -> HttpResponse:
    opened = services.reviewer_link_open(token=token)
    if opened is None:
        return _not_a_link(request)
    link = opened.link
    if opened.closed is not None:
        request.session.pop(LINK_SESSION, None)
        return link_closed(request, link, opened.closed, token=token)
    if not request.user.is_authenticated:
        # A new session for the link's visitor, remembering that link and nothing else.
        request.session.cycle_key()
        request.session[LINK_SESSION] = link.pk
    assignment = link.assignment
    name = (
        "workspace:review_invitation"
        if assignment.state == AssignmentState.INVITED
        else "workspace:review"
    )
    return HttpResponseRedirect(reverse(name, args=[assignment.pk]))


@require_POST
def link_ask_new(request: HttpRequest, token: str) -> HttpResponse:
    """One click: the editors are asked, by e-mail, to send a new link."""
    link = reviewer_links.find(token)
    if link is None:
        return _not_a_link(request)
    why = reviewer_links.why_closed(link)
    if why is None:
        return HttpResponseRedirect(reverse("workspace:link", args=[token]))
    try:
        services.reviewer_link_ask_new(link=link)
    except RuleViolation as error:
        messages.info(request, error.message)
    else:
        messages.success(
            request, "The editors have been asked to send you a new link; it will come by e-mail."
        )
    response = link_closed(request, link, why, token=token)
    response.status_code = 200
    return response
