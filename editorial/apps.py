from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the workflow's system check)
