"""Revisions: read, edit a draft, and every transition as an action on the revision."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from articles.models import Revision
from config.api.schema import READ_ERRORS, with_errors
from reviewers.api import AssignmentCreateSerializer

from .. import selectors
from .base import WorkflowEndpoints, reload
from .filters import RevisionFilter
from .rereviews import ReReviewSerializer
from .serializers import (
    AssignmentWithActionsSerializer,
    NoInputSerializer,
    RecuseSerializer,
    RevisionEditSerializer,
    RevisionSerializer,
    RevisionSummarySerializer,
    ScheduleSerializer,
    StartReviewSerializer,
    UnpublishSerializer,
    VoteInputSerializer,
    WithdrawSerializer,
)

ANSWER = with_errors({200: RevisionSerializer})


def _transition(request_serializer: type, summary: str) -> Any:
    return extend_schema(request=request_serializer, responses=ANSWER, summary=summary)


class RevisionViewSet(
    WorkflowEndpoints,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Revisions the caller may see: their own articles' (authors), those they were invited
    to review (reviewers), all (editors, board). Each answer lists `allowed_actions`."""

    endpoints = {
        "edit": "partial_update",
        "submit": "submit",
        "withdraw": "withdraw",
        "assign_reviewer": "assignments",
        "start_review": "start_review",
        "vote": "vote",
        "recuse": "recuse",
        "schedule_publication": "schedule",
        "publish": "publish",
        "unpublish": "unpublish",
        "open_rereview": "rereview",
    }
    inputs = {
        "edit": RevisionEditSerializer,
        "submit": NoInputSerializer,
        "withdraw": WithdrawSerializer,
        "assign_reviewer": AssignmentCreateSerializer,
        "start_review": StartReviewSerializer,
        "vote": VoteInputSerializer,
        "recuse": RecuseSerializer,
        "schedule_publication": ScheduleSerializer,
        "publish": NoInputSerializer,
        "unpublish": UnpublishSerializer,
        "open_rereview": NoInputSerializer,
    }

    lookup_value_regex = r"[0-9]+"
    filterset_class = RevisionFilter
    ordering_fields = ["updated_at", "created_at", "submitted_at", "number"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.revision_api_summaries(self.request.user)
        return selectors.revision_api_detail(self.request.user)

    def get_serializer_class(self):
        return RevisionSummarySerializer if self.action == "list" else RevisionSerializer

    def _answer(self, revision: Revision, code: int = status.HTTP_200_OK) -> Response:
        fresh = reload(selectors.revision_api_detail(self.request.user), revision)
        return Response(self.get_serializer(fresh).data, status=code)

    def _act(self, request: Request, name: str) -> Response:
        revision = self.run_action(request, name)
        return self._answer(revision)

    @extend_schema(
        summary="List revisions",
        responses=with_errors({200: RevisionSummarySerializer}, READ_ERRORS),
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Read a revision", responses=with_errors({200: RevisionSerializer}, READ_ERRORS)
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Edit a draft",
        request=RevisionEditSerializer,
        responses=ANSWER,
        description="Send only what changes; `references`, when sent, replaces the whole list.",
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._act(request, "edit")

    @_transition(NoInputSerializer, "Submit a draft for review (author)")
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "submit")

    @_transition(WithdrawSerializer, "Withdraw before any decision (author)")
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "withdraw")

    @_transition(StartReviewSerializer, "Start review, confirming the change class (editor)")
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "start_review")

    @_transition(VoteInputSerializer, "Vote: approve, request changes or reject (board)")
    @action(detail=True, methods=["post"])
    def vote(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "vote")

    @_transition(RecuseSerializer, "Declare a conflict of interest and stand aside (board)")
    @action(detail=True, methods=["post"])
    def recuse(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "recuse")

    @_transition(NoInputSerializer, "Publish an approved revision now (editor, board)")
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "publish")

    @_transition(ScheduleSerializer, "Schedule (or clear) publication (editor, board)")
    @action(detail=True, methods=["post"])
    def schedule(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "schedule_publication")

    @_transition(UnpublishSerializer, "Unpublish, with a public reason (board)")
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        return self._act(request, "unpublish")

    @extend_schema(
        summary="Invite a reviewer (editor)",
        request=AssignmentCreateSerializer,
        responses=with_errors({201: AssignmentWithActionsSerializer}),
    )
    @action(detail=True, methods=["post"])
    def assignments(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.run_action(request, "assign_reviewer")
        fresh = reload(selectors.assignment_api_list(request.user), assignment)
        body = AssignmentWithActionsSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Open the periodic re-review of the live revision (editor)",
        request=NoInputSerializer,
        responses=with_errors({201: ReReviewSerializer}),
    )
    @action(detail=True, methods=["post"])
    def rereview(self, request: Request, pk: str | None = None) -> Response:
        rereview = self.run_action(request, "open_rereview")
        fresh = reload(selectors.rereview_api_list(request.user), rereview)
        body = ReReviewSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)
