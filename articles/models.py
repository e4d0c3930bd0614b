"""Content: articles, their numbered revisions (the review state machine) and references."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from .validators import single_line


class Specialty(models.Model):
    name = models.CharField(max_length=100, unique=True, validators=[single_line])
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """A stable identity; what the public reads is its live revision."""

    slug = models.SlugField(max_length=120, unique=True)
    specialty = models.ForeignKey(Specialty, on_delete=models.PROTECT, related_name="articles")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="articles"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    live_revision = models.OneToOneField(
        "Revision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The one revision the public sees; empty until first publication.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_on = models.DateField(
        null=True, blank=True, help_text="Date of the board approval of the live revision."
    )
    next_review_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        # The admin's list of articles: newest change first, read from the index's end.
        indexes = [models.Index(fields=["-updated_at", "-id"], name="article_updated_idx")]

    def __str__(self) -> str:
        return self.slug


class RevisionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"
    RETRACTED = "retracted", "Retracted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A revision reviewers work on: invitations are sent, accepted and completed only while it is
# in one of these states.
OPEN_FOR_REVIEW = frozenset({RevisionState.SUBMITTED, RevisionState.UNDER_REVIEW})

# Fields whose values make up the approved content (with the references).
CONTENT_FIELDS = (
    "title",
    "summary",
    "summary_patient",
    "summary_caregiver",
    "summary_clinician",
    "body",
)

# The readers an article may be written for besides everyone: each may have a summary and a
# full version of the body of its own.
AUDIENCES = ("patient", "caregiver", "clinician")
# Who each version is for, in words ("general": the body, for everyone).
AUDIENCE_READERS = {
    "general": "everyone",
    "patient": "patients",
    "caregiver": "caregivers",
    "clinician": "clinicians",
}
# The full body written for each audience (Markdown, blank for none), citing the shared
# references: hashed with the content when any is written (articles.content), and frozen with it.
AUDIENCE_BODY_FIELDS = tuple(f"body_{audience}" for audience in AUDIENCES)


class Drafting(models.TextChoices):
    """How a revision was drafted: by a person, by a person with an AI tool's help, or by an
    automated drafting pipeline."""

    HUMAN = "human", "Written by people"
    AI_ASSISTED = "ai_assisted", "Written by people with the help of an AI tool"
    AI_GENERATED = "ai_generated", "Drafted by an AI system"


# How the revision was drafted: hashed with the content (articles.content) and public once
# published. The internal note (a prompt or source reference) is frozen with them but is
# neither hashed nor shown to the public.
PROVENANCE_FIELDS = ("drafting", "drafting_pipeline", "drafting_model", "drafting_model_version")
PROVENANCE_NOTE = "drafting_note"
FROZEN_FIELDS = (*CONTENT_FIELDS, *AUDIENCE_BODY_FIELDS, *PROVENANCE_FIELDS, PROVENANCE_NOTE)


class ChangeClass(models.TextChoices):
    """What kind of change the next revision of a published article makes; the first
    revision of an article has none."""

    MINOR = "minor", "Minor change (meaning unchanged)"
    UPDATE = "update", "Update (new evidence or guidance)"
    CORRECTION = "correction", "Correction (an error in the published text)"
    REINSTATEMENT = "reinstatement", "Reinstatement of a retracted article"


# The class and its public note are the author's in draft, the editor confirms them when
# review starts, and from then on they are frozen with what the board votes on.
CHANGE_FIELDS = ("change_class", "change_note")
CHANGE_EDITABLE_STATES = frozenset({"draft", "submitted"})


class FrozenContentError(ValidationError):
    """Raised when anything tries to change a revision's content after submission."""


class Revision(ConcurrentTransitionMixin, models.Model):
    """One numbered version of an article's content, and where it stands in review.

    Transition bodies are trivial on purpose: every state change goes through
    editorial/services.py, which checks policy and guards, saves and audits.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    state = FSMField(
        default=RevisionState.DRAFT, choices=RevisionState.choices, protected=True, db_index=True
    )

    title = models.CharField(max_length=250, blank=True, validators=[single_line])
    summary = models.TextField(blank=True)
    summary_patient = models.TextField("summary for patients", blank=True)
    summary_caregiver = models.TextField("summary for caregivers", blank=True)
    summary_clinician = models.TextField("summary for clinicians", blank=True)
    body = models.TextField(blank=True, help_text="Markdown; cite references as [1], [2].")
    body_patient = models.TextField(
        "version for patients",
        blank=True,
        default="",
        help_text="The whole article written for patients (Markdown, citing the same "
        "references); blank: patients read the body.",
    )
    body_caregiver = models.TextField(
        "version for caregivers",
        blank=True,
        default="",
        help_text="The whole article written for caregivers; blank: they read the body.",
    )
    body_clinician = models.TextField(
        "version for clinicians",
        blank=True,
        default="",
        help_text="The whole article written for clinicians; blank: they read the body.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    body_html = models.TextField(blank=True, editable=False)
    audience_body_html = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The sanitised HTML of each audience's version, by audience (only those "
        "written), rendered at submission like body_html.",
    )
    checks = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="What the checks at submission found (articles.checks): evidence findings "
        "and reading levels. Describes the content; not part of its hash.",
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    review_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    publish_at = models.DateTimeField(
        null=True, blank=True, help_text="Scheduled publication time, once approved."
    )
    decision_comment = models.TextField(
        blank=True, help_text="The board's words to the author with its decision."
    )
    retraction_reason = models.TextField(blank=True, help_text="Shown to the public.")
    change_class = models.CharField(
        max_length=16,
        choices=ChangeClass.choices,
        blank=True,
        default="",
        help_text="Empty for an article's first publication.",
    )
    change_note = models.CharField(
        max_length=300,
        blank=True,
        default="",
        validators=[single_line],
        help_text="Shown to the public once published: what changed, what was wrong, or why "
        "a retracted article is reinstated.",
    )
    drafting = models.CharField(
        "how it was drafted", max_length=16, choices=Drafting.choices, default=Drafting.HUMAN
    )
    drafting_pipeline = models.CharField(
        "drafting pipeline", max_length=100, blank=True, default="", validators=[single_line]
    )
    drafting_model = models.CharField(
        "AI model", max_length=100, blank=True, default="", validators=[single_line]
    )
    drafting_model_version = models.CharField(
        "model version", max_length=100, blank=True, default="", validators=[single_line]
    )
    drafting_note = models.TextField(
        "internal drafting note",
        blank=True,
        default="",
        help_text="The prompt or source the draft came from; never shown to the public.",
    )

    # When the audit history last recorded something about this revision (an edit, an
    # invitation, a review, a vote, a decision): the editors' list is ordered by it, from an
    # index, however long the history grows.
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique"),
        ]
        indexes = [
            models.Index(fields=["state", "publish_at"]),
            models.Index(fields=["-last_activity_at", "-id"], name="revision_activity_idx"),
            # A queue (one state) read in the list's order, stopping at the page's end.
            models.Index(
                fields=["state", "-last_activity_at", "-id"], name="revision_state_activity_idx"
            ),
            models.Index(fields=["-updated_at", "-id"], name="revision_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article.slug} r{self.number}"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._remember_loaded_content()

    def save(self, *args, **kwargs) -> None:
        if self._loaded_frozen and self._content_changed():
            raise FrozenContentError(
                "This revision was submitted; its content is frozen. Start a new revision."
            )
        if self._loaded_change_frozen and self._changed(CHANGE_FIELDS, self._loaded_change):
            raise FrozenContentError(
                "This revision is in review; its change class and note are frozen."
            )
        if self._loaded_frozen and self._changed(("checks",), self._loaded_checks):
            raise FrozenContentError("This revision was submitted; its checks are frozen.")
        if self._state.adding and self.last_activity_at is None:
            self.last_activity_at = timezone.now()
        super().save(*args, **kwargs)
        self._remember_loaded_content()

    def refresh_from_db(self, *args, **kwargs) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._remember_loaded_content()

    def delete(self, *args, **kwargs):
        if self.state != RevisionState.DRAFT:
            raise FrozenContentError("Only a draft revision can be deleted.")
        return super().delete(*args, **kwargs)

    def _remember_loaded_content(self) -> None:
        # Read __dict__ directly so deferred fields are not fetched one by one.
        loaded = self.__dict__
        self._loaded_content = {f: loaded[f] for f in FROZEN_FIELDS if f in loaded}
        self._loaded_change = {f: loaded[f] for f in CHANGE_FIELDS if f in loaded}
        # Checks stored at submission are frozen; a revision without any may be measured once.
        self._loaded_checks = {"checks": loaded["checks"]} if loaded.get("checks") else {}
        state = loaded.get("state", RevisionState.DRAFT)
        self._loaded_frozen = self.pk is not None and state != RevisionState.DRAFT
        self._loaded_change_frozen = self.pk is not None and state not in CHANGE_EDITABLE_STATES

    @property
    def provenance(self) -> dict[str, str]:
        """How the revision was drafted, as the public and the content hash see it."""
        return {
            "kind": self.drafting,
            "pipeline": self.drafting_pipeline,
            "model": self.drafting_model,
            "version": self.drafting_model_version,
        }

    @property
    def audience_bodies(self) -> dict[str, str]:
        """The version of the body written for each audience that has one."""
        return {a: text for a in AUDIENCES if (text := getattr(self, f"body_{a}") or "").strip()}

    def _content_changed(self) -> bool:
        return self._changed(FROZEN_FIELDS, self._loaded_content)

    def _changed(self, fields: tuple[str, ...], loaded: dict) -> bool:
        current = self.__dict__
        return any(f in current and current[f] != loaded.get(f, current[f]) for f in fields)

    @property
    def is_editable(self) -> bool:
        return self.state == RevisionState.DRAFT

    # -- transitions (called only from editorial.services) -----------------
    @transition(field=state, source=RevisionState.DRAFT, target=RevisionState.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(
        field=state,
        source=[RevisionState.DRAFT, RevisionState.SUBMITTED, RevisionState.UNDER_REVIEW],
        target=RevisionState.WITHDRAWN,
    )
    def withdraw(self) -> None:
        pass

    @transition(field=state, source=RevisionState.SUBMITTED, target=RevisionState.UNDER_REVIEW)
    def start_review(self) -> None:
        pass

    @transition(field=state, source=RevisionState.UNDER_REVIEW, target=RevisionState.APPROVED)
    def approve(self) -> None:
        pass

    @transition(
        field=state, source=RevisionState.UNDER_REVIEW, target=RevisionState.CHANGES_REQUESTED
    )
    def request_changes(self) -> None:
        pass

    @transition(field=state, source=RevisionState.UNDER_REVIEW, target=RevisionState.REJECTED)
    def reject(self) -> None:
        pass

    @transition(field=state, source=RevisionState.APPROVED, target=RevisionState.PUBLISHED)
    def publish(self) -> None:
        pass

    @transition(field=state, source=RevisionState.PUBLISHED, target=RevisionState.SUPERSEDED)
    def supersede(self) -> None:
        pass

    @transition(field=state, source=RevisionState.PUBLISHED, target=RevisionState.RETRACTED)
    def unpublish(self) -> None:
        pass


class ReferenceKind(models.TextChoices):
    GUIDELINE = "guideline", "Guideline"
    SYSTEMATIC_REVIEW = "systematic_review", "Systematic review"
    RANDOMISED_TRIAL = "randomised_trial", "Randomised trial"
    RESEARCH = "research", "Research"
    REVIEW = "review", "Review"
    OTHER = "other", "Other"


class Reference(models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=32, choices=ReferenceKind.choices)
    title = models.CharField(max_length=500, validators=[single_line])
    source = models.CharField(
        max_length=250, blank=True, help_text="Journal or organisation.", validators=[single_line]
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    pmid = models.CharField("PMID", max_length=20, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)

    class Meta:
        ordering = ["revision", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "position"], name="reference_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="reference_position_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"[{self.position}] {self.title}"

    def save(self, *args, **kwargs) -> None:
        self._require_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._require_draft()
        return super().delete(*args, **kwargs)

    def _require_draft(self) -> None:
        state = Revision.objects.filter(pk=self.revision_id).values_list("state", flat=True).first()
        if state is not None and state != RevisionState.DRAFT:
            raise FrozenContentError(
                "This revision was submitted; its references are frozen. Start a new revision."
            )


class SnapshotState(models.TextChoices):
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class PublicSnapshot(models.Model):
    """What the public is served for one article, rendered once at publication.

    Built only by articles.publication from the live (published) revision, or as a
    retraction notice; the public views serve these stored bytes and read nothing else.
    """

    # Small columns first: SQLite stores a row's columns in this order, and reading one
    # that sits after a large text would walk that text's overflow pages.
    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="public_snapshot"
    )
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    slug = models.CharField(max_length=120, unique=True)
    state = models.CharField(max_length=16, choices=SnapshotState.choices)
    etag = models.CharField(max_length=80)
    # What produced the row (articles.versions): a row whose version is not the running
    # one is stale, still served, and rebuilt by rebuild_public. Empty: built before.
    renderer_version = models.CharField(max_length=32, blank=True, default="")
    # The compressed copies held beside the page and the JSON ("gzip", or "" for none).
    encodings = models.CharField(max_length=16, blank=True, default="")
    seals = models.TextField(
        blank=True,
        help_text="JSON: a keyed digest of each served column, checked every time it is served.",
    )
    last_modified = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField(auto_now=True)
    specialty_slug = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=250, blank=True)
    summary = models.TextField(blank=True)
    list_entry_json = models.TextField(blank=True)
    list_entry_html = models.TextField(blank=True)
    detail_json = models.TextField()
    audience_html = models.TextField(
        blank=True, help_text="JSON: the audience fragment of the page for each audience."
    )
    page_html = models.TextField()
    # Last: read only when a client accepts them, as one sealed value each (articles.seals).
    detail_json_gz = models.BinaryField(blank=True, default=b"")
    page_html_gz = models.BinaryField(blank=True, default=b"")

    class Meta:
        indexes = [
            models.Index(fields=["renderer_version"], name="snapshot_renderer_version"),
            models.Index(fields=["state", "-published_at", "-id"], name="snapshot_public_order"),
            models.Index(
                fields=["state", "specialty_slug", "-published_at"], name="snapshot_specialty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} ({self.state})"


class PublicNotice(models.Model):
    """One entry of the public record of changes (`/corrections/`): a correction, a
    retraction or a reinstatement, written with the article's rendering from what was
    published, and sealed like it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="public_notices")
    slug = models.CharField(max_length=120)
    kind = models.CharField(max_length=16)
    at = models.DateTimeField()
    title = models.CharField(max_length=250)
    note = models.TextField()
    seal = models.CharField(max_length=64)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["-at", "-id"], name="notice_public_order")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.slug}"


class PublicCatalogue(models.Model):
    """How many articles the public list holds (one row), kept exact by the builder so the
    busiest list request never has to count."""

    published = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.published} published"


class ProfileSnapshot(models.Model):
    """What the public is served at /reviewers/<slug>/: a reviewer's or board member's
    profile as they consented to show it, written when they consent and whenever what it
    shows changes, deleted when they withdraw. Sealed like the articles' renderings; the
    articles it lists are read from PublicCredit."""

    slug = models.CharField(max_length=80, unique=True)
    name = models.CharField(max_length=150)
    credentials = models.CharField(max_length=150, blank=True)
    affiliation = models.CharField(max_length=200, blank=True)
    orcid = models.CharField(max_length=19, blank=True)
    specialties = models.TextField(blank=True, help_text="JSON: [[name, slug], …].")
    declared_interests = models.TextField(blank=True)
    public_since = models.DateTimeField()
    last_modified = models.DateTimeField()
    seal = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.slug


class PublicCredit(models.Model):
    """One person named, with a public profile, on a published article's stored rendering:
    written with the rendering from the names it shows, so a profile page lists exactly the
    articles whose pages link to it."""

    snapshot = models.ForeignKey(PublicSnapshot, on_delete=models.CASCADE, related_name="credits")
    person = models.CharField(max_length=80, help_text="The slug of their public profile.")
    role = models.CharField(max_length=16)
    seal = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["person"], name="credit_person")]

    def __str__(self) -> str:
        return f"{self.person} on {self.snapshot_id}"
