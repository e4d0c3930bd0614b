"""Review assignments (a reviewer's invitations and reviews) and the reviewer directory."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from config.api.schema import READ_ERRORS, with_errors
from reviewers.api import (
    AcceptSerializer,
    CancelSerializer,
    DeclineSerializer,
    ExtendDueSerializer,
    ReviewerSerializer,
    ReviewSerializer,
)
from reviewers.models import ReviewAssignment

from .. import policy, selectors
from ..errors import NotPermitted
from .base import WorkflowEndpoints, reload
from .filters import AssignmentFilter, ReviewerFilter
from .serializers import AssignmentWithActionsSerializer

ANSWER = with_errors({200: AssignmentWithActionsSerializer})


class AssignmentViewSet(
    WorkflowEndpoints,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """A reviewer sees their own assignments; editors and the board see all of them."""

    endpoints = {
        "accept": "accept",
        "decline": "decline",
        "review": "review",
        "cancel": "cancel",
        "extend_due": "extend_due",
    }
    inputs = {
        "accept": AcceptSerializer,
        "decline": DeclineSerializer,
        "review": ReviewSerializer,
        "cancel": CancelSerializer,
        "extend_due": ExtendDueSerializer,
    }

    serializer_class = AssignmentWithActionsSerializer
    lookup_value_regex = r"[0-9]+"
    filterset_class = AssignmentFilter
    ordering_fields = ["due_at", "invited_at"]

    def get_queryset(self):
        return selectors.assignment_api_list(self.request.user)

    def _act(self, request: Request, name: str) -> Response:
        assignment = self.run_action(request, name)
        fresh: ReviewAssignment = reload(self.get_queryset(), assignment)
        return Response(self.get_serializer(fresh).data)

    @extend_schema(
        summary="List assignments",
        responses=with_errors({200: AssignmentWithActionsSerializer}, (400, 401, 429)),
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Read an assignment",
        responses=with_errors({200: AssignmentWithActionsSerializer}, READ_ERRORS),
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(summary="Accept, declaring any conflict of interest (reviewer)",
                   request=AcceptSerializer, responses=ANSWER)  # fmt: skip
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "accept")

    @extend_schema(summary="Decline, with a reason (reviewer)", request=DeclineSerializer,
                   responses=ANSWER)  # fmt: skip
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "decline")

    @extend_schema(summary="Submit the review (reviewer)", request=ReviewSerializer,
                   responses=ANSWER)  # fmt: skip
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "review")

    @extend_schema(summary="Cancel an invitation or an unfinished review (editor)",
                   request=CancelSerializer, responses=ANSWER)  # fmt: skip
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "cancel")

    @extend_schema(summary="Give the reviewer more time (editor)", request=ExtendDueSerializer,
                   responses=ANSWER)  # fmt: skip
    @action(detail=True, methods=["post"], url_path="extend-due")
    def extend_due(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "extend_due")


class ReviewerViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The reviewer directory, for editors choosing whom to invite (editors, board)."""

    serializer_class = ReviewerSerializer
    filterset_class = ReviewerFilter
    ordering_fields = ["display_name"]

    def get_queryset(self):
        return selectors.reviewer_api_list(self.request.user)

    @extend_schema(
        summary="List reviewers (editors, board)",
        responses=with_errors({200: ReviewerSerializer}, (400, 401, 403, 429)),
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not policy.can_list_reviewers(request.user):
            raise NotPermitted("Only editors and the board may list reviewers.")
        return super().list(request, *args, **kwargs)
