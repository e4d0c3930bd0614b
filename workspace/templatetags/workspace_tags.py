from __future__ import annotations

from typing import Any

from django import template

from editorial import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_roles(context: Any) -> dict[str, bool]:
    """Which parts of the workspace the signed-in person has: their articles, their reviews,
    their public profile."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"author": False, "reviewer": False, "profile": False}
    return {
        "author": policy.is_author(user),
        "reviewer": policy.is_reviewer(user) and hasattr(user, "reviewer"),
        "profile": policy.may_have_public_profile(user),
    }
