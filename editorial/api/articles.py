"""Articles: an author's list, one article with every revision's state and feedback,
creating an article with its first draft, and starting the next revision."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from config.api.schema import READ_ERRORS, with_errors

from .. import selectors, services
from .base import WorkflowEndpoints, actor, reload
from .filters import ArticleFilter
from .serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    RevisionSerializer,
    StartRevisionSerializer,
)


class ArticleViewSet(
    WorkflowEndpoints,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Authors see the articles they wrote; editors and the board see every article."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filterset_class = ArticleFilter
    endpoints = {"start_revision": "revisions"}
    inputs = {"start_revision": StartRevisionSerializer}
    ordering_fields = ["updated_at", "created_at", "slug"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.article_api_list(self.request.user)
        return selectors.article_api_detail(self.request.user)

    def get_serializer_class(self):
        return ArticleSerializer if self.action == "list" else ArticleDetailSerializer

    @extend_schema(
        summary="List articles", responses=with_errors({200: ArticleSerializer}, READ_ERRORS)
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Read an article, its revisions and the feedback meant for its author",
        responses=with_errors({200: ArticleDetailSerializer}, READ_ERRORS),
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Create an article with its first draft (author)",
        request=ArticleCreateSerializer,
        responses=with_errors({201: ArticleDetailSerializer}),
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = ArticleCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        article = services.article_create(actor=actor(request), **data.validated_data)
        fresh = reload(selectors.article_api_detail(request.user), article)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Start the next revision, copied from the latest, with its change class (author)",
        request=StartRevisionSerializer,
        responses=with_errors({201: RevisionSerializer}),
    )
    @action(detail=True, methods=["post"])
    def revisions(self, request: Request, slug: str | None = None) -> Response:
        revision = self.run_action(request, "start_revision")
        fresh = reload(selectors.revision_api_detail(request.user), revision)
        body = RevisionSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)
