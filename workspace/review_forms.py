"""The reviewer's forms: accepting (declaring any conflict), declining, the review and its
draft, and the consent to public credit asked on submitting. The services check everything
again; a form only says early, beside the field, what would be refused."""

from __future__ import annotations

from typing import Any

from django import forms

from reviewers.api import MAX_COMMENT_CHARS
from reviewers.models import Recommendation, ReviewAssignment, ReviewDraft

from .forms import Accessible


class _Described(Accessible, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe()


def _text(label: str, rows: int, help_text: str = "", **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_COMMENT_CHARS,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class AcceptForm(_Described):
    has_conflict = forms.BooleanField(
        label="I have a conflict of interest with this article",
        required=False,
        help_text="Financial, professional or personal. The editors and the board read your "
        "declaration; a review with a declared conflict does not count toward approval.",
    )
    conflict_statement = _text(
        "Your declaration", 3, "Required when you declare a conflict of interest."
    )


class DeclineForm(_Described):
    reason = _text("Why you decline", 3, "The editor reads it; the author never does.")


class ReviewForm(_Described):
    recommendation = forms.ChoiceField(label="Your recommendation", required=False)
    comments_for_author = _text(
        "Comments for the author",
        12,
        "Sent to the author with the board's decision, without your name.",
        strip=False,
    )
    confidential_comments = _text(
        "Confidential comments for the editors and the board",
        5,
        "Never shown to the author.",
        strip=False,
    )

    def __init__(self, *args: Any, assignment: ReviewAssignment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(assignment.recommendations)
        self.fields["recommendation"].choices = [
            ("", "Choose…"),
            *((value, label) for value, label in Recommendation.choices if value in allowed),
        ]

    @staticmethod
    def initial_for(draft: ReviewDraft | None) -> dict[str, str]:
        if draft is None:
            return {}
        return {
            "recommendation": draft.recommendation,
            "comments_for_author": draft.comments_for_author,
            "confidential_comments": draft.confidential_comments,
        }

    def cleaned_text(self) -> dict[str, str]:
        """As the service stores it: LF line breaks (browsers send a textarea's as CRLF)."""
        data = dict(self.cleaned_data)
        for name in ("comments_for_author", "confidential_comments"):
            data[name] = data[name].replace("\r\n", "\n")
        return data


class SubmitReviewForm(_Described):
    credit_consent = forms.BooleanField(
        label="Yes, you may name me as a reviewer of this article when it is published",
        required=False,
        help_text="Your name and credentials would appear with the published article. Leave "
        "this unticked to stay unnamed; your review counts either way.",
    )
