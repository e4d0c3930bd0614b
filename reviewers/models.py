"""People: reviewer profiles and their review assignments (a small state machine)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from articles.models import OPEN_FOR_REVIEW, Article, Revision, Specialty
from articles.validators import single_line

from .orcid import validate_orcid

BOARD_GROUP = "Advisory Board"


class Reviewer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer"
    )
    display_name = models.CharField(max_length=150, validators=[single_line])
    credentials = models.CharField(
        max_length=150, blank=True, help_text='e.g. "MD, FRCPsych"', validators=[single_line]
    )
    specialties = models.ManyToManyField(Specialty, blank=True, related_name="reviewers")
    is_active = models.BooleanField(default=True)
    max_active_reviews = models.PositiveSmallIntegerField(
        default=3, help_text="The most reviews (invited or accepted) this reviewer takes at once."
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name


class PublicProfile(models.Model):
    """What a reviewer or board member tells the public about themselves, beside the name,
    credentials and specialties the editors keep: shown at /reviewers/<slug>/, and linked from
    the articles that name them, only while they consent (`consented_at` is set)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="public_profile"
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The page's address; it never changes."
    )
    affiliation = models.CharField(
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text='Where they work, e.g. "Royal Infirmary of Edinburgh".',
    )
    orcid = models.CharField("ORCID iD", max_length=19, blank=True, validators=[validate_orcid])
    declared_interests = models.TextField(
        blank=True,
        max_length=3000,
        help_text="Their declaration of interests, shown on the page as written (plain text).",
    )
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When they agreed to the page; empty: not shown."
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="When they last withdrew their consent."
    )
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["slug"]
        verbose_name = "public profile"
        constraints = [
            # An ORCID iD is one person's: nobody's page may claim another's record.
            models.UniqueConstraint(
                fields=["orcid"], condition=~models.Q(orcid=""), name="one_profile_per_orcid"
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    @property
    def is_public(self) -> bool:
        return self.consented_at is not None


class AssignmentState(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class Recommendation(models.TextChoices):
    APPROVE = "approve", "Approve"
    MINOR_CHANGES = "minor_changes", "Minor changes"
    MAJOR_CHANGES = "major_changes", "Major changes"
    REJECT = "reject", "Reject"
    # A re-review of the published text answers one question: does it still hold?
    STILL_ACCURATE = "still_accurate", "Still accurate"
    NEEDS_UPDATE = "needs_update", "Needs update"


# Which recommendations fit which kind of assignment: a review of a submitted revision, or a
# re-review of the published one.
REVIEW_RECOMMENDATIONS = (
    Recommendation.APPROVE,
    Recommendation.MINOR_CHANGES,
    Recommendation.MAJOR_CHANGES,
    Recommendation.REJECT,
)
REREVIEW_RECOMMENDATIONS = (Recommendation.STILL_ACCURATE, Recommendation.NEEDS_UPDATE)

OPEN = (AssignmentState.INVITED, AssignmentState.ACCEPTED)


class AssignmentKind(models.TextChoices):
    REVIEW = "review", "Review of a submitted revision"
    REREVIEW = "rereview", "Re-review of the published text"


class ReReviewState(models.TextChoices):
    OPEN = "open", "Open"
    ATTESTED = "attested", "Attested: still accurate"
    UPDATE_OPENED = "update_opened", "Update opened"
    CANCELLED = "cancelled", "Cancelled"


class ReReview(ConcurrentTransitionMixin, models.Model):
    """A periodic re-review of an article's live (published) revision: reviewers say whether
    the published text is still accurate, then a board member attests that it is (the
    article's review dates move; the text, its hash and its revision stay) or opens an
    update (a new draft for the author). Not a new revision: it reviews the one the public
    reads. Its assignments are ordinary review assignments pointing at it."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="rereviews")
    revision = models.ForeignKey(
        Revision,
        on_delete=models.PROTECT,
        related_name="rereviews",
        help_text="The live, published revision the re-review is of.",
    )
    state = FSMField(
        default=ReReviewState.OPEN, choices=ReReviewState.choices, protected=True, db_index=True
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty while open, or when the system closed it (the revision left the "
        "public side).",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(
        blank=True,
        help_text="The board's words on closing it (internal; sent to the author with an update).",
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = "re-review"
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(state="open"),
                name="one_open_rereview_per_article",
            ),
        ]

    def __str__(self) -> str:
        return f"Re-review of {self.revision_id} ({self.state})"

    @transition(field=state, source=ReReviewState.OPEN, target=ReReviewState.ATTESTED)
    def attest(self) -> None:
        pass

    @transition(field=state, source=ReReviewState.OPEN, target=ReReviewState.UPDATE_OPENED)
    def open_update(self) -> None:
        pass

    @transition(field=state, source=ReReviewState.OPEN, target=ReReviewState.CANCELLED)
    def cancel(self) -> None:
        pass


class AssignmentQuerySet(models.QuerySet):
    """Which assignments are still in play, defined once for services, queues and pickers."""

    def active(self) -> AssignmentQuerySet:
        """Invited or accepted, on a revision still open for review or on an open re-review:
        what holds a reviewer's time and what can be overdue.

        The revision and the re-review are matched by key against the (few) open ones rather
        than joined: joined inside an OR, PostgreSQL guesses that almost nothing matches and
        sorts a whole long queue instead of reading it in index order up to the page's end."""
        open_revisions = Revision.objects.filter(state__in=OPEN_FOR_REVIEW).values("pk")
        open_rereviews = ReReview.objects.filter(state=ReReviewState.OPEN).values("pk")
        return self.filter(state__in=OPEN).filter(
            models.Q(rereview__isnull=True, revision__in=open_revisions)
            | models.Q(rereview__in=open_rereviews)
        )

    def open_on(self, revision: Revision) -> AssignmentQuerySet:
        """Invited or accepted on this revision's own review (not a re-review of it),
        whatever its state."""
        return self.filter(revision=revision, rereview__isnull=True, state__in=OPEN)

    def taken_on(self, revision: Revision) -> AssignmentQuerySet:
        """Accepted or completed on this revision's own review: someone is reviewing it."""
        return self.filter(
            revision=revision,
            rereview__isnull=True,
            state__in=(AssignmentState.ACCEPTED, AssignmentState.COMPLETED),
        )

    def load_of(self, reviewer: Reviewer) -> int:
        return self.active().filter(reviewer=reviewer).count()


class ReviewAssignment(ConcurrentTransitionMixin, models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="assignments")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="assignments")
    rereview = models.ForeignKey(
        ReReview,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text="Set when this is a re-review of the published revision, not its review.",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = FSMField(
        default=AssignmentState.INVITED,
        choices=AssignmentState.choices,
        protected=True,
        db_index=True,
    )
    due_at = models.DateTimeField()
    invited_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    has_conflict = models.BooleanField(default=False)
    conflict_statement = models.TextField(
        blank=True, help_text="The reviewer's declaration of competing interests, if any."
    )
    decline_reason = models.TextField(blank=True)
    cancel_reason = models.TextField(blank=True)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    comments_for_author = models.TextField(blank=True)
    confidential_comments = models.TextField(
        blank=True, help_text="For the editors and the board only; never shown to the author."
    )
    credit_consent = models.BooleanField(
        default=False,
        help_text="The reviewer agreed, on submitting, to be named as a reviewer of the "
        "article once it is published.",
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        # The lists of assignments, soonest due first: everyone's (editors) and one
        # reviewer's own, each read in index order rather than sorted whole.
        indexes = [
            models.Index(fields=["due_at", "id"], name="assignment_due_idx"),
            models.Index(fields=["reviewer", "due_at", "id"], name="assignment_reviewer_due_idx"),
            # Only the open ones, however long the history: the overdue queue, soonest due
            # first, and each reviewer's current load.
            models.Index(
                fields=["due_at", "id"],
                condition=models.Q(state__in=OPEN),
                name="assignment_open_due",
            ),
            models.Index(
                fields=["reviewer", "state"],
                condition=models.Q(state__in=OPEN),
                name="assignment_open_by_reviewer",
            ),
        ]
        # One review per reviewer per revision, and one per re-review of it: the reviewer of
        # revision 1 may be asked again, years later, whether it still holds.
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "reviewer"],
                condition=models.Q(rereview__isnull=True),
                name="one_assignment_per_reviewer_per_revision",
            ),
            models.UniqueConstraint(
                fields=["rereview", "reviewer"],
                condition=models.Q(rereview__isnull=False),
                name="one_assignment_per_reviewer_per_rereview",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.revision_id}"

    @property
    def is_rereview(self) -> bool:
        return self.rereview_id is not None

    @property
    def kind(self) -> str:
        return AssignmentKind.REREVIEW if self.is_rereview else AssignmentKind.REVIEW

    @property
    def recommendations(self) -> tuple[str, ...]:
        """The recommendations this assignment may end with."""
        return REREVIEW_RECOMMENDATIONS if self.is_rereview else REVIEW_RECOMMENDATIONS

    @transition(field=state, source=AssignmentState.INVITED, target=AssignmentState.ACCEPTED)
    def accept(self) -> None:
        pass

    @transition(field=state, source=AssignmentState.INVITED, target=AssignmentState.DECLINED)
    def decline(self) -> None:
        pass

    @transition(
        field=state,
        source=[AssignmentState.INVITED, AssignmentState.ACCEPTED],
        target=AssignmentState.CANCELLED,
    )
    def cancel(self) -> None:
        pass

    @transition(field=state, source=AssignmentState.ACCEPTED, target=AssignmentState.COMPLETED)
    def complete(self) -> None:
        pass


class ReviewDraft(models.Model):
    """A review being written: the reviewer's own, saved as they go. Never shown to anyone
    else and never a review; submitting copies it into the assignment and removes it."""

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="draft"
    )
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    comments_for_author = models.TextField(blank=True)
    confidential_comments = models.TextField(blank=True)
    saved_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Draft review on assignment {self.assignment_id}"


class ReviewerLinkQuerySet(models.QuerySet):
    def live(self) -> ReviewerLinkQuerySet:
        from django.utils import timezone

        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ReviewerLink(models.Model):
    """A link sent to a reviewer that opens one assignment without a password. Only a hash
    of its token is kept; the token itself is in the e-mail and nowhere else."""

    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when a newer link replaced it.",
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    new_link_asked_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewerLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Link for assignment {self.assignment_id}"
