"""Demo accounts and articles in every state, for trying Imprimatur out locally."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from articles.models import Article, Revision, Specialty
from editorial import checkpoints, policy, review_mode, services
from editorial.demo.content import ARTICLES, DEMO_NOTE, DEMO_TOTP_SECRET, SPECIALTIES
from editorial.demo.states import StateBuilder
from editorial.models import ReportKind
from reviewers.models import AssignmentState, PublicProfile, ReviewAssignment, Reviewer

# How the demo's drafting pipeline says it drafted each article (the note stays internal).
PIPELINE_PROVENANCE = {
    "drafting": "ai_generated",
    "drafting_pipeline": "Draftbot",
    "drafting_model": "example-llm",
    "drafting_model_version": "2026-05",
    "drafting_note": "Drafted from the listed references with the patient-article prompt, v3.",
}
VERIFIED_ARTICLE = "type-2-diabetes-first-steps"
# The published article that also has a version written for patients.
PATIENT_VERSION_ARTICLE = "type-2-diabetes-first-steps"

QUIET_MAIL = "django.core.mail.backends.dummy.EmailBackend"
# What each review mode shows in the demo, and where to see it.
REVIEW_MODES = {
    review_mode.SINGLE_ANONYMOUS: "reviewers see who wrote an article; authors read "
    "“Reviewer 1”, “Reviewer 2”.",
    review_mode.DOUBLE_ANONYMOUS: "reviewers never see who wrote an article: sign in as "
    "dr.patel and open high-blood-pressure r2 (editor.hughes sees Wei Chen there).",
    review_mode.OPEN: "authors read their reviewers' names and credentials once the board "
    "has decided: sign in as writer.chen at /workspace/ and open asthma-in-children.",
}
DEMO_PASSWORD = "imprimatur-demo"  # noqa: S105 - demo accounts exist only with DEBUG on

# username, role, display name, credentials, specialties (slugs)
PEOPLE = [
    ("admin", None, "Site Administrator", "", []),
    ("dr.okafor", policy.BOARD, "Dr Amara Okafor", "MD, FRCP", ["cardiology"]),
    ("prof.lindqvist", policy.BOARD, "Prof. Erik Lindqvist", "MD, PhD", ["neurology"]),
    ("editor.hughes", policy.EDITORS, "Sam Hughes", "", []),
    ("dr.patel", policy.REVIEWERS, "Dr Priya Patel", "MBBS, MRCP", ["cardiology", "haematology"]),
    ("dr.nguyen", policy.REVIEWERS, "Dr Linh Nguyen", "MD, FRCP (Edin)", ["endocrinology"]),
    ("dr.garcia", policy.REVIEWERS, "Dr Mateo García", "MD", ["respiratory-medicine",
                                                              "neurology", "cardiology"]),
    ("dr.byrne", policy.REVIEWERS, "Dr Siobhán Byrne", "MB BCh, FRCPsych", ["psychiatry",
                                                                           "endocrinology",
                                                                           "haematology"]),
    ("writer.chen", policy.AUTHORS, "Wei Chen", "", []),
    ("pipeline.draftbot", policy.AUTHORS, "Drafting pipeline", "", []),
]  # fmt: skip

# Public profiles, each given by the person (a reviewer and a board member), so the articles
# they reviewed link to a page of theirs. 0000-0002-1825-0097 is ORCID's own test iD (the
# fictional Josiah Carberry); a board member shows that an iD is optional.
PUBLIC_PROFILES = {
    "dr.patel": {
        "affiliation": "Northbridge General Hospital, Department of Cardiology",
        "orcid": "0000-0002-1825-0097",
        "declared_interests": "Speaker's fee from a maker of home blood pressure monitors "
        "(2024, one talk).\nMember of the regional hypertension guideline group (unpaid).",
    },
    "dr.okafor": {
        "affiliation": "Eastgate University Hospitals",
        "orcid": "",
        "declared_interests": "None.",
    },
}


class Command(BaseCommand):
    help = (
        "Create demo accounts and articles in every workflow state (idempotent). DEBUG only, "
        "with --public-demo-passwords, and only in a database that holds nothing but demo data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--public-demo-passwords",
            action="store_true",
            help="Say you know every demo account's password is printed and public.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a public password: DEBUG only.")
        if not options["public_demo_passwords"]:
            raise CommandError(
                "seed_demo creates accounts whose password is public; say you mean it with "
                "--public-demo-passwords (make run does)."
            )
        self._refuse_real_data()
        people = self._people()
        if Article.objects.filter(slug=ARTICLES[0]["slug"]).exists():
            self.stdout.write("Demo articles already exist; left as they are.")
        else:
            # The demo story would otherwise print dozens of notification e-mails.
            with override_settings(EMAIL_BACKEND=QUIET_MAIL), transaction.atomic():
                Story(people).tell()
                for username, details in PUBLIC_PROFILES.items():
                    person = people[username]
                    services.public_profile_update(
                        actor=person, person=person, consent=True, **details
                    )
            self.stdout.write(self.style.SUCCESS(f"Created {len(ARTICLES)} demo articles."))
            self._checkpoint()
        self._print_logins()
        self.stdout.write(
            "Check a published article from the outside, as anyone can (with the server "
            "running):\n  DJANGO_SETTINGS_MODULE=config.settings.local .venv/bin/python "
            f"manage.py verify_article {settings.SITE_URL.rstrip('/')}/articles/"
            f"{VERIFIED_ARTICLE}/\n"
        )
        self._print_reviewer_link(people)
        self._print_patient_version()
        self._print_profiles()

    def _print_patient_version(self) -> None:
        """Where to read the demo's article written for patients, and its reading level as
        measured at submission."""
        revision = (
            Revision.objects.filter(article__slug=PATIENT_VERSION_ARTICLE, state="published")
            .exclude(body_patient="")
            .first()
        )
        if revision is None:
            return
        url = f"{settings.SITE_URL.rstrip('/')}/articles/{PATIENT_VERSION_ARTICLE}/"
        self.stdout.write(
            f"Written for patients: {PATIENT_VERSION_ARTICLE} has a version for patients beside "
            f"the text for everyone (choose “I have this condition” on its page):\n"
            f"  {url}?audience=patient"
        )
        level = ((revision.checks or {}).get("reading") or {}).get("patient") or {}
        if level.get("text") == "body_patient":
            target = level["target_grade"]
            wanted = f", where grade {target:g} or below is wanted" if target is not None else ""
            self.stdout.write(
                f"  Its reading level, measured at submission: grade {level['grade']:g}{wanted}."
            )
        self.stdout.write("")

    def _print_profiles(self) -> None:
        """The public profiles the demo's people agreed to, which their articles link to."""
        shown = PublicProfile.objects.filter(consented_at__isnull=False).select_related("user")
        if not shown:
            return
        site = settings.SITE_URL.rstrip("/")
        self.stdout.write("Public profiles (each person keeps theirs at /workspace/profile/):")
        for profile in shown:
            path = reverse("public-reviewer-page", args=[profile.slug])
            self.stdout.write(f"  {site}{path}   ({profile.user.get_username()})")
        self.stdout.write("")

    def _checkpoint(self) -> None:
        """Sign the audit chain's head into the checkpoint file, so the demo's review records
        show a checkpoint that covers their events."""
        if settings.AUDIT_CHECKPOINT_FILE:
            path = Path(settings.AUDIT_CHECKPOINT_FILE)
            checkpoints.append(path, checkpoints.take())
            self.stdout.write(f"Audit checkpoint appended to {path}.")

    def _print_reviewer_link(self, people: dict[str, Any]) -> None:
        """A fresh link for the demo's pending invitation (older ones stop working), sent
        the way an editor sends one, and printed: it opens the invitation without a password."""
        invitation = (
            ReviewAssignment.objects.filter(
                state=AssignmentState.INVITED, revision__article__slug=ARTICLES[0]["slug"]
            )
            .select_related("reviewer")
            .first()
        )
        if invitation is None:
            return
        with override_settings(EMAIL_BACKEND=QUIET_MAIL):
            sent = services.reviewer_link_send(assignment=invitation, actor=people["editor.hughes"])
        self.stdout.write(
            f"Reviewer's link ({invitation.reviewer.display_name}'s pending invitation; no "
            f"password needed):\n  {sent.link_url}\n"
        )

    @staticmethod
    def _refuse_real_data() -> None:
        """A second guard, for a database that matters: anyone or anything that is not the
        demo's own means this is not a demo database."""
        others = get_user_model().objects.exclude(username__in=[p[0] for p in PEOPLE])
        articles = Article.objects.exclude(slug__in=[a["slug"] for a in ARTICLES])
        if others.exists() or articles.exists():
            raise CommandError(
                "This database holds accounts or articles that are not demo data; seed_demo "
                "adds demo accounts with a public password only to an empty database."
            )

    def _people(self) -> dict[str, Any]:
        User = get_user_model()
        specialties = {
            slug: Specialty.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for name, slug in SPECIALTIES
        }
        people = {}
        for username, role, name, credentials, specialty_slugs in PEOPLE:
            first, _, last = name.rpartition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@demo.imprimatur.local",
                    "first_name": first,
                    "last_name": last,
                    "is_staff": role != policy.AUTHORS,
                    "is_superuser": role is None,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            # Roles and profiles through the services, so the demo's audit history shows
            # them as it would for real people (the operator at the console acting).
            if role:
                services.role_grant(actor=None, person=user, role=role)
            if username.startswith("pipeline."):
                services.role_grant(actor=None, person=user, role=policy.PIPELINES)
            if (credentials or role == policy.REVIEWERS) and not hasattr(user, "reviewer"):
                services.reviewer_profile_create(
                    actor=None,
                    user=user,
                    display_name=name,
                    credentials=credentials,
                    specialties=[specialties[s] for s in specialty_slugs],
                )
            if policy.needs_second_factor(user) and not services.has_second_factor(user):
                self._set_up_second_factor(user)
            people[username] = user
        return people

    @staticmethod
    def _set_up_second_factor(user: Any) -> None:
        """The demo's authenticator, with the one public demo secret, set up as a person would
        set theirs up: confirmed with the code it shows now."""
        key = base64.b32decode(DEMO_TOTP_SECRET).hex()
        device = services.second_factor_start(person=user, key=key)
        code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
        services.second_factor_enrol(actor=None, device=device, code=code)

    def _print_logins(self) -> None:
        secret = " ".join(DEMO_TOTP_SECRET[i : i + 4] for i in range(0, len(DEMO_TOTP_SECRET), 4))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write("  admin:  http://127.0.0.1:8000/admin/   API: /api/v1/")
        for username, role, name, _, _ in PEOPLE:
            code = "+ code" if role in (policy.BOARD, policy.EDITORS, None) else ""
            self.stdout.write(f"  {username:<18} {role or 'superuser':<15} {code:<7} {name}")
        self.stdout.write(
            "\n+ code: editors, the board and the superuser also give a one-time code. Run\n"
            "  `DJANGO_SETTINGS_MODULE=config.settings.local .venv/bin/python manage.py "
            "demo_code`\n"
            "  in another terminal for the current one, or add\n"
            f"  the demo secret {secret} to an authenticator app\n"
            "  (time-based). Each code signs a person in once.\n"
        )
        mode = review_mode.review_mode()
        others = [m for m in review_mode.MODES if m != mode]
        self.stdout.write(
            f"Review mode: {mode} (REVIEW_MODE): {REVIEW_MODES[mode]}\n"
            f"  The others: `REVIEW_MODE={others[0]} make run`, or {others[1]}.\n"
        )


class Story(StateBuilder):
    """Takes each demo article to its state through the services, as real users would."""

    def __init__(self, people: dict[str, Any]) -> None:
        super().__init__(
            author=people["writer.chen"],
            editor=people["editor.hughes"],
            board=[people["dr.okafor"], people["prof.lindqvist"]],
            reviewers=list(
                Reviewer.objects.filter(user__groups__name=policy.REVIEWERS, is_active=True)
                .prefetch_related("specialties")
                .order_by("pk")
            ),
        )
        self.p = people

    def reviewers_for(self, revision: Revision) -> list[Reviewer]:
        """Those of the article's specialty first."""
        specialty = revision.article.specialty
        matching = [r for r in self.reviewers if specialty in r.specialties.all()]
        return matching + [r for r in self.reviewers if r not in matching]

    def tell(self) -> None:
        by_slug = {a["slug"]: a for a in ARTICLES}
        author, bot = self.p["writer.chen"], self.p["pipeline.draftbot"]

        # Published, and a newer revision under review while the first stays live: one
        # review in, the other reviewer given another week.
        rev = self.published(self.create(by_slug["high-blood-pressure"], author))
        nxt = services.revision_start_next(
            article=rev.article,
            actor=author,
            change_class="update",
            change_note="Adds the 2024 guidance on home blood pressure monitoring.",
        )
        nxt = services.revision_edit(
            revision=nxt,
            actor=author,
            body=nxt.body + "\n## Home monitoring\n\nA validated home monitor helps [1].\n",
        )
        nxt = self.under_review(nxt)
        done, late = nxt.assignments.order_by("pk")
        self.complete(done)
        services.assignment_extend_due(
            assignment=late, actor=self.editor, due_at=late.due_at + timedelta(days=7)
        )
        # The late reviewer has a draft review in the workspace (theirs alone), and a third
        # reviewer's invitation is pending: seed_demo prints a link that opens it.
        services.review_draft_save(
            assignment=late,
            actor=late.reviewer.user,
            recommendation="minor_changes",
            comments_for_author="Clear overall. The home-monitoring section should say how "
            "many readings to take and over how many days.",
            confidential_comments="No concerns.",
        )
        taken = {a.reviewer_id for a in nxt.assignments.all()}
        spare = [
            r
            for r in self.reviewers_for(nxt)
            if r.pk not in taken
            and ReviewAssignment.objects.load_of(r) < r.max_active_reviews
            and not policy.wrote(r.user, nxt.article)
        ]
        if spare:
            services.assignment_create(revision=nxt, reviewer=spare[0], actor=self.editor)

        # Published twice: the first revision is superseded by a correction, which the page
        # notices at the top and /corrections/ lists. The correction's periodic re-review is
        # open: one reviewer found it still accurate, for the board to attest.
        rev = self.published(self.create(by_slug["type-2-diabetes-first-steps"], bot))
        live = self.published(
            services.revision_start_next(
                article=rev.article,
                actor=bot,
                change_class="correction",
                change_note="The target HbA1c was given in the wrong unit; it is 48 mmol/mol.",
            )
        )
        self.rereview(live, reviewers=self.reviewers_for(live)[-1:])

        self.minor_change_then_update(by_slug["copd-inhaler-technique"])
        self.retracted_then_reinstated(by_slug["first-seizure-in-adults"])
        self.rereview_due(by_slug["underactive-thyroid"])
        self.rereview_attested(by_slug["heart-failure-daily-life"])
        self.reader_reports()

        # Approved, scheduled for publication tomorrow.
        rev = self.approved(self.create(by_slug["asthma-in-children"], author))
        services.revision_schedule_publication(
            revision=rev, actor=self.editor, publish_at=timezone.now() + timedelta(days=1)
        )

        # Under review: both reviews in, one of two board approvals.
        rev = self.reviewed(self.create(by_slug["migraine-treatment"], bot))
        services.revision_approve(revision=rev, actor=self.board[0], comment="Clear and sound.")

        # Withdrawn first revision; the second awaits reviewer assignment.
        rev = self.submitted(self.create(by_slug["iron-deficiency-anaemia"], author))
        services.revision_withdraw(revision=rev, actor=author, comment="Dosing section to redo.")
        self.submitted(services.revision_start_next(article=rev.article, actor=author))

        # Sent back to the author with changes requested; one board member stood aside.
        rev = self.reviewed(self.create(by_slug["atrial-fibrillation"], bot))
        services.board_recuse(
            revision=rev,
            actor=self.board[0],
            statement="I sit on the advisory board of an anticoagulant's manufacturer.",
        )
        services.revision_request_changes(
            revision=rev,
            actor=self.board[1],
            comment="Please add the bleeding-risk assessment and cite the scoring tool.",
        )
        # Its second revision, submitted: the editor re-invites the first round's reviewers.
        self.submitted(services.revision_start_next(article=rev.article, actor=bot))

        # Published, then retracted by the board with a public reason.
        rev = self.published(self.create(by_slug["depression-in-older-adults"], author))
        services.revision_unpublish(
            revision=rev,
            actor=self.board[0],
            reason="Withdrawn while the section on medicines is brought in line with new guidance.",
        )

        # Rejected.
        rev = self.reviewed(self.create(by_slug["sleep-and-insomnia"], bot))
        services.revision_reject(
            revision=rev,
            actor=self.board[1],
            comment="Too thin for a standalone article; fold it into our sleep guide.",
        )

        # A draft that cannot be submitted yet: it cites [7], which has no reference.
        self.create(by_slug["vitamin-d-supplements"], author)

    def minor_change_then_update(self, data: dict) -> None:
        """Published three times: a minor change (no peer review, one board approval, the
        public "last updated" kept), then an update with its note, fully reviewed."""
        author = self.p["writer.chen"]
        rev = self.published(self.create(data, author))
        minor = services.revision_start_next(
            article=rev.article,
            actor=author,
            change_class="minor",
            change_note="Fixes a broken link to the inhaler technique videos.",
        )
        self.published(minor)
        update = services.revision_start_next(
            article=rev.article,
            actor=author,
            change_class="update",
            change_note="Adds advice on cleaning a spacer and when to replace it.",
        )
        update = services.revision_edit(
            revision=update,
            actor=author,
            body=update.body + "\n## Looking after a spacer\n\nWash it monthly in warm "
            "soapy water, let it drip dry and replace it every year [1].\n",
        )
        self.published(update)

    def retracted_then_reinstated(self, data: dict) -> None:
        """Published, retracted by the board with a public reason, then reinstated: the next
        revision says why, and each board member's approval acknowledges the retraction."""
        author = self.p["writer.chen"]
        rev = self.published(self.create(data, author))
        services.revision_unpublish(
            revision=rev,
            actor=self.board[1],
            reason="Withdrawn while the advice on driving is checked against the licensing "
            "agency's current rules.",
        )
        reinstatement = services.revision_start_next(
            article=rev.article,
            actor=author,
            change_note="The driving advice now follows the licensing agency's current rules, "
            "checked by a neurologist.",
        )
        reinstatement = services.revision_edit(
            revision=reinstatement,
            actor=author,
            body=reinstatement.body.replace(
                "how long depends on the tests [2].",
                "how long depends on the tests and on whether you drive for a living [2].",
            ),
        )
        self.published(reinstatement)

    def rereview_due(self, data: dict) -> None:
        """Published under a re-review period of no months, so its next review is due today:
        it sits in the "Re-review due" queue (and becomes overdue if the demo is kept)."""
        with override_settings(EDITORIAL={**settings.EDITORIAL, "REREVIEW_MONTHS": 0}):
            self.published(self.create(data, self.p["writer.chen"]))

    def rereview_attested(self, data: dict) -> None:
        """Published, then re-reviewed: a reviewer finds it still accurate and a board member
        attests it; the public history says "Reviewed, no changes needed"."""
        live = self.published(self.create(data, self.p["pipeline.draftbot"]))
        rereview = self.rereview(live, reviewers=self.reviewers_for(live)[-1:])
        services.rereview_attest(
            rereview=rereview,
            actor=self.board[1],
            note="The daily-weighing advice and the medicines section match current guidance.",
        )

    def reader_reports(self) -> None:
        """Three readers' reports: one still new; one an editor acknowledged and turned into a
        correction, a draft for the author, which resolves it once published; one an editor
        resolved without a change."""
        services.reader_report_receive(
            slug="high-blood-pressure",
            kind=ReportKind.QUESTION,
            message="Does the advice on salt apply to people on dialysis too?\n\n"
            "My father has kidney disease and his clinic says something different.",
            email="a.reader@example.org",
        )
        report = services.reader_report_receive(
            slug="underactive-thyroid",
            kind=ReportKind.FACTUAL_ERROR,
            message="The treatment section says the NICE guidance is from 2016, but the "
            "reference underneath is dated 2019.",
            email="thyroid.reader@example.org",
        )
        services.reader_report_acknowledge(report=report, actor=self.editor)
        services.reader_report_open_correction(
            report=report,
            actor=self.editor,
            note="The reader is right: the guideline (NG145) is from 2019. Please correct the "
            "year and say so in the correction note.",
        )
        report = services.reader_report_receive(
            slug="type-2-diabetes-first-steps",
            kind=ReportKind.OUT_OF_DATE,
            message="The HbA1c target in the second section looks like the old one.",
        )
        services.reader_report_acknowledge(report=report, actor=self.editor)
        services.reader_report_resolve(
            report=report,
            actor=self.editor,
            note="Checked against the current guideline: the target is right, and the "
            "section now says which guideline it follows.",
        )

    def create(self, data: dict, author: Any) -> Revision:
        fields = {k: v for k, v in data.items() if k not in ("slug", "specialty", "references")}
        fields["body"] = DEMO_NOTE + fields["body"]
        if fields.get("body_patient"):
            fields["body_patient"] = DEMO_NOTE + fields["body_patient"]
        if policy.is_pipeline(author):
            fields |= PIPELINE_PROVENANCE
        article = services.article_create(
            actor=author,
            slug=data["slug"],
            specialty=Specialty.objects.get(slug=data["specialty"]),
            references=data["references"],
            **fields,
        )
        return article.revisions.get()
