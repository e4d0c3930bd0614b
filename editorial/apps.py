from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save


class EditorialConfig(AppConfig):
    name = "editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from config.middleware import SessionTimeoutMiddleware

        from . import checks, review_mode  # noqa: F401 (register their system checks)
        from .services.tokens import revoke_tokens_on_new_password

        post_save.connect(
            revoke_tokens_on_new_password,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="editorial.revoke_tokens_on_new_password",
        )
        user_logged_in.connect(
            SessionTimeoutMiddleware.signed_in, dispatch_uid="config.session_timeout_signed_in"
        )


class EditorialAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with editorial's site as admin.site: sign-in in two steps."""

    default = False  # editorial's own app is EditorialConfig

    default_site = "editorial.signin.site.EditorialAdminSite"
