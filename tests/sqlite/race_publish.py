"""Two editors publish the same approved revision at the same moment, on a SQLite file
database (run as a script by test_sqlite_races.py: the suite's in-memory database has no
file lock to contend for). Prints one JSON line: each call's outcome."""

from __future__ import annotations

import json
import os
import sys

os.environ["DATABASE_URL"] = f"sqlite:///{sys.argv[1]}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from editorial import services  # noqa: E402
from tests.editorial.race import race  # noqa: E402
from tests.workflow import Workflow  # noqa: E402


def outcome(result: object) -> str:
    if isinstance(result, Exception):
        return f"{type(result).__name__}:{getattr(result, 'status', 500)}"
    return "published"


def main() -> None:
    call_command("migrate", verbosity=0)
    workflow = Workflow.cast("race-")
    approved = workflow.approved()
    outcomes = race(
        *[lambda: services.revision_publish(revision=approved, actor=workflow.editor)] * 2
    )
    print(json.dumps(sorted(outcome(o) for o in outcomes)))  # noqa: T201


if __name__ == "__main__":
    main()
