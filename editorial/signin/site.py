"""The admin site (admin.site, through EditorialAdminConfig): signing in is the password,
then, for editors, the board and superusers, a code from their authenticator app or a
recovery code; whoever has not set one up yet is led through it. Until both steps are done
the person is not signed in at all, so no page, admin or API, sees a half-signed-in session.
Authors and reviewers sign in with the password alone."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.urls import path, reverse

from .. import policy
from . import views as signin


class EditorialAdminSite(admin.AdminSite):
    site_header = "Imprimatur editorial office"
    site_title = "Imprimatur"
    # The admin's "View site" link: the public home page.
    site_url = "/"
    index_title = "Editorial office"
    # The index shows the user's queues above the usual list of models.
    index_template = "admin/editorial/index.html"
    # Django's sign-in page, with a word for authors: theirs is the workspace.
    login_template = "admin/editorial/login.html"

    def has_permission(self, request) -> bool:
        user = request.user
        return super().has_permission(request) and (
            not policy.needs_second_factor(user) or policy.verified(user)
        )

    def login(self, request, extra_context=None):
        """The password step. A session that is signed in without the second factor its role
        now needs (say, a role granted since) is signed out first, to start again."""
        user = request.user
        unverified = policy.needs_second_factor(user) and not policy.verified(user)
        if user.is_authenticated and unverified:
            logout(request)
        if request.method == "GET" and self.has_permission(request):
            return super().login(request, extra_context)
        context = {
            **self.each_context(request),
            "title": "Log in",
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
            **(extra_context or {}),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        request.current_app = self.name
        return signin.PasswordStepView.as_view(
            extra_context=context, template_name=self.login_template or "admin/login.html"
        )(request)

    def get_urls(self):
        return [
            path("second-factor/", signin.second_factor, name="second_factor"),
            path("second-factor/setup/", signin.second_factor_setup, name="second_factor_setup"),
            *super().get_urls(),
        ]
