"""Content as the API reads and writes it: specialties, references, a revision's content.

No workflow here (articles never imports editorial): editorial/api builds its resources on
these serializers and calls the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from config.api.errors import PayloadTooLarge
from config.api.fields import StrictFieldsMixin, StrictSerializer
from config.api.schema import with_errors

from .models import (
    AUDIENCE_BODY_FIELDS,
    AUDIENCE_READERS,
    CONTENT_FIELDS,
    PROVENANCE_FIELDS,
    PROVENANCE_NOTE,
    Drafting,
    Reference,
    Revision,
    Specialty,
)
from .validators import doi_format, pmid_format, single_line

MAX_MARKDOWN_BYTES = 200 * 1024
MAX_REFERENCES = 300
MAX_SUMMARY_CHARS = 5000


class SpecialtySerializer(serializers.ModelSerializer):
    class Meta:
        model = Specialty
        fields = ["slug", "name"]


class SpecialtyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The specialties an article can belong to (an article is created with one's slug)."""

    queryset = Specialty.objects.order_by("name")
    serializer_class = SpecialtySerializer
    pagination_class = None

    @extend_schema(summary="List specialties", responses=with_errors({200: SpecialtySerializer},
                                                                     (401, 429)))  # fmt: skip
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


class ReferenceSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """One entry of the ordered reference list; its position is its place in the list."""

    class Meta:
        model = Reference
        fields = ["position", "kind", "title", "source", "year", "doi", "pmid", "url"]
        read_only_fields = ["position"]
        # The same format checks as the authors' workspace form.
        extra_kwargs = {"doi": {"validators": [doi_format]}, "pmid": {"validators": [pmid_format]}}


def oversized_text(name: str) -> str:
    """The refusal of a body, or of an audience's version, past the Markdown size limit."""
    what = "The body"
    if name in AUDIENCE_BODY_FIELDS:
        what = f"The version for {AUDIENCE_READERS[name.removeprefix('body_')]}"
    return (
        f"{what} is larger than {MAX_MARKDOWN_BYTES // 1024} KB of Markdown; "
        "split the article or shorten it."
    )


def is_oversized(text: str) -> bool:
    return len(text.encode("utf-8", "surrogatepass")) > MAX_MARKDOWN_BYTES


def refuse_oversized(data: Any) -> None:
    """413 before any field is validated: the limits protect the server, not the form."""
    if not isinstance(data, Mapping):
        return
    for name in ("body", *AUDIENCE_BODY_FIELDS):
        text = data.get(name)
        if isinstance(text, str) and is_oversized(text):
            raise PayloadTooLarge(oversized_text(name))
    references = data.get("references")
    if isinstance(references, list) and len(references) > MAX_REFERENCES:
        raise PayloadTooLarge(
            f"An article may have at most {MAX_REFERENCES} references; "
            f"this one has {len(references)}."
        )


class RevisionContentInputSerializer(StrictSerializer):
    """What an author writes: every field optional, so a draft can be saved half-done."""

    title = serializers.CharField(
        max_length=250, allow_blank=True, required=False, validators=[single_line]
    )
    summary = serializers.CharField(max_length=MAX_SUMMARY_CHARS, allow_blank=True, required=False)
    summary_patient = serializers.CharField(
        max_length=MAX_SUMMARY_CHARS, allow_blank=True, required=False
    )
    summary_caregiver = serializers.CharField(
        max_length=MAX_SUMMARY_CHARS, allow_blank=True, required=False
    )
    summary_clinician = serializers.CharField(
        max_length=MAX_SUMMARY_CHARS, allow_blank=True, required=False
    )
    body = serializers.CharField(
        allow_blank=True,
        required=False,
        trim_whitespace=False,
        help_text=f"Markdown, at most {MAX_MARKDOWN_BYTES // 1024} KB; cite references as [1].",
    )
    body_patient = serializers.CharField(
        allow_blank=True,
        required=False,
        trim_whitespace=False,
        help_text="The whole article written for patients (Markdown, same limit and references "
        "as the body); blank for none: patients then read the body.",
    )
    body_caregiver = serializers.CharField(
        allow_blank=True,
        required=False,
        trim_whitespace=False,
        help_text="The whole article written for caregivers; blank for none.",
    )
    body_clinician = serializers.CharField(
        allow_blank=True,
        required=False,
        trim_whitespace=False,
        help_text="The whole article written for clinicians; blank for none.",
    )
    references = ReferenceSerializer(
        many=True,
        required=False,
        help_text=f"The whole ordered list (at most {MAX_REFERENCES}); it replaces the old one.",
    )
    drafting = serializers.ChoiceField(
        choices=Drafting.choices,
        required=False,
        help_text="How the revision was drafted. Required from a drafting pipeline's account "
        "(ai_generated or ai_assisted, with drafting_pipeline, drafting_model and "
        "drafting_model_version); human by default for people. Public once published.",
    )
    drafting_pipeline = serializers.CharField(
        max_length=100, required=False, allow_blank=True, validators=[single_line]
    )
    drafting_model = serializers.CharField(
        max_length=100, required=False, allow_blank=True, validators=[single_line]
    )
    drafting_model_version = serializers.CharField(
        max_length=100, required=False, allow_blank=True, validators=[single_line]
    )
    drafting_note = serializers.CharField(
        max_length=MAX_SUMMARY_CHARS,
        required=False,
        allow_blank=True,
        help_text="The prompt or source reference; kept internal, never public.",
    )

    def to_internal_value(self, data: Any) -> Any:
        refuse_oversized(data)
        return super().to_internal_value(data)


class RevisionContentSerializer(serializers.ModelSerializer):
    """A revision's content and dates, as its readers (author, reviewer, staff) see them."""

    references = ReferenceSerializer(many=True, read_only=True)

    class Meta:
        model = Revision
        fields = [
            "id",
            "number",
            "state",
            *CONTENT_FIELDS,
            *AUDIENCE_BODY_FIELDS,
            "references",
            "content_hash",
            "created_at",
            "updated_at",
            "submitted_at",
            "review_started_at",
            "decided_at",
            "published_at",
            "publish_at",
            "retraction_reason",
            "change_class",
            "change_note",
            *PROVENANCE_FIELDS,
            PROVENANCE_NOTE,
        ]
        read_only_fields = fields
