"""The small forms behind the admin's workflow buttons. They collect input and check only
its format (a date is a date); whether it is acceptable is the service's to say, and its
refusal is shown on the form."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from articles.models import ChangeClass
from reviewers.models import Recommendation, Reviewer

from ..selectors import last_round_reviewer_list
from ..services import default_due_at

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def _textarea(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


class ConfirmForm(forms.Form):
    """An action that needs nothing but the click."""


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the author", widget=_textarea(), required=False, strip=True
    )

    def __init__(self, *args, label: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["comment"].label = label


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish at",
        widget=_datetime_widget(),
        input_formats=[DATETIME_FORMAT],
        help_text="In the site's time zone. Leave empty to clear a scheduled publication.",
        required=False,
    )


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Reviewer) -> str:
        load = f"{obj.active_reviews} of {obj.max_active_reviews} active reviews"
        if obj.active_reviews >= obj.max_active_reviews:
            load += ", at the limit"
        match = "matches the specialty" if obj.matches_specialty else "other specialty"
        return f"{obj} — {match} — {load}"


class AssignReviewerForm(forms.Form):
    reviewer = ReviewerChoiceField(
        queryset=Reviewer.objects.none(),
        empty_label="Choose a reviewer…",
        help_text="Matching specialty and room under their limit first. The author and anyone "
        "who declared a conflict with this article are not listed.",
    )
    due_at = forms.DateTimeField(
        label="Review due", widget=_datetime_widget(), input_formats=[DATETIME_FORMAT]
    )

    def __init__(self, *args, candidates, revision=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = candidates
        self.fields["due_at"].initial = timezone.localtime(default_due_at(revision)).replace(
            second=0, microsecond=0
        )


class ReinviteForm(forms.Form):
    """Invite last round's reviewers again: who they are is said on the form."""

    due_at = forms.DateTimeField(
        label="Reviews due", widget=_datetime_widget(), input_formats=[DATETIME_FORMAT],
        required=False, help_text="Empty: the usual due date for this revision.",
    )  # fmt: skip

    invites = True

    def narrow(self, revision) -> None:
        self.invited = [r.display_name for r in last_round_reviewer_list(revision)]
        self.fields["due_at"].initial = timezone.localtime(default_due_at(revision)).replace(
            second=0, microsecond=0
        )


class AcceptForm(forms.Form):
    has_conflict = forms.BooleanField(
        label="I have a conflict of interest with this article",
        required=False,
        help_text="Financial, professional or personal. The board will see your declaration; "
        "a review with a declared conflict does not count toward approval.",
    )
    conflict_statement = forms.CharField(
        label="Declaration", widget=_textarea(3), required=False, strip=True
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason for declining",
        widget=_textarea(3),
        required=False,
    )


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        choices=[("", "Choose…"), *Recommendation.choices], label="Recommendation", required=False
    )
    comments_for_author = forms.CharField(
        label="Comments for the author",
        widget=_textarea(8),
        required=False,
    )
    confidential_comments = forms.CharField(
        label="Confidential comments for the editors and the board",
        widget=_textarea(4),
        required=False,
        help_text="Never shown to the author.",
    )
    credit_consent = forms.BooleanField(
        label="May we name you as a reviewer of this article when it is published?",
        required=False,
    )

    def narrow(self, assignment) -> None:
        """Offer only the recommendations this assignment may end with: a re-review of the
        published text says whether it is still accurate."""
        allowed = set(assignment.recommendations)
        self.fields["recommendation"].choices = [
            ("", "Choose…"),
            *((value, label) for value, label in Recommendation.choices if value in allowed),
        ]


class RecuseForm(forms.Form):
    statement = forms.CharField(
        label="Your declaration of a conflict of interest",
        widget=_textarea(3),
        required=False,
        help_text="Financial, professional or personal. The board and editors read it.",
    )


class ExtendDueForm(forms.Form):
    due_at = forms.DateTimeField(
        label="New due date", widget=_datetime_widget(), input_formats=[DATETIME_FORMAT]
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Reason (kept in the history)", widget=_textarea(3), required=False
    )


class NoteForm(forms.Form):
    """The editor's note on a reader's report (whether one is needed is the service's rule)."""

    note = forms.CharField(label="Note", widget=_textarea(4), required=False, strip=True)

    def __init__(self, *args, label: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["note"].label = label


class StartReviewForm(forms.Form):
    change_class = forms.ChoiceField(
        label="Change class",
        choices=[("", "Keep the author's"), *ChangeClass.choices],
        required=False,
        help_text="For a published article. A change is recorded with the old and new class.",
    )
    change_note = forms.CharField(
        label="Note for readers",
        max_length=300,
        required=False,
        strip=True,
        help_text="Leave empty to keep the author's note.",
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("change_note"):
            data["change_note"] = None  # keep the author's
        return data


class VoteReinstatementForm(CommentForm):
    acknowledges_retraction = forms.BooleanField(
        label="I have read the retraction and its reason, and approve publishing the article again",
        required=False,
    )
