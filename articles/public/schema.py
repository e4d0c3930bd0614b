"""The anonymous public API in the OpenAPI document.

Its views are plain Django views serving stored JSON (api.py), which drf-spectacular cannot
see; `public_endpoints` (a PREPROCESSING_HOOKS entry) puts these stand-ins in their place,
whose only job is to describe what the real views answer.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.views import APIView

from config.api.schema import ErrorSerializer, error_response

from ..models import ReferenceKind
from ..renderings import AUDIENCES, HISTORY_KINDS
from .api import MAX_QUERY, PAGE_SIZE

TAGS = ["public"]


def _text(help_text: str = "") -> serializers.CharField:
    return serializers.CharField(help_text=help_text)


def _url(help_text: str = "", *, nullable: bool = False) -> serializers.URLField:
    return serializers.URLField(help_text=help_text, allow_null=nullable)


def _date(help_text: str = "") -> serializers.DateField:
    return serializers.DateField(allow_null=True, help_text=help_text)


def _time(help_text: str = "") -> serializers.DateTimeField:
    return serializers.DateTimeField(allow_null=True, help_text=help_text)


class PublicSpecialtySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = _text()


class PublicSummariesSerializer(serializers.Serializer):
    """The summary written for each audience; "" where the author wrote none."""

    patient = serializers.CharField(allow_blank=True)
    caregiver = serializers.CharField(allow_blank=True)
    clinician = serializers.CharField(allow_blank=True)


class PublicVersionSerializer(serializers.Serializer):
    """The whole article as written for one audience."""

    body = _text("Its Markdown, as approved (the content hash covers it).")
    body_html = _text("As sanitised HTML, its citations linked to the shared references.")


class PublicVersionsSerializer(serializers.Serializer):
    """Each audience's own version of the article; null where it has none and reads the
    text for everyone."""

    patient = PublicVersionSerializer(allow_null=True)
    caregiver = PublicVersionSerializer(allow_null=True)
    clinician = PublicVersionSerializer(allow_null=True)


class PublicReferenceSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="Its number in the text: [1] cites 1.")
    kind = serializers.ChoiceField(choices=ReferenceKind.choices)
    kind_label = serializers.CharField(allow_blank=True)
    title = _text()
    source = serializers.CharField(allow_blank=True, help_text="Journal or organisation.")
    year = serializers.IntegerField(allow_null=True)
    doi = serializers.CharField(allow_blank=True)
    doi_url = _url(nullable=True)
    pmid = serializers.CharField(allow_blank=True)
    pmid_url = _url(nullable=True)
    url = _url(nullable=True)


class PublicReviewerSerializer(serializers.Serializer):
    name = _text()
    credentials = serializers.CharField(allow_blank=True)
    role = serializers.ChoiceField(
        choices=[("board", "Medical Advisory Board"), ("reviewer", "Peer reviewer")]
    )
    profile_url = serializers.URLField(
        allow_null=True,
        required=False,
        help_text="Their public profile page, while they agree to one; null otherwise. Absent "
        "from renderings stored before profiles existed, until they are rebuilt.",
    )
    orcid_url = serializers.URLField(
        allow_null=True,
        required=False,
        help_text="Their ORCID record (https://orcid.org/…), shown with their public profile "
        "only; null otherwise.",
    )


class PublicReviewSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[("approved", "Approved")])
    status_label = _text()
    submitted_at = _time()
    review_started_at = _time()
    approved_at = _time("When the Medical Advisory Board approved this revision.")


class PublicHistoryEntrySerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=[(kind, kind) for kind in HISTORY_KINDS])
    note = serializers.CharField(allow_blank=True)


class PublicNoticeSerializer(PublicHistoryEntrySerializer):
    """What the top of the page tells readers: the latest correction or update, and a
    reinstatement with the retraction it ends."""

    retracted_on = serializers.DateField(allow_null=True, required=False)
    retraction_reason = serializers.CharField(allow_blank=True, required=False)


class PublicArticleSerializer(serializers.Serializer):
    """A published article as readers have it: the approved revision, who reviewed it and
    when, and its public record of changes."""

    slug = serializers.SlugField()
    url = _url("The article's page.")
    api_url = _url("This document.")
    title = _text()
    specialty = PublicSpecialtySerializer()
    audience = serializers.ChoiceField(
        choices=[(a, a) for a in AUDIENCES],
        allow_null=True,
        help_text="The audience asked for; null for none.",
    )
    summary = serializers.CharField(
        allow_blank=True, help_text="The chosen audience's summary where there is one."
    )
    summaries = PublicSummariesSerializer()
    body_html = _text(
        "The article, as sanitised HTML: the chosen audience's own version where it has one, "
        "otherwise the text for everyone."
    )
    body_version = serializers.ChoiceField(
        choices=[(v, v) for v in ("general", *AUDIENCES)],
        help_text="Whose version body_html is: general (the text for everyone) or the chosen "
        "audience's own.",
    )
    audience_versions = serializers.ListField(
        child=serializers.ChoiceField(choices=[(a, a) for a in AUDIENCES]),
        help_text="The audiences with a version of the article of their own.",
    )
    versions = PublicVersionsSerializer()
    references = PublicReferenceSerializer(many=True)
    reviewed_by = PublicReviewerSerializer(many=True)
    review = PublicReviewSerializer()
    revision = serializers.IntegerField(help_text="The number of the revision shown.")
    content_hash = _text("The hash of the approved content.")
    content = serializers.DictField(
        help_text="What content_hash is the SHA-256 of, serialised canonically (keys sorted, "
        "no whitespace, UTF-8): `fields` (title, summaries, the Markdown body), `references` "
        "in order, `audience_bodies` (the Markdown written for patient, caregiver and "
        'clinician, "" for none) only when one is written, and `provenance` only when the '
        "text was not simply written by people. The review record says how to check it."
    )
    first_published = _time()
    last_updated = _time("The last change in substance (not a minor change or a re-review).")
    last_reviewed = _date()
    next_review_due = _date()
    notices = PublicNoticeSerializer(many=True)
    history = PublicHistoryEntrySerializer(many=True, help_text="Newest first.")
    review_overdue = serializers.BooleanField(help_text="Whether next_review_due has passed.")
    disclaimer = _text()
    editorial_policy_url = _url()


class PublicRetractionSerializer(ErrorSerializer):
    """A retracted article: its title, when and why, and nothing of its text."""

    slug = serializers.SlugField()
    title = _text()
    retracted_on = _date()
    reason = serializers.CharField(allow_blank=True)
    retraction_reason = serializers.CharField(
        allow_blank=True, help_text="The earlier name of `reason`."
    )
    editorial_policy_url = _url()


class PublicListEntrySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    url = _url()
    api_url = _url()
    title = _text()
    summary = serializers.CharField(allow_blank=True)
    specialty = PublicSpecialtySerializer()
    last_updated = _time()
    last_reviewed = _date()


class PublicArticlePageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many articles match, on every page.")
    next = _url(nullable=True)
    previous = _url(nullable=True)
    results = PublicListEntrySerializer(many=True, help_text=f"At most {PAGE_SIZE}, newest first.")


VALIDATORS = {
    "ETag": {"schema": {"type": "string"}, "description": "Send it back in If-None-Match."},
    "Cache-Control": {"schema": {"type": "string"}},
}
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the copy named in If-None-Match (or If-Modified-Since) is "
    "still current."
)


class PublicView(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes: list = []


class PublicArticleDoc(PublicView):
    @extend_schema(
        summary="Read a published article",
        description="Anonymous and cacheable: conditional requests are answered 304. An "
        "unknown or never-published article answers 404; a retracted one 410, with the "
        "retraction notice.",
        parameters=[
            OpenApiParameter(
                "audience",
                str,
                enum=["", "general", *AUDIENCES],
                description="Whose summary to put in `summary`, and whose version of the "
                "article in `body_html` where that audience has one (the text for everyone "
                "otherwise); none or general for all.",
            ),
        ],
        responses={
            200: PublicArticleSerializer,
            304: NOT_MODIFIED,
            400: error_response(400),
            404: error_response(404),
            410: OpenApiResponse(PublicRetractionSerializer, description="Retracted."),
        },
        auth=[],
        tags=TAGS,
        operation_id="public_articles_retrieve",
    )
    def get(self, request: Any, slug: str) -> None: ...


class PublicArticleListDoc(PublicView):
    @extend_schema(
        summary="List published articles",
        description=f"{PAGE_SIZE} a page, the latest updated first; anonymous and cacheable.",
        parameters=[
            OpenApiParameter("page", OpenApiTypes.INT, description="From 1."),
            OpenApiParameter("specialty", str, description="A specialty's slug."),
            OpenApiParameter("q", str, description=f"Words to look for (the first {MAX_QUERY})."),
        ],
        responses={
            200: PublicArticlePageSerializer,
            304: NOT_MODIFIED,
            400: error_response(400),
            404: OpenApiResponse(ErrorSerializer, description="No such page."),
        },
        auth=[],
        tags=TAGS,
        operation_id="public_articles_list",
    )
    def get(self, request: Any) -> None: ...


class ReviewRecordApprovalSerializer(serializers.Serializer):
    member = _text("The board member's name.")
    credentials = serializers.CharField(allow_blank=True)
    date = _time("When they voted to approve.")
    content_hash = _text("The hash of the text they approved.")


class ReviewRecordReviewSerializer(serializers.Serializer):
    reviewer = _text("Their name if they agreed to be named, otherwise “Reviewer n”.")
    credentials = serializers.CharField(allow_blank=True)
    completed = _time()


class ReviewRecordEventSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    at = _time()
    action = _text()
    revision = serializers.IntegerField(allow_null=True)
    from_state = serializers.CharField(allow_blank=True)
    to_state = serializers.CharField(allow_blank=True)
    content_hash = serializers.CharField(required=False)
    previous_hash = _text()
    hash = _text("This event's keyed hash over the previous one's.")


class ReviewRecordCheckpointSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    hash = _text()
    events = serializers.IntegerField()
    at = _text()
    key_id = _text()
    signature = _text()


class ReviewRecordAuditSerializer(serializers.Serializer):
    about = _text()
    events = ReviewRecordEventSerializer(many=True)
    checkpoint = ReviewRecordCheckpointSerializer(
        allow_null=True, help_text="The latest signed checkpoint covering these events."
    )


class ReviewRecordDatesSerializer(serializers.Serializer):
    submitted = _text()
    review_started = _text()
    approved = _text()
    published = _text()
    first_published = _text()
    last_reviewed = _text()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.allow_null = True


class PublicReviewRecordSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    url = _url("The article's page.")
    api_url = _url("The article's public JSON, whose `content` the hash covers.")
    title = _text()
    revision = serializers.IntegerField(help_text="The live revision's number.")
    content_hash = _text("SHA-256 of the canonical serialisation of the published content.")
    how_to_check = serializers.DictField(help_text="How to recompute the hash.")
    drafting = serializers.DictField(help_text="How the text was drafted.")
    editorial_responsibility = serializers.DictField()
    approvals = ReviewRecordApprovalSerializer(many=True)
    peer_reviews = ReviewRecordReviewSerializer(many=True)
    dates = ReviewRecordDatesSerializer()
    audit = ReviewRecordAuditSerializer()


class PublicReviewRecordDoc(PublicView):
    @extend_schema(
        summary="Read a published article's review record",
        description="Who approved the published text and when, the hash each approved, the "
        "peer reviews counted, how the text was drafted, and the audit events of its "
        "published revisions with their chain hashes: enough to check from outside that "
        "the published text is the approved one. Same 304/404/410 answers as the article.",
        responses={
            200: PublicReviewRecordSerializer,
            304: NOT_MODIFIED,
            404: error_response(404),
            410: OpenApiResponse(PublicRetractionSerializer, description="Retracted."),
        },
        auth=[],
        tags=TAGS,
        operation_id="public_articles_review_record",
    )
    def get(self, request: Any, slug: str) -> None: ...


ENDPOINTS = [
    ("/api/v1/public/articles/", r"^api/v1/public/articles/$", PublicArticleListDoc),
    ("/api/v1/public/articles/{slug}/", r"^api/v1/public/articles/(?P<slug>[^/]+)/$",
     PublicArticleDoc),
    ("/api/v1/public/articles/{slug}/review-record/",
     r"^api/v1/public/articles/(?P<slug>[^/]+)/review-record/$", PublicReviewRecordDoc),
]  # fmt: skip


def public_endpoints(endpoints: list[tuple], **kwargs: Any) -> list[tuple]:
    """PREPROCESSING_HOOKS: the public API's operations, described by their stand-ins."""
    return [
        *endpoints,
        *((path, regex, "GET", view.as_view()) for path, regex, view in ENDPOINTS),
    ]
