"""The form of a reviewer's or board member's own public profile. The service checks
everything again; the form says early, beside the field, what would be refused."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from articles.validators import single_line
from reviewers import orcid
from reviewers.models import PublicProfile

from .forms import Accessible


class PublicProfileForm(Accessible, forms.Form):
    affiliation = forms.CharField(
        label="Affiliation",
        required=False,
        max_length=200,
        validators=[single_line],
        help_text="Where you work, as you would like it shown: “Royal Infirmary of Edinburgh”.",
    )
    orcid = forms.CharField(
        label="ORCID iD",
        required=False,
        max_length=60,
        help_text="Such as 0000-0002-1825-0097, or its https://orcid.org/ address. Your page "
        "and the articles you reviewed link to your ORCID record.",
    )
    declared_interests = forms.CharField(
        label="Declared interests",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Financial, professional or personal interests a reader should know of: "
        "grants, consultancy, paid talks, shares, roles in organisations. Shown as you write "
        "it. Write “None” if you have none.",
    )
    consent = forms.BooleanField(
        label="Yes, show my public profile",
        required=False,
        help_text="Your page shows your name, credentials, specialties and the details above, "
        "with the published articles you reviewed or approved (a review only where you agreed "
        "to be named); those articles link to it. Untick this at any time to take the page and "
        "the links down.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.describe()

    @staticmethod
    def initial_for(profile: PublicProfile | None) -> dict:
        if profile is None:
            return {}
        return {
            "affiliation": profile.affiliation,
            "orcid": profile.orcid,
            "declared_interests": profile.declared_interests,
            "consent": profile.is_public,
        }

    def clean_orcid(self) -> str:
        value = orcid.normalise(self.cleaned_data["orcid"])
        if value:
            try:
                orcid.validate_orcid(value)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return value

    def details(self) -> dict[str, str]:
        """The fields the service takes, as it stores them (LF line breaks)."""
        data = self.cleaned_data
        return {
            "affiliation": data["affiliation"],
            "orcid": data["orcid"],
            "declared_interests": data["declared_interests"].replace("\r\n", "\n"),
        }
