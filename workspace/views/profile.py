"""A reviewer's or board member's own public profile: the details they keep, and their consent
to a public page, given or withdrawn here at any time."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from editorial import policy, services
from editorial.errors import WorkflowError

from .. import selectors
from ..access import View, not_for_you, refused
from ..profile_forms import PublicProfileForm

NOT_FOR_PROFILES = "Public profiles are for reviewers and board members"
SHOWN = "Saved. Your public profile is shown, and the articles you reviewed link to it."
HIDDEN = "Saved. Your public profile is not shown."
WITHDRAWN = "Your public profile is taken down, and the articles you reviewed no longer link to it."


def profile_view(view: View) -> View:
    """Signed in (with the second factor where the role needs it) as a reviewer or a board
    member, or as someone who once had a profile (who may still take it down)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if user.is_authenticated and policy.needs_second_factor(user) and not policy.verified(user):
            logout(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("workspace:sign_in"))
        if not (
            policy.may_have_public_profile(request.user)
            or selectors.has_public_profile(request.user)
        ):
            return not_for_you(request, NOT_FOR_PROFILES)
        return view(request, *args, **kwargs)

    return wrapper


@profile_view
@require_http_methods(["GET", "POST"])
def public_profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    own = selectors.own_profile_get(user)
    was_public = own.profile is not None and own.profile.is_public
    form = PublicProfileForm(
        request.POST if request.method == "POST" else None,
        initial=PublicProfileForm.initial_for(own.profile),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.public_profile_update(
                actor=user, person=user, consent=form.cleaned_data["consent"], **form.details()
            )
        except WorkflowError as error:
            if error.status != 400:
                return refused(request, error)
            field = next((name for name in error.fields if name in form.fields), None)
            form.add_error(field, error.message)
        else:
            if saved.is_public:
                flash.success(request, SHOWN)
            else:
                flash.success(request, WITHDRAWN if was_public else HIDDEN)
            return HttpResponseRedirect(reverse("workspace:profile"))
    return render(
        request,
        "workspace/profile.html",
        {
            "title": "Your public profile",
            "form": form,
            "own": own,
            "page_url": reverse("public-reviewer-page", args=[own.profile.slug])
            if was_public
            else "",
        },
    )
