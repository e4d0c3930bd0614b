"""Template helpers for the editorial admin."""

from __future__ import annotations

from django import template
from django.urls import reverse

from articles.models import RevisionState
from articles.stale_renderings import stale_renderings
from reviewers.models import AssignmentState

from .. import policy, selectors
from ..models import ReportState

register = template.Library()


@register.inclusion_tag("admin/editorial/queues.html", takes_context=True)
def editorial_queues(context: dict) -> dict:
    """The signed-in user's work queues with their counts, linked to the filtered lists."""
    request = context["request"]
    queues = [
        {
            "key": queue.key,
            "label": queue.label,
            "count": queue.shown,
            "url": f"{reverse(queue.url_name)}?queue={queue.key}",
        }
        for queue in selectors.queue_list(request.user)
    ]
    return {"queues": queues}


@register.inclusion_tag("admin/editorial/renderings.html")
def public_renderings() -> dict:
    """How many stored public renderings are stale (none read when none is)."""
    return {"stale": stale_renderings()}


STATE_LABELS = {
    **dict(RevisionState.choices),
    **dict(AssignmentState.choices),
    **dict(ReportState.choices),
}


@register.filter
def state_label(value: str) -> str:
    """A stored state ("under_review") as people read it ("Under review")."""
    return STATE_LABELS.get(value, value)


@register.simple_tag(takes_context=True)
def keeps_public_profile(context: dict) -> bool:
    """Whether to link the signed-in person's public profile from the admin: a board member
    works here and keeps it in the workspace (a reviewer finds it in the workspace they work
    in)."""
    request = context.get("request")
    return request is not None and policy.is_board(request.user)
