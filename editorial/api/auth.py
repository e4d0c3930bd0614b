"""Tokens for pipelines: exchange a username and password for a token, or revoke it."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from config.api.fields import StrictSerializer
from config.api.schema import with_errors

from .. import services

BAD_CREDENTIALS = "That username and password do not match an active account."


class CredentialsSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=1000, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")


class TokenView(APIView):
    """POST: a new token, replacing any you had (so a leaked one stops working).
    DELETE: revoke it. Both are in the audit history; the token never is."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    @extend_schema(
        summary="Obtain an API token",
        request=CredentialsSerializer,
        responses=with_errors({200: TokenSerializer}, (400, 401, 413, 415, 429)),
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = CredentialsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request._request, **data.validated_data)
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(BAD_CREDENTIALS)
        return Response({"token": services.api_token_issue(actor=user, person=user)})

    @extend_schema(
        summary="Revoke your API token",
        request=None,
        responses=with_errors({204: None}, (401, 429)),
    )
    def delete(self, request: Request) -> Response:
        services.api_token_revoke(actor=request.user, person=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
