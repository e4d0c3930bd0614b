"""How the workflow's resources read to each caller.

The author of an article reads the decision and the comments meant for them; review is
blinded, so never the reviewers' or board members' names, and never the confidential
comments. Editors and the board read the editorial record as well.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.api import RevisionContentInputSerializer, RevisionContentSerializer
from articles.checks import shown_checks
from articles.diff import revision_word_diff
from articles.evidence import FINDING_CODES
from articles.models import Article, ChangeClass, Revision, Specialty
from articles.validators import single_line
from config.api.fields import AwareDateTimeField, StrictSerializer
from reviewers.api import MAX_COMMENT_CHARS, AssignmentSerializer
from reviewers.models import ReviewAssignment

from .. import policy, selectors, workflow
from ..models import BoardVote, VoteDecision
from ..policy import User


def _user(serializer: serializers.Serializer) -> Any:
    return serializer.context["request"].user


# -- what the author reads -------------------------------------------------------------
class ReviewForAuthorSerializer(serializers.Serializer):
    reviewer = serializers.CharField(help_text='"Reviewer 1", "Reviewer 2": review is blinded.')
    reviewer_name = serializers.CharField(
        allow_null=True, help_text="Who reviewed, in open review only (the site's review mode)."
    )
    reviewer_credentials = serializers.CharField(
        allow_null=True, help_text="Their credentials, in open review only."
    )
    recommendation = serializers.CharField()
    comments_for_author = serializers.CharField()
    completed_at = serializers.DateTimeField()


class BoardCommentSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=VoteDecision.choices)
    comment = serializers.CharField()
    voted_at = serializers.DateTimeField()


class FeedbackSerializer(serializers.Serializer):
    decision_comment = serializers.CharField()
    reviews = ReviewForAuthorSerializer(many=True)
    board = BoardCommentSerializer(many=True)


def author_feedback(user: User, revision: Revision) -> dict[str, Any]:
    """What the author is told: the decision, and the reviews and board comments blinded
    (the reviewers named beside their reviews in open review)."""
    return {
        "decision_comment": revision.decision_comment,
        "reviews": [
            {
                "reviewer": review.label,
                "reviewer_name": review.reviewer.display_name if review.reviewer else None,
                "reviewer_credentials": review.reviewer.credentials if review.reviewer else None,
                "recommendation": review.assignment.recommendation,
                "comments_for_author": review.assignment.comments_for_author,
                "completed_at": review.assignment.completed_at,
            }
            for review in selectors.review_for_author_list(user, revision)
        ],
        "board": [
            {"decision": v.decision, "comment": v.comment, "voted_at": v.created_at}
            for v in revision.votes.all()
            if v.comment
        ],
    }


def feedback_for(user: User, revision: Revision) -> dict[str, Any] | None:
    return author_feedback(user, revision) if policy.can_see_feedback(user, revision) else None


# -- what editors and the board read --------------------------------------------------------
class AssignmentInRevisionSerializer(AssignmentSerializer):
    class Meta(AssignmentSerializer.Meta):
        fields = [f for f in AssignmentSerializer.Meta.fields if f != "revision"]
        read_only_fields = fields


class VoteSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member.username", read_only=True)

    class Meta:
        model = BoardVote
        fields = ["member", "decision", "comment", "created_at"]
        read_only_fields = fields


class EditorialRecordSerializer(serializers.Serializer):
    author = serializers.CharField(help_text="The author's username.")
    assignments = AssignmentInRevisionSerializer(many=True)
    votes = VoteSerializer(many=True)


# -- revisions ------------------------------------------------------------------------------
class ArticleRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    specialty = serializers.SlugField(source="specialty.slug", read_only=True)


class SpanSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="same, added, removed or skipped")
    text = serializers.CharField()


class WordDiffSerializer(serializers.Serializer):
    label = serializers.CharField()
    spans = SpanSerializer(many=True)


class PublicDiffSerializer(serializers.Serializer):
    against = serializers.IntegerField(help_text="The number of the revision readers have.")
    changes = WordDiffSerializer(many=True)


class FindingSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=FINDING_CODES)
    reference = serializers.IntegerField(
        allow_null=True, help_text="The reference's position, when the finding is about one."
    )
    message = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    max_age_years = serializers.IntegerField()
    guideline_max_age_years = serializers.IntegerField()
    references = serializers.IntegerField(help_text="How many references were checked.")
    findings = FindingSerializer(many=True)


class ReadingLevelSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text="The field measured: the body, or the audience's own version of it "
        "(body_patient…) where there is one, else its summary."
    )
    flesch_reading_ease = serializers.FloatField(help_text="Higher is easier (0-100).")
    grade = serializers.FloatField(help_text="Flesch-Kincaid grade level.")
    words_per_sentence = serializers.FloatField()
    syllables_per_word = serializers.FloatField()
    letters_per_word = serializers.FloatField()
    words = serializers.IntegerField()
    sentences = serializers.IntegerField()
    target_grade = serializers.FloatField(
        allow_null=True, help_text="The highest grade wanted for this audience; null: none."
    )
    meets_target = serializers.BooleanField(allow_null=True)


class ChecksSerializer(serializers.Serializer):
    at_submission = serializers.BooleanField(
        help_text="Stored when the revision was submitted; false: computed now from a draft "
        "(or a revision submitted before the checks existed)."
    )
    measured_on = serializers.DateField()
    evidence = EvidenceSerializer()
    reading = serializers.DictField(
        child=ReadingLevelSerializer(),
        help_text="By audience: general (the body), patient, caregiver, clinician (each on "
        "its own version of the body where there is one, else on its summary).",
    )


class RevisionSerializer(RevisionContentSerializer):
    article = ArticleRefSerializer(read_only=True)
    checks = serializers.SerializerMethodField(
        help_text="Evidence findings and reading levels: warnings for the board, not refusals."
    )
    diff_to_public = serializers.SerializerMethodField()
    feedback = serializers.SerializerMethodField()
    editorial = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta(RevisionContentSerializer.Meta):
        fields = [
            "article",
            *RevisionContentSerializer.Meta.fields,
            "checks",
            "diff_to_public",
            "feedback",
            "editorial",
            "allowed_actions",
        ]
        read_only_fields = fields

    @extend_schema_field(ChecksSerializer)
    def get_checks(self, revision: Revision) -> dict[str, Any]:
        return shown_checks(revision, revision.references.all())

    @extend_schema_field(FeedbackSerializer(allow_null=True))
    def get_feedback(self, revision: Revision) -> dict[str, Any] | None:
        return feedback_for(_user(self), revision)

    @extend_schema_field(PublicDiffSerializer(allow_null=True))
    def get_diff_to_public(self, revision: Revision) -> dict[str, Any] | None:
        """Word by word, what this revision changes in the text readers have now (for a
        reinstatement, the retracted text); null when there is none, or on a list."""
        public = selectors.revision_public_get(revision, _user(self))
        if public is None:
            return None
        changes = revision_word_diff(
            public, revision, public.references.all(), revision.references.all()
        )
        return PublicDiffSerializer({"against": public.number, "changes": changes}).data

    @extend_schema_field(EditorialRecordSerializer(allow_null=True))
    def get_editorial(self, revision: Revision) -> dict[str, Any] | None:
        if not policy.can_see_review_record(_user(self), revision):
            return None
        record = {
            "author": revision.article.created_by.get_username(),
            "assignments": revision.assignments.all(),
            "votes": revision.votes.all(),
        }
        return EditorialRecordSerializer(record, context=self.context).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, revision: Revision) -> list[str]:
        return workflow.allowed(_user(self), revision, workflow.API)


class RevisionSummarySerializer(serializers.ModelSerializer):
    article = serializers.SlugField(source="article.slug", read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Revision
        fields = [
            "id",
            "article",
            "number",
            "state",
            "title",
            "created_at",
            "updated_at",
            "submitted_at",
            "decided_at",
            "published_at",
            "allowed_actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, revision: Revision) -> list[str]:
        return workflow.allowed(_user(self), revision, workflow.API)


class ArticleRevisionSerializer(RevisionSummarySerializer):
    feedback = serializers.SerializerMethodField()

    class Meta(RevisionSummarySerializer.Meta):
        fields = [f for f in RevisionSummarySerializer.Meta.fields if f != "article"]
        fields += ["feedback"]
        read_only_fields = fields

    @extend_schema_field(FeedbackSerializer(allow_null=True))
    def get_feedback(self, revision: Revision) -> dict[str, Any] | None:
        return feedback_for(_user(self), revision)

    @extend_schema_field(PublicDiffSerializer(allow_null=True))
    def get_diff_to_public(self, revision: Revision) -> dict[str, Any] | None:
        """Word by word, what this revision changes in the text readers have now (for a
        reinstatement, the retracted text); null when there is none, or on a list."""
        public = selectors.revision_public_get(revision, _user(self))
        if public is None:
            return None
        changes = revision_word_diff(
            public, revision, public.references.all(), revision.references.all()
        )
        return PublicDiffSerializer({"against": public.number, "changes": changes}).data


# -- articles -------------------------------------------------------------------------------
class LatestRevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    state = serializers.CharField()
    title = serializers.CharField()


class ArticleSerializer(serializers.ModelSerializer):
    specialty = serializers.SlugField(source="specialty.slug", read_only=True)
    latest_revision = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "specialty",
            "created_at",
            "updated_at",
            "first_published_at",
            "last_reviewed_on",
            "next_review_due",
            "live_revision",
            "latest_revision",
            "allowed_actions",
        ]
        read_only_fields = fields

    @staticmethod
    def _latest(article: Article) -> Revision | None:
        # Revisions are prefetched newest first.
        return next(iter(article.revisions.all()), None)

    @extend_schema_field(LatestRevisionSerializer(allow_null=True))
    def get_latest_revision(self, article: Article) -> dict[str, Any] | None:
        latest = self._latest(article)
        return LatestRevisionSerializer(latest).data if latest else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, article: Article) -> list[str]:
        return workflow.allowed(_user(self), article, workflow.API)


class ArticleDetailSerializer(ArticleSerializer):
    revisions = ArticleRevisionSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "revisions"]
        read_only_fields = fields


class ArticleCreateSerializer(RevisionContentInputSerializer):
    slug = serializers.SlugField(max_length=120, help_text="Stable, URL-safe identity.")
    specialty = serializers.SlugRelatedField(
        slug_field="slug", queryset=Specialty.objects.all(), help_text="A specialty's slug."
    )


# -- action inputs --------------------------------------------------------------------------
def _comment(required: bool, help_text: str) -> serializers.CharField:
    return serializers.CharField(
        max_length=MAX_COMMENT_CHARS,
        required=required,
        allow_blank=not required,
        help_text=help_text,
    )


class NoInputSerializer(StrictSerializer):
    """An action that takes no input: send {} or nothing."""


def _change_class(help_text: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=ChangeClass.choices, required=False, allow_blank=True, help_text=help_text
    )


def _change_note() -> serializers.CharField:
    return serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        validators=[single_line],
        help_text="One line readers see once published: what changed, what was wrong, or why "
        "a retracted article returns. Required for update, correction and reinstatement "
        "before review.",
    )


CLASS_HELP = (
    "For a published article: minor (meaning unchanged: one board approval, no peer "
    "review), update (new evidence or guidance) or correction (an error in the published "
    "text). After a retraction the class is reinstatement; before first publication, none."
)


class StartRevisionSerializer(StrictSerializer):
    change_class = _change_class(CLASS_HELP)
    change_note = _change_note()


class RevisionEditSerializer(RevisionContentInputSerializer):
    change_class = _change_class(CLASS_HELP)
    change_note = _change_note()


class StartReviewSerializer(StrictSerializer):
    change_class = _change_class("Confirm or change the author's class; a change is audited.")
    change_note = _change_note()


class WithdrawSerializer(StrictSerializer):
    comment = _comment(False, "Why the revision is withdrawn (kept in the history).")


class VoteInputSerializer(StrictSerializer):
    decision = serializers.ChoiceField(choices=VoteDecision.choices)
    comment = _comment(False, "For the author; required unless approving.")
    conflict_of_interest = _comment(
        False, "Declare a conflict instead of voting: it is recorded and you stand aside."
    )
    acknowledges_retraction = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Required (true) to approve a revision that reinstates a retracted article.",
    )


class RecuseSerializer(StrictSerializer):
    statement = _comment(True, "The conflict of interest you declare with this article.")


class ScheduleSerializer(StrictSerializer):
    publish_at = AwareDateTimeField(
        allow_null=True, help_text="When to publish, with its UTC offset; null clears it."
    )


class UnpublishSerializer(StrictSerializer):
    reason = _comment(True, "Shown to the public with the retraction.")


class AssignmentWithActionsSerializer(AssignmentSerializer):
    allowed_actions = serializers.SerializerMethodField()

    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "allowed_actions"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, assignment: ReviewAssignment) -> list[str]:
        """What the person may do here through the API (a reviewer's link is the admin's)."""
        return workflow.allowed(_user(self), assignment, workflow.API)
