"""Open an account from the console: how an operator creates the first people (the board,
editors, reviewers) on a production box, where DEBUG is off and `seed_demo` refuses.

Everything goes through the services, so the audit history shows each account, role and
reviewer profile as opened by the operator at the console.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from articles.models import Specialty
from editorial import policy, services
from editorial.errors import RuleViolation

ROLES = {
    "author": policy.AUTHORS,
    "reviewer": policy.REVIEWERS,
    "editor": policy.EDITORS,
    "board": policy.BOARD,
    "administrator": None,
    # An author account that is an automated drafting pipeline (it uses the API with a
    # token): it must say how each revision was drafted.
    "pipeline": policy.AUTHORS,
}


class Command(BaseCommand):
    help = (
        "Open an account with a role (author, pipeline, reviewer, editor, board, "
        "administrator); a pipeline is an author account for an automated drafting pipeline; "
        "reviewers and board members get a reviewer profile with their credentials, and may be "
        "given an affiliation and ORCID iD for the public profile they can choose to show."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--name", required=True, help='Full name, e.g. "Dr Amara Okafor".')
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--credentials", default="", help='Shown with the name, e.g. "MD, FRCP".'
        )
        parser.add_argument(
            "--specialty",
            action="append",
            default=[],
            dest="specialties",
            help="A specialty slug (repeat for several); the specialty must exist.",
        )
        parser.add_argument(
            "--affiliation",
            default="",
            help="Reviewers and board members: where they work, for their public profile.",
        )
        parser.add_argument(
            "--orcid",
            default="",
            help="Reviewers and board members: their ORCID iD, e.g. 0000-0002-1825-0097. The "
            "public profile is shown only once they agree to it, in the workspace.",
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input (for scripts).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        role = ROLES[options["role"]]
        profile = {k: options[k].strip() for k in ("affiliation", "orcid") if options[k].strip()}
        if profile and role not in (policy.REVIEWERS, policy.BOARD):
            raise CommandError("--affiliation and --orcid are for reviewers and board members.")
        specialties = self._specialties(options["specialties"])
        password = self._password(options["password_stdin"])
        User = get_user_model()
        first, _, last = options["name"].strip().rpartition(" ")
        person = User(
            username=options["username"],
            email=options["email"],
            first_name=first,
            last_name=last,
            is_staff=role != policy.AUTHORS,
            is_superuser=role is None,
        )
        try:
            password_validation.validate_password(password, person)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        person.set_password(password)
        try:
            with transaction.atomic():
                services.person_create(actor=None, person=person)
                if role:
                    services.role_grant(actor=None, person=person, role=role)
                if options["role"] == "pipeline":
                    services.role_grant(actor=None, person=person, role=policy.PIPELINES)
                if role in (policy.REVIEWERS, policy.BOARD) or options["credentials"]:
                    services.reviewer_profile_create(
                        actor=None,
                        user=person,
                        display_name=options["name"].strip(),
                        credentials=options["credentials"],
                        specialties=specialties,
                    )
                if profile:
                    # Filled in for them; only they can agree to it being shown.
                    services.public_profile_update(actor=None, person=person, **profile)
        except (ValidationError, RuleViolation) as error:
            raise CommandError(_said(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Opened {person.username} ({options['role']})."))
        if policy.needs_second_factor(person):
            self.stdout.write(
                "They set up their authenticator app at their first sign-in, before anything "
                "else; keep their recovery codes safe."
            )

    @staticmethod
    def _specialties(slugs: list[str]) -> list[Specialty]:
        found = {s.slug: s for s in Specialty.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            known = ", ".join(Specialty.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No specialty {', '.join(missing)}; known: {known}.")
        return [found[slug] for slug in slugs]

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            if not sys.stdin.isatty():
                raise CommandError("Give the password with --password-stdin, or run in a terminal.")
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise CommandError("The two passwords differ.")
        if not password:
            raise CommandError("The password is empty.")
        return password


def _said(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)
