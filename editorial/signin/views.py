"""The admin's sign-in after the password: the second factor, its set-up the first time,
and the lockout page that django-axes answers with after repeated failures
(AXES_LOCKOUT_CALLABLE), for the admin's sign-in and the API's token endpoint alike.

Between the two steps the person is *pending*: the session holds who gave the right password,
when, and where to go next, but nobody is signed in. The pending state lasts ten minutes.
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model, login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from .. import messages, policy, services
from ..errors import RuleViolation
from ..services.second_factor import WRONG_CODE

LOCKED_OUT_STATUS = 429
WORKSPACE_PREFIX = "/workspace/"
PENDING = "imprimatur_signin_pending"
PENDING_SECONDS = 10 * 60


# -- the lockout -------------------------------------------------------------------------------
def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message() -> str:
    return messages.LOCKED_OUT.format(minutes=cooloff_seconds() // 60)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """429 for the cool-off period: in the API's one error shape under /api/, otherwise a
    page in the admin's frame. The same words whether the password was right or wrong."""
    # Imported here: config.api.errors loads DRF, whose settings import it back.
    from config.api.errors import API_PREFIX, error_body

    retry_after = str(cooloff_seconds())
    if request.path.startswith(API_PREFIX):
        body = error_body("locked_out", lockout_message())
        return JsonResponse(body, status=LOCKED_OUT_STATUS, headers={"Retry-After": retry_after})
    until = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    context = {"title": "Sign-in locked", "message": lockout_message(), "until": until}
    if request.path.startswith(WORKSPACE_PREFIX):
        template = "workspace/locked_out.html"
    else:
        context = {**admin.site.each_context(request), **context}
        template = "admin/editorial/locked_out.html"
    response = render(request, template, context, status=LOCKED_OUT_STATUS)
    response["Retry-After"] = retry_after
    return response


def locked_out(request: HttpRequest, user: Any) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": user.get_username()})


def count_failure(request: HttpRequest, user: Any) -> None:
    """A wrong code counts toward the lockout as a wrong password does."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


# -- the two steps -----------------------------------------------------------------------------
class CodeForm(forms.Form):
    otp = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class PasswordStepView(LoginView):
    """Django's admin sign-in form; a person whose role needs a second factor is not signed
    in yet but sent on to give it."""

    def get_form_class(self):
        from django.contrib.admin.forms import AdminAuthenticationForm

        return AdminAuthenticationForm

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        if not policy.needs_second_factor(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "since": time.time(),
        }
        return HttpResponseRedirect(reverse("admin:second_factor"))


def _pending(request: HttpRequest) -> tuple[Any, dict] | None:
    state = request.session.get(PENDING)
    if not state or time.time() - state["since"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=state["user"], is_active=True).first()
    return (user, state) if user is not None else None


def _sign_in(request: HttpRequest, user: Any, state: dict, device: Any) -> str:
    """Both steps done: sign in, mark the session as verified by this device."""
    del request.session[PENDING]
    login(request, user, backend=state["backend"])
    otp_login(request, device)
    return state["next"]


def _page(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    return render(
        request,
        f"admin/editorial/{template}.html",
        {**admin.site.each_context(request), "title": title, **context},
    )


def _to_login() -> HttpResponse:
    return HttpResponseRedirect(reverse("admin:login"))


@never_cache
@csrf_protect
@sensitive_post_parameters("otp")
def second_factor(request: HttpRequest) -> HttpResponse:
    """The code from the authenticator app, or a recovery code."""
    pending = _pending(request)
    if pending is None:
        return _to_login()
    user, state = pending
    if not services.has_second_factor(user):
        return HttpResponseRedirect(reverse("admin:second_factor_setup"))
    if locked_out(request, user):
        return lockout_response(request, None, None)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = services.second_factor_verify(person=user, code=form.cleaned_data["otp"])
        if device is not None:
            return HttpResponseRedirect(_sign_in(request, user, state, device))
        count_failure(request, user)
        form.add_error("otp", WRONG_CODE)
    return _page(request, "second_factor", "Second step: your code", form=form, person=user)


@never_cache
@csrf_protect
@sensitive_post_parameters("otp")
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """The first sign-in of someone whose role needs a second factor: add the secret to an
    authenticator app, confirm with a code, then keep the recovery codes shown once."""
    pending = _pending(request)
    if pending is None:
        return _to_login()
    user, state = pending
    if services.has_second_factor(user):
        return HttpResponseRedirect(reverse("admin:second_factor"))
    device = services.second_factor_start(person=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            codes = services.second_factor_enrol(
                actor=user, device=device, code=form.cleaned_data["otp"]
            )
        except RuleViolation as exc:
            count_failure(request, user)
            form.add_error("otp", exc.message)
        else:
            device.refresh_from_db()
            next_url = _sign_in(request, user, state, device)
            shown = [f"{code[:4]}-{code[4:]}" for code in codes]
            return _page(
                request, "recovery_codes", "Your recovery codes", codes=shown, next=next_url
            )
    secret = b32encode(device.bin_key).decode()
    return _page(
        request,
        "second_factor_setup",
        "Set up your second factor",
        form=form,
        person=user,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        uri=device.config_url,
    )
