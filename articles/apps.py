from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import stale_renderings, versions  # noqa: F401 - registers the check and the receiver
