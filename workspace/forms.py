"""The workspace's forms. Their checks are the API's (the same limits and validators, from
articles.api and articles.validators) and the model's own field checks; the services check
everything again, so a form only says early, beside the field, what would be refused."""

from __future__ import annotations

from typing import Any

from django import forms

from articles.api import MAX_REFERENCES, MAX_SUMMARY_CHARS, is_oversized, oversized_text
from articles.models import AUDIENCE_BODY_FIELDS, CONTENT_FIELDS, Drafting, Reference, Specialty
from articles.validators import doi_format, pmid_format, single_line
from editorial.rules import CHOSEN_CLASSES
from reviewers.api import MAX_COMMENT_CHARS


class Accessible:
    """Each field's widget names its hint and, after validation, its error (ids the templates
    give them) in aria-describedby, and says aria-invalid when it has an error."""

    def describe(self) -> None:
        errors = self._errors or {}  # only once validated: describing never validates
        for name, field in self.fields.items():
            ids = [f"{self[name].auto_id}-hint"] if field.help_text else []
            if name in errors:
                ids.append(f"{self[name].auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self) -> None:
        super().full_clean()
        self.describe()


class NewArticleForm(Accessible, forms.Form):
    title = forms.CharField(max_length=250, validators=[single_line])
    slug = forms.SlugField(
        max_length=120,
        label="Address",
        help_text="The article's lasting address on the public site: lower-case letters, digits "
        "and hyphens, such as statins-explained. It cannot be changed later.",
    )
    specialty = forms.ModelChoiceField(
        Specialty.objects.order_by("name"), to_field_name="slug", empty_label="Choose one"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe()


def plain_newlines(text: str) -> str:
    """Line breaks as the API and the services store them. A browser sends a textarea's
    line breaks as CRLF (the HTML standard says so), so without this an author who saves a
    draft unchanged would change every paragraph break: the board's diff against the live
    text would show them, and the content hash would move."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _summary(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_SUMMARY_CHARS,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _version(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
    )


PERSON_DRAFTING = (Drafting.HUMAN, Drafting.AI_ASSISTED)
VERSION_HINT = (
    "The whole article rewritten for {readers}, in Markdown, citing the same references by "
    "number. Leave it empty and {readers} read the article above."
)


class DraftForm(Accessible, forms.Form):
    """A draft's content; every field may be left empty until it is submitted."""

    title = forms.CharField(max_length=250, required=False, validators=[single_line])
    summary = _summary("Summary", "Shown in lists and to anyone who chooses no audience.")
    summary_patient = _summary("Summary for patients", "For someone who has the condition.")
    summary_caregiver = _summary("Summary for caregivers", "For someone caring for them.")
    summary_clinician = _summary("Summary for clinicians", "For health professionals.")
    body = forms.CharField(
        required=False,
        strip=False,
        help_text="Markdown. Cite references by their number: [1], [2, 3] or [2-4].",
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
    )
    body_patient = _version("Version for patients", VERSION_HINT.format(readers="patients"))
    body_caregiver = _version("Version for caregivers", VERSION_HINT.format(readers="caregivers"))
    body_clinician = _version("Version for clinicians", VERSION_HINT.format(readers="clinicians"))

    def __init__(
        self, *args: Any, change_class: str = "", drafting: str = Drafting.HUMAN, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # People say whether an AI tool helped them write; a pipeline's draft keeps what the
        # pipeline said.
        if drafting in PERSON_DRAFTING:
            self.fields["drafting"] = forms.ChoiceField(
                label="How was this revision written?",
                choices=[(d.value, d.label) for d in PERSON_DRAFTING],
                widget=forms.RadioSelect,
                required=False,
                help_text="Readers are told how the article was drafted and that it was "
                "reviewed and approved by named people before publication.",
            )
        # A published article's next revision carries its kind of change and the one line
        # readers will see; the author may still change both while it is a draft.
        if change_class in CHOSEN_CLASSES:
            self.fields["change_class"] = forms.ChoiceField(
                label="Kind of change",
                choices=[(c.value, c.label) for c in CHOSEN_CLASSES],
                help_text="The editor confirms it when review starts.",
            )
        if change_class:
            self.fields["change_note"] = forms.CharField(
                label="What changed, or what was wrong, in one line for readers",
                max_length=300,
                required=False,
                validators=[single_line],
                help_text="Shown with the change once it is published; needed to submit "
                "an update, a correction or a reinstatement.",
            )
        self.describe()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("drafting"):
            data.pop("drafting", None)  # not asked, or not answered: unchanged
        for name in ("summary", "summary_patient", "summary_caregiver", "summary_clinician"):
            if isinstance(data.get(name), str):
                data[name] = plain_newlines(data[name])
        return data

    def _markdown(self, name: str) -> str:
        text = plain_newlines(self.cleaned_data[name])
        if is_oversized(text):
            raise forms.ValidationError(oversized_text(name))
        return text

    def clean_body(self) -> str:
        return self._markdown("body")

    def clean_body_patient(self) -> str:
        return self._markdown("body_patient")

    def clean_body_caregiver(self) -> str:
        return self._markdown("body_caregiver")

    def clean_body_clinician(self) -> str:
        return self._markdown("body_clinician")

    def versions(self) -> list[forms.BoundField]:
        """The version of the body for each audience, one section each in the editor."""
        return [self[name] for name in AUDIENCE_BODY_FIELDS]

    @staticmethod
    def initial_for(revision: Any) -> dict[str, str]:
        fields = {
            name: getattr(revision, name) for name in (*CONTENT_FIELDS, *AUDIENCE_BODY_FIELDS)
        }
        fields["drafting"] = revision.drafting
        if revision.change_class:
            fields |= {"change_class": revision.change_class, "change_note": revision.change_note}
        return fields


class WithdrawForm(Accessible, forms.Form):
    comment = forms.CharField(
        label="Why you withdraw it",
        required=False,
        max_length=MAX_COMMENT_CHARS,
        help_text="Kept in the article's history, for the editors.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe()


class ReferenceForm(Accessible, forms.ModelForm):
    """One reference: the model's field checks, and the API's DOI and PMID formats."""

    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Reference
        fields = ["kind", "title", "source", "year", "doi", "pmid", "url"]
        help_texts = {
            "doi": "Such as 10.1056/NEJMoa2034577.",
            "pmid": "Such as 31553837.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doi"].validators.append(doi_format)
        self.fields["pmid"].validators.append(pmid_format)

    def reference_data(self) -> dict[str, Any]:
        """The reference as revision_edit takes it (its position is its place in the list)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BaseReferenceFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["ORDER"].label = "Position"
        form.fields["ORDER"].help_text = "Its number in the list, as cited in the body."
        form.fields["ORDER"].widget.attrs.update({"min": 1})
        form.fields["DELETE"].label = "Remove this reference"
        form.describe()


ReferenceFormSet = forms.formset_factory(
    ReferenceForm,
    formset=BaseReferenceFormSet,
    extra=1,
    can_order=True,
    can_delete=True,
    max_num=MAX_REFERENCES,
    validate_max=True,
)
REFERENCES_PREFIX = "refs"


def references_initial(references: Any) -> list[dict[str, Any]]:
    return [
        {**{name: getattr(ref, name) for name in ReferenceForm.Meta.fields}, "ORDER": n}
        for n, ref in enumerate(references, start=1)
    ]


def kept_references(formset: forms.BaseFormSet) -> list[ReferenceForm]:
    """The valid references the author keeps, in the order they asked for: by position, then
    as listed; a blank new row and a removed one are left out."""
    existing = formset.initial_form_count()
    kept = [
        (form.cleaned_data.get("ORDER") or 10**6, i, form)
        for i, form in enumerate(formset.forms)
        if form.is_valid()
        and (i < existing or form.has_changed())
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("title")
    ]
    return [form for _, _, form in sorted(kept, key=lambda k: (k[0], k[1]))]
