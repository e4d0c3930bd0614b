#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Without DJANGO_SETTINGS_MODULE it runs with the production settings, so a cron line or an
operator's command on a server never runs with DEBUG on by accident. Local development says
so: `make run` and `make check` set `config.settings.local`, and so can you
(`DJANGO_SETTINGS_MODULE=config.settings.local python manage.py …`).
"""

import os
import sys

LOCAL_HINT = (
    "manage.py runs with the production settings unless DJANGO_SETTINGS_MODULE says "
    "otherwise; on a development machine, run it as\n"
    "  DJANGO_SETTINGS_MODULE=config.settings.local python manage.py ...\n"
)


def main() -> None:
    chosen = "DJANGO_SETTINGS_MODULE" in os.environ
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Loaded here, before Django's command-line utility, which would otherwise go on
        # without settings that refused to load and fail later with a less useful error.
        settings.INSTALLED_APPS  # noqa: B018 - loading the settings is the point
    except ImproperlyConfigured as error:
        if chosen:
            raise
        sys.stderr.write(f"{error}\n\n{LOCAL_HINT}")
        sys.exit(1)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
