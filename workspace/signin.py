"""Signing in to the workspace: the admin's own sign-in (editorial.signin), so the same
lockout after repeated failures (django-axes) and, for anyone whose role needs it, the same
second factor, after which they come back here. Authors give their password alone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from editorial import policy
from editorial.signin.views import PasswordStepView


class SignInForm(AuthenticationForm):
    """Django's sign-in form, whose error never tells a right password from a wrong one."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class WorkspaceSignIn(PasswordStepView):
    """The admin's password step with the workspace's page; where the role needs a second
    factor the person goes on to the admin's code page, then back to the workspace."""

    template_name = "workspace/sign_in.html"
    extra_context = {"title": "Sign in"}

    def get_form_class(self):
        return SignInForm

    def get_default_redirect_url(self) -> str:
        return reverse("workspace:home")

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if user.is_authenticated and policy.needs_second_factor(user) and not policy.verified(user):
            logout(request)
        return super().dispatch(request, *args, **kwargs)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You are signed out.")
    return HttpResponseRedirect(reverse("workspace:sign_in"))
