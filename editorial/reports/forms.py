"""The report form, and what stands in for an account: a honeypot and a minimum fill time."""

from __future__ import annotations

import time

from django import forms
from django.core import signing

from ..models import REPORT_MESSAGE_MAX, ReportKind, plain_text

# A field people never see (hidden from view and from screen readers): whatever fills it in
# is a program. Both the form and the JSON endpoint answer such a report as if accepted and
# keep nothing, so the program learns nothing.
HONEYPOT = "website"
# A person reads the form and writes something; a program posts at once.
MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 60 * 60
SALT = "imprimatur.reader-report-form"
TOO_FAST = "That was quick. Please check your report, then send it again."
EXPIRED = "This form had expired. Please send your report again."


def form_token(slug: str, issued_at: float | None = None) -> str:
    """A signed note of when the form was given out, and for which article."""
    issued = int(time.time() if issued_at is None else issued_at)
    return signing.dumps([slug, issued], salt=SALT, compress=False)


def token_problem(token: str, slug: str) -> str | None:
    """Why the form's token is not acceptable now; None when it is."""
    try:
        signed_slug, issued = signing.loads(token, salt=SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return EXPIRED
    if signed_slug != slug or not isinstance(issued, int):
        return EXPIRED
    age = time.time() - issued
    if age > MAX_FORM_AGE or age < -60:
        return EXPIRED
    if age < MIN_FILL_SECONDS:
        return TOO_FAST
    return None


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it about?", choices=ReportKind.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label="Your message",
        max_length=REPORT_MESSAGE_MAX,
        validators=[plain_text],
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        help_text="What is wrong or unclear, or your question. Please do not include details "
        "about your own health: we cannot give personal medical advice.",
    )
    email = forms.EmailField(
        label="Your e-mail address (optional)",
        required=False,
        help_text="Only if you would like a reply. We use it for nothing else and erase it "
        "after your report is closed.",
    )
    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(widget=forms.HiddenInput)
