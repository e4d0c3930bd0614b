"""People: reviewer profiles and their review assignments (a small state machine)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from articles.models import OPEN_FOR_REVIEW, Revision, Specialty
from articles.validators import single_line

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


OPEN = (AssignmentState.INVITED, AssignmentState.ACCEPTED)


class AssignmentQuerySet(models.QuerySet):
    """Which assignments are still in play, defined once for services, queues and pickers."""

    def active(self) -> AssignmentQuerySet:
        """Invited or accepted, on a revision still open for review: what holds a reviewer's
        time and what can be overdue."""
        return self.filter(state__in=OPEN, revision__state__in=OPEN_FOR_REVIEW)

    def open_on(self, revision: Revision) -> AssignmentQuerySet:
        """Invited or accepted on this revision, whatever its state."""
        return self.filter(revision=revision, state__in=OPEN)

    def taken_on(self, revision: Revision) -> AssignmentQuerySet:
        """Accepted or completed on this revision: someone is reviewing it."""
        return self.filter(
            revision=revision, state__in=(AssignmentState.ACCEPTED, AssignmentState.COMPLETED)
        )

    def load_of(self, reviewer: Reviewer) -> int:
        return self.active().filter(reviewer=reviewer).count()


class ReviewAssignment(ConcurrentTransitionMixin, models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="assignments")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="assignments")
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

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "reviewer"], name="one_assignment_per_reviewer_per_revision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.revision_id}"

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
