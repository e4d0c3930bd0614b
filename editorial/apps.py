from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401 (checks registers itself)

        signals.connect()
