"""API tokens: exchange a username and password for a new named token, list yours, revoke
one. Each issue and revocation is in the audit history; the key is shown once, here."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.fields import StrictSerializer
from config.api.schema import READ_ERRORS, with_errors
from config.api.throttling import TokenThrottle

from .. import messages, policy, selectors, services
from ..errors import RuleViolation
from ..models import ApiToken, TokenState
from ..services.second_factor import WRONG_CODE
from ..signin.views import count_failure

BAD_CREDENTIALS = "That username and password do not match an active account."
NOT_MADE_WITH_A_KEY = (
    "This request was not made with a token; revoke one by its id at /api/v1/auth/tokens/{id}/."
)


class CredentialsSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=1000, trim_whitespace=False)
    name = serializers.CharField(
        max_length=100,
        help_text="Which device or pipeline will hold the token, e.g. “draft pipeline”.",
    )
    otp = serializers.CharField(
        max_length=20,
        required=False,
        help_text="Editors, the board and superusers: the 6-digit code from the authenticator "
        "app (or a recovery code). Without it their password alone gets no token.",
    )


class ApiTokenSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(
        choices=TokenState.choices, read_only=True, help_text="Whether it works now."
    )

    class Meta:
        model = ApiToken
        fields = ["id", "name", "state", "created_at", "expires_at", "last_used_at",
                  "revoked_at", "revoked_reason"]  # fmt: skip
        read_only_fields = fields


class IssuedTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(
        help_text="Send it as `Authorization: Token <token>`. Shown this once; only its hash "
        "is kept."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]
        read_only_fields = fields


class TokenView(APIView):
    """POST: a new token for one device or pipeline (you may hold several); editors, the board
    and superusers send their second factor's code too. DELETE: revoke the token this
    request is made with."""

    throttle_classes = [TokenThrottle]
    throttle_scope = "token"

    def get_permissions(self):
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    @extend_schema(
        summary="Obtain a new API token",
        request=CredentialsSerializer,
        responses=with_errors({201: IssuedTokenSerializer}, (400, 401, 413, 415, 429)),
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = CredentialsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        credentials = data.validated_data
        user = authenticate(
            request._request, username=credentials["username"], password=credentials["password"]
        )
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(BAD_CREDENTIALS)
        if policy.needs_second_factor(user):
            self.check_second_factor(request, user, credentials.get("otp"))
        token, key = services.api_token_issue(actor=user, person=user, name=credentials["name"])
        token.token = key
        return Response(IssuedTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    def check_second_factor(self, request: Request, user, code: str | None) -> None:
        """The API's door is no wider than the admin's: a password alone does not do."""
        if not services.has_second_factor(user):
            raise exceptions.AuthenticationFailed(messages.SECOND_FACTOR_NOT_SET_UP)
        if not code:
            raise exceptions.AuthenticationFailed(messages.OTP_REQUIRED)
        if services.second_factor_verify(person=user, code=code) is None:
            count_failure(request._request, user)
            raise exceptions.AuthenticationFailed(WRONG_CODE)

    @extend_schema(
        summary="Revoke the token this request is made with",
        request=None,
        responses=with_errors({204: None}, (400, 401, 429)),
    )
    def delete(self, request: Request) -> Response:
        if not isinstance(request.auth, ApiToken):
            raise RuleViolation(NOT_MADE_WITH_A_KEY)
        services.api_token_revoke(actor=request.user, token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(responses=with_errors({200: ApiTokenSerializer(many=True)}, READ_ERRORS))
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your tokens, newest first, without their keys; revoking one is DELETE on it."""

    serializer_class = ApiTokenSerializer
    lookup_value_regex = r"[0-9]+"
    filter_backends: list = []

    def get_queryset(self):
        return selectors.api_token_list(self.request.user, own=True)

    @extend_schema(
        summary="Revoke one of your tokens", responses=with_errors({204: None}, READ_ERRORS)
    )
    def destroy(self, request: Request, *args, **kwargs) -> Response:
        services.api_token_revoke(actor=request.user, token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
