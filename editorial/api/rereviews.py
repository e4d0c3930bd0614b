"""Periodic re-reviews of published articles: read them, invite their reviewers, attest or
open an update (board), cancel (editor). Opening one is an action on the live revision
(POST /api/v1/revisions/{id}/rereview/)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from config.api.fields import StrictSerializer
from config.api.schema import READ_ERRORS, with_errors
from reviewers.api import MAX_COMMENT_CHARS, AssignmentCreateSerializer
from reviewers.models import ReReview

from .. import selectors, workflow
from .base import WorkflowEndpoints, reload
from .serializers import AssignmentInRevisionSerializer, AssignmentWithActionsSerializer


def _note(*, required: bool, help_text: str) -> serializers.CharField:
    return serializers.CharField(
        max_length=MAX_COMMENT_CHARS,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        help_text=help_text,
    )


class AttestSerializer(StrictSerializer):
    note = _note(required=False, help_text="The board's note; kept in the history, not public.")


class OpenUpdateSerializer(StrictSerializer):
    note = _note(required=True, help_text="What must be updated; sent to the author.")


class CancelReReviewSerializer(StrictSerializer):
    note = _note(required=False, help_text="Why the re-review is called off.")


class ReReviewRevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    content_hash = serializers.CharField(read_only=True)


class ReReviewSerializer(serializers.ModelSerializer):
    """A re-review as editors and the board read it (never the article's author)."""

    article = serializers.SlugField(source="article.slug", read_only=True)
    revision = ReReviewRevisionSerializer(read_only=True)
    opened_by = serializers.CharField(source="opened_by.username", read_only=True)
    closed_by = serializers.CharField(
        source="closed_by.username", read_only=True, default=None, allow_null=True
    )
    assignments = AssignmentInRevisionSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = ReReview
        fields = [
            "id",
            "article",
            "revision",
            "state",
            "opened_by",
            "opened_at",
            "closed_by",
            "closed_at",
            "note",
            "assignments",
            "allowed_actions",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_actions(self, rereview: ReReview) -> list[str]:
        return workflow.allowed(self.context["request"].user, rereview, workflow.API)


ANSWER = with_errors({200: ReReviewSerializer})


class ReReviewViewSet(
    WorkflowEndpoints,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Re-reviews of articles the caller did not write (editors, board)."""

    endpoints = {
        "assign_rereviewer": "assignments",
        "attest_rereview": "attest",
        "open_update": "open_update",
        "cancel_rereview": "cancel",
    }
    inputs = {
        "assign_rereviewer": AssignmentCreateSerializer,
        "attest_rereview": AttestSerializer,
        "open_update": OpenUpdateSerializer,
        "cancel_rereview": CancelReReviewSerializer,
    }
    serializer_class = ReReviewSerializer
    lookup_value_regex = r"[0-9]+"
    ordering_fields = ["opened_at"]
    filterset_fields = ["state"]

    def get_queryset(self):
        return selectors.rereview_api_list(self.request.user)

    def _act(self, request: Request, name: str) -> Response:
        rereview = self.run_action(request, name)
        return Response(self.get_serializer(reload(self.get_queryset(), rereview)).data)

    @extend_schema(
        summary="List re-reviews (editors, board)",
        responses=with_errors({200: ReReviewSerializer}, (400, 401, 429)),
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Read a re-review", responses=with_errors({200: ReReviewSerializer}, READ_ERRORS)
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Invite a reviewer to the re-review (editor)",
        request=AssignmentCreateSerializer,
        responses=with_errors({201: AssignmentWithActionsSerializer}),
    )
    @action(detail=True, methods=["post"])
    def assignments(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.run_action(request, "assign_rereviewer")
        fresh = reload(selectors.assignment_api_list(request.user), assignment)
        body = AssignmentWithActionsSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Attest that the published text is still accurate (board)",
        request=AttestSerializer,
        responses=ANSWER,
        description="Moves the article's last_reviewed_on to today and next_review_due a "
        "re-review period on; the revision, its content and its hash do not change.",
    )
    @action(detail=True, methods=["post"])
    def attest(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "attest_rereview")

    @extend_schema(
        summary="Open an update: a new draft for the author (board)",
        request=OpenUpdateSerializer,
        responses=ANSWER,
    )
    @action(detail=True, methods=["post"], url_path="open-update")
    def open_update(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "open_update")

    @extend_schema(
        summary="Cancel the re-review (editor)", request=CancelReReviewSerializer, responses=ANSWER
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "cancel_rereview")
