"""Reviewers and their assignments as the API reads and writes them (serializers only;
the views that decide who may call them live in editorial/api)."""

from __future__ import annotations

from rest_framework import serializers

from config.api.fields import AwareDateTimeField, StrictSerializer

from .models import AssignmentKind, Recommendation, ReviewAssignment, Reviewer

MAX_COMMENT_CHARS = 20000


class ReviewerSerializer(serializers.ModelSerializer):
    specialties = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Reviewer
        fields = ["id", "display_name", "credentials", "specialties", "is_active"]
        read_only_fields = fields


class ReviewerBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reviewer
        fields = ["id", "display_name", "credentials"]
        read_only_fields = fields


class AssignmentRevisionSerializer(serializers.Serializer):
    """Which revision an assignment is about, without its content."""

    id = serializers.IntegerField(read_only=True)
    article = serializers.SlugField(source="article.slug", read_only=True)
    number = serializers.IntegerField(read_only=True)
    state = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)


class AssignmentSerializer(serializers.ModelSerializer):
    """An assignment as its reviewer and the editorial staff see it (never the author)."""

    revision = AssignmentRevisionSerializer(read_only=True)
    reviewer = ReviewerBriefSerializer(read_only=True)
    kind = serializers.ChoiceField(
        choices=AssignmentKind.choices,
        read_only=True,
        help_text='"review": of a submitted revision (approve, minor_changes, major_changes, '
        'reject); "rereview": of the published text, is it still accurate (still_accurate, '
        "needs_update).",
    )

    class Meta:
        model = ReviewAssignment
        fields = [
            "id",
            "kind",
            "revision",
            "rereview",
            "reviewer",
            "state",
            "due_at",
            "invited_at",
            "responded_at",
            "completed_at",
            "has_conflict",
            "conflict_statement",
            "decline_reason",
            "cancel_reason",
            "recommendation",
            "comments_for_author",
            "confidential_comments",
        ]
        read_only_fields = fields


def _text(*, required: bool, help_text: str) -> serializers.CharField:
    return serializers.CharField(
        max_length=MAX_COMMENT_CHARS,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        help_text=help_text,
    )


class WholeNumberKeyField(serializers.PrimaryKeyRelatedField):
    """An id as a whole number (or its digits): 1.5 or "1e0" is refused, never rounded to 1."""

    def to_internal_value(self, data):
        whole = isinstance(data, int) and not isinstance(data, bool)
        digits = isinstance(data, str) and data.isascii() and data.isdigit()
        if not (whole or digits):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class AssignmentCreateSerializer(StrictSerializer):
    reviewer = WholeNumberKeyField(
        queryset=Reviewer.objects.all(), help_text="The reviewer's id (GET /api/v1/reviewers/)."
    )
    due_at = AwareDateTimeField(
        required=False, help_text="With its UTC offset; defaults to the usual review period."
    )


class ExtendDueSerializer(StrictSerializer):
    due_at = AwareDateTimeField(help_text="The new due date, with its UTC offset.")


class AcceptSerializer(StrictSerializer):
    has_conflict = serializers.BooleanField(
        help_text="Whether you have a conflict of interest with this article."
    )
    conflict_statement = _text(
        required=False, help_text="Your declaration; required when has_conflict is true."
    )


class DeclineSerializer(StrictSerializer):
    reason = _text(required=True, help_text="Why you decline.")


class CancelSerializer(StrictSerializer):
    reason = _text(required=False, help_text="Why the review is cancelled.")


class ReviewSerializer(StrictSerializer):
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices,
        help_text="A review: approve, minor_changes, major_changes or reject. A re-review of "
        "the published text: still_accurate or needs_update.",
    )
    comments_for_author = _text(required=True, help_text="Shown to the author with the decision.")
    confidential_comments = _text(
        required=False, help_text="For the editors and the board only; never shown to the author."
    )
    credit_consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Whether you may be named as a reviewer of the article once it is published.",
    )
