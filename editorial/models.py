"""The workflow's records: board votes, recusals, API tokens, readers' reports and the append-only,
hash-chained audit history."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from articles.models import Article, Revision
from articles.validators import single_line


class VoteDecision(models.TextChoices):
    APPROVE = "approve", "Approve"
    REQUEST_CHANGES = "request_changes", "Request changes"
    REJECT = "reject", "Reject"


class BoardVote(models.Model):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_votes"
    )
    decision = models.CharField(max_length=20, choices=VoteDecision.choices)
    content_hash = models.CharField(
        max_length=64, help_text="The content hash of the revision the member voted on."
    )
    comment = models.TextField(blank=True)
    acknowledges_retraction = models.BooleanField(
        default=False,
        help_text="On a revision that reinstates a retracted article: the member approved "
        "knowing of the retraction and its reason.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "member"], name="one_vote_per_member"),
        ]
        # The admin's list of votes, newest first.
        indexes = [models.Index(fields=["-created_at", "-id"], name="boardvote_created_idx")]

    def __str__(self) -> str:
        return f"{self.member} {self.decision} r{self.revision_id}"


class BoardRecusal(models.Model):
    """A board member's declared conflict of interest with an article: from then on they do
    not vote on any of its revisions."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="recusals")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_recusals"
    )
    revision = models.ForeignKey(
        Revision,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The revision under review when the conflict was declared.",
    )
    statement = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "member"], name="one_recusal_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member} recused from {self.article}"


class TokenRevocation(models.TextChoices):
    BY_OWNER = "by_owner", "revoked by its owner"
    BY_ADMINISTRATOR = "by_administrator", "revoked by an administrator"
    BY_OPERATOR = "by_operator", "revoked at the console"
    PASSWORD_CHANGED = "password_changed", "revoked when the owner's password changed"


class TokenState(models.TextChoices):
    ACTIVE = "active", "active"
    EXPIRED = "expired", "expired"
    REVOKED = "revoked", "revoked"


class ApiToken(models.Model):
    """A key for one device or pipeline. The key is shown once, when issued; only its public
    prefix (to find the row) and the SHA-256 of the whole key are kept. A key of 256 random
    bits needs no slow hash: there is nothing to guess a dictionary word from."""

    KEY_START = "imp_"
    PREFIX_LENGTH = 12  # hex characters after KEY_START

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100,
        validators=[single_line],
        help_text="Which device or pipeline holds it, e.g. “draft pipeline”.",
    )
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(editable=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_reason = models.CharField(
        max_length=20, choices=TokenRevocation.choices, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "revoked_at"])]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @classmethod
    def new_key(cls) -> tuple[str, str]:
        """(prefix, key): `imp_<12 hex>_<43 url-safe characters>`."""
        prefix = secrets.token_hex(cls.PREFIX_LENGTH // 2)
        return prefix, f"{cls.KEY_START}{prefix}_{secrets.token_urlsafe(32)}"

    @classmethod
    def prefix_of(cls, key: str) -> str | None:
        end = len(cls.KEY_START) + cls.PREFIX_LENGTH
        if not key.startswith(cls.KEY_START) or key[end : end + 1] != "_":
            return None
        return key[len(cls.KEY_START) : end]

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    def matches(self, key: str) -> bool:
        return hmac.compare_digest(self.key_hash, self.hash_key(key))

    @property
    def state(self) -> TokenState:
        if self.revoked_at is not None:
            return TokenState.REVOKED
        return TokenState.EXPIRED if self.expires_at <= timezone.now() else TokenState.ACTIVE


class AuditAction(models.TextChoices):
    ARTICLE_CREATED = "article_created", "Article created"
    DRAFT_EDITED = "draft_edited", "Draft edited"
    REVISION_STARTED = "revision_started", "Revision started"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REVIEWER_ASSIGNED = "reviewer_assigned", "Reviewer assigned"
    ASSIGNMENT_ACCEPTED = "assignment_accepted", "Assignment accepted"
    ASSIGNMENT_DECLINED = "assignment_declined", "Assignment declined"
    ASSIGNMENT_CANCELLED = "assignment_cancelled", "Assignment cancelled"
    REVIEW_COMPLETED = "review_completed", "Review completed"
    REVIEW_STARTED = "review_started", "Review started"
    VOTE_CAST = "vote_cast", "Vote cast"
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    PUBLICATION_SCHEDULED = "publication_scheduled", "Publication scheduled"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"
    UNPUBLISHED = "unpublished", "Unpublished"
    BOARD_RECUSED = "board_recused", "Board member recused"
    DUE_DATE_EXTENDED = "due_date_extended", "Review due date extended"
    REVIEWER_PROFILE_CREATED = "reviewer_profile_created", "Reviewer profile created"
    REVIEWER_PROFILE_UPDATED = "reviewer_profile_updated", "Reviewer profile updated"
    SPECIALTY_CREATED = "specialty_created", "Specialty created"
    SPECIALTY_RENAMED = "specialty_renamed", "Specialty renamed"
    PERSON_CREATED = "person_created", "Account created"
    PERSON_UPDATED = "person_updated", "Account details updated"
    PASSWORD_SET = "password_set", "Password set by an administrator"
    ROLE_GRANTED = "role_granted", "Role granted"
    ROLE_REVOKED = "role_revoked", "Role revoked"
    API_TOKEN_ISSUED = "api_token_issued", "API token issued"
    API_TOKEN_REVOKED = "api_token_revoked", "API token revoked"
    PUBLICATION_REFUSED = "publication_refused", "Public rendering refused"
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", "Second factor set up"
    SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset by an administrator"
    RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used to sign in"
    AUDIT_KEY_ROTATED = "audit_key_rotated", "Audit signing key rotated"
    READER_REPORT_ACKNOWLEDGED = "reader_report_acknowledged", "Reader's report acknowledged"
    READER_REPORT_RESOLVED = "reader_report_resolved", "Reader's report resolved"
    READER_REPORT_DISMISSED = "reader_report_dismissed", "Reader's report dismissed"
    READER_REPORT_EMAILS_ERASED = "reader_report_emails_erased", "Readers' e-mail addresses erased"
    READER_REPORT_CORRECTION_OPENED = (
        "reader_report_correction_opened",
        "Correction opened from a reader's report",
    )
    REREVIEW_OPENED = "rereview_opened", "Re-review opened"
    REREVIEW_ATTESTED = "rereview_attested", "Re-review attested: still accurate"
    REREVIEW_UPDATE_OPENED = "rereview_update_opened", "Re-review opened an update"
    REREVIEW_CANCELLED = "rereview_cancelled", "Re-review cancelled"
    REVIEWER_LINK_SENT = "reviewer_link_sent", "New reviewer link sent"
    REVIEWER_LINK_REVOKED = "reviewer_link_revoked", "Reviewer link revoked"
    REVIEWER_LINK_USED = "reviewer_link_used", "Reviewer link opened"
    REVIEWER_LINK_ASKED = "reviewer_link_asked", "Reviewer asked for a new link"
    PUBLIC_PROFILE_UPDATED = "public_profile_updated", "Public profile updated"
    PUBLIC_PROFILE_CONSENTED = "public_profile_consented", "Public profile consented to"
    PUBLIC_PROFILE_WITHDRAWN = "public_profile_withdrawn", "Public profile withdrawn"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutableError("The audit history cannot be rewritten.")

    def delete(self):
        raise AuditImmutableError("The audit history cannot be deleted.")


class AuditImmutableError(Exception):
    pass


class AuditEvent(models.Model):
    """One recorded step. Append-only; each row's hash is an HMAC, under the key it names,
    that covers the previous row's hash.

    Written only by editorial.audit.record(), in the transaction of the change it records.
    """

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system acted (scheduled publication).",
    )
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    article = models.ForeignKey(
        Article, null=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    key_id = models.CharField(
        max_length=32,
        blank=True,
        default="",
        editable=False,
        help_text="Which AUDIT_KEY signed this event; empty for events from before keyed audit.",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["article", "sequence"])]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditImmutableError("The audit history cannot be rewritten.")
        if self.action not in AuditAction.values:
            raise ValueError(f"Unknown audit action {self.action!r}.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError("The audit history cannot be deleted.")


# -- readers' reports ------------------------------------------------------------------------
class ReportKind(models.TextChoices):
    FACTUAL_ERROR = "factual_error", "A factual error"
    OUT_OF_DATE = "out_of_date", "Out of date"
    UNCLEAR = "unclear", "Unclear or hard to follow"
    QUESTION = "question", "A question"
    OTHER = "other", "Something else"


class ReportState(models.TextChoices):
    NEW = "new", "New"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"
    DISMISSED = "dismissed", "Dismissed"


OPEN_REPORT_STATES = (ReportState.NEW, ReportState.ACKNOWLEDGED)
CLOSED_REPORT_STATES = (ReportState.RESOLVED, ReportState.DISMISSED)
REPORT_MESSAGE_MAX = 5000

# Plain text: line breaks and tabs are a reader's own layout; any other control character
# is not something a person types into a form.
plain_text = RegexValidator(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]",
    inverse_match=True,
    message="Use plain text: no control characters other than line breaks and tabs.",
    code="control_characters",
)


class ReaderReport(ConcurrentTransitionMixin, models.Model):
    """A reader's report of a problem with, or question about, a published article.

    Kept for the editors only: never shown on any public page. The reader's e-mail address
    (optional, for a reply) is erased a retention period after the report is closed
    (`reader_report_erase_expired_emails`). Transition bodies are trivial: the services in
    editorial/services/reports.py check, save and audit.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="reader_reports")
    revision = models.ForeignKey(
        Revision,
        on_delete=models.PROTECT,
        related_name="reader_reports",
        help_text="The revision the public was reading when the report was sent.",
    )
    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    message = models.TextField(
        max_length=REPORT_MESSAGE_MAX,
        validators=[plain_text, MaxLengthValidator(REPORT_MESSAGE_MAX)],
        help_text="The reader's words, stored and shown to editors as plain text.",
    )
    email = models.EmailField(
        blank=True, help_text="For a reply; erased once the report has been closed a while."
    )
    state = FSMField(
        default=ReportState.NEW, choices=ReportState.choices, protected=True, db_index=True
    )
    resolution_note = models.TextField(
        blank=True, help_text="The editors' note on what was done; never shown publicly."
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The editor who last moved the report on.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    email_erased_at = models.DateTimeField(null=True, blank=True)
    correction = models.ForeignKey(
        Revision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correcting_reports",
        help_text="The correction opened from this report; publishing it resolves the report.",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["article", "state"], name="report_article_state")]

    def __str__(self) -> str:
        return f"Report #{self.pk} on {self.article}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_REPORT_STATES

    # -- transitions (called only from editorial.services) -----------------
    @transition(field=state, source=ReportState.NEW, target=ReportState.ACKNOWLEDGED)
    def acknowledge(self) -> None:
        pass

    @transition(field=state, source=list(OPEN_REPORT_STATES), target=ReportState.RESOLVED)
    def resolve(self) -> None:
        pass

    @transition(field=state, source=list(OPEN_REPORT_STATES), target=ReportState.DISMISSED)
    def dismiss(self) -> None:
        pass


class ReminderKind(models.TextChoices):
    INVITATION_UNANSWERED = "invitation_unanswered", "Invitation unanswered"
    REVIEW_DUE_SOON = "review_due_soon", "Review due soon"
    REVIEW_OVERDUE = "review_overdue", "Review overdue"
    READY_FOR_REVIEW = "ready_for_review", "Ready for review"
    APPROVED_UNPUBLISHED = "approved_unpublished", "Approved, not yet published"
    REREVIEW_DUE = "rereview_due", "Re-review due"


class Reminder(models.Model):
    """A reminder sent by `editorial_tick`, kept so that it is never sent twice.

    `key` names what the reminder is about and, where that can move, the date it is about
    (an assignment's due date, an article's next re-review): the same reminder is sent once,
    but a due date that was extended may be reminded of again. The row is written in the
    transaction that enqueues the e-mail, and the unique constraint makes the second of two
    concurrent runs send nothing.
    """

    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    key = models.CharField(max_length=200)
    revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipients = models.JSONField(default=list, help_text="The ids of the people written to.")
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_reminder_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.key})"
