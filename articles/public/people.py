"""The public page of a reviewer or board member who consented to one: /reviewers/<slug>/."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from .. import profiles, selectors
from ..renderings import absolute
from .http import PAGE_CSP, not_modified, not_modified_response, with_validators
from .pages import html_response, not_found_page


@require_safe
def reviewer_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Who they are, what they declare, and the published articles that name them. Without
    their consent (never given, or withdrawn) the address answers exactly like one never used,
    so nobody can find out from it who reviews here."""
    profile = selectors.public_profile(slug)
    if profile is None:
        return html_response(not_found_page(), status=404)
    credits = selectors.public_profile_credits(slug)
    url = absolute(reverse("public-reviewer-page", args=[profile.slug]))
    body = render_to_string(
        "articles/reviewer.html",
        {
            "profile": profile,
            "canonical": url,
            "specialties": [name for name, _ in profiles.specialties_of(profile)],
            "credits": [(c, profiles.CREDIT_LABELS.get(c.role, "")) for c in credits],
            "json_ld": mark_safe(profiles.json_ld(profile, url, credits)),  # noqa: S308 - escaped by json_ld()
        },
    )
    last_modified = selectors.profile_last_modified(profile, credits)
    etag = f'"{hashlib.sha256(body.encode()).hexdigest()[:32]}"'
    if not_modified(request, etag, last_modified):
        response = not_modified_response(etag, last_modified)
        # The copy the browser holds takes the 304's headers: keep the page's own policy.
        response.headers["Content-Security-Policy"] = PAGE_CSP
        return response
    return with_validators(html_response(body), etag, last_modified)
