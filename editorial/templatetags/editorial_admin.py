"""Template helpers for the editorial admin."""

from __future__ import annotations

from django import template
from django.urls import reverse

from articles.models import RevisionState
from articles.stale_renderings import stale_renderings
from reviewers.models import AssignmentState

from .. import selectors
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
            "count": queue.count,
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
