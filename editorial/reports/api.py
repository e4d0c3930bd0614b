"""POST /api/v1/public/articles/{slug}/reports/: a reader's report as JSON, anonymous."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.public.http import NOT_FOUND_JSON, json_response
from config.api.fields import StrictSerializer
from config.api.schema import ERROR_TEXT, ErrorSerializer

from .. import services
from ..errors import NotFound
from ..models import REPORT_MESSAGE_MAX, ReportKind, plain_text
from ..selectors import reportable_article
from .forms import HONEYPOT
from .throttle import ReaderReportThrottle

RECEIVED = {
    "status": "received",
    "message": "Thank you. Our editors read every report; if you gave an e-mail address, "
    "they may reply. Reports are never published.",
}


class ReportInputSerializer(StrictSerializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    message = serializers.CharField(max_length=REPORT_MESSAGE_MAX, validators=[plain_text])
    email = serializers.EmailField(
        required=False, allow_blank=True, help_text="Only for a reply; erased later."
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Leave out or empty (a trap for programs that fill in every field).",
    )


class ReceivedSerializer(serializers.Serializer):
    status = serializers.CharField()
    message = serializers.CharField()


def _error(code: int) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code])


class ReaderReportView(APIView):
    """Anonymous: no account, no session, so no CSRF token either. Throttled per client
    address together with the report form."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ReaderReportThrottle]

    @extend_schema(
        summary="Report a problem with, or ask a question about, a published article",
        description="Accepted for articles the public can read now; kept for the editors and "
        "never published. An unknown, unpublished or retracted article answers 404, as its "
        "public address does. Throttled per client address.",
        request=ReportInputSerializer,
        responses={
            202: ReceivedSerializer,
            **{code: _error(code) for code in (400, 404, 413, 415, 429)},
        },
        auth=[],
        tags=["public"],
    )
    def post(self, request: Request, slug: str) -> Response:
        if reportable_article(slug) is None:
            return json_response(NOT_FOUND_JSON, status=404)
        data = ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        if fields.pop(HONEYPOT, ""):
            return Response(RECEIVED, status=status.HTTP_202_ACCEPTED)
        try:
            services.reader_report_receive(slug=slug, **fields)
        except NotFound:
            return json_response(NOT_FOUND_JSON, status=404)
        return Response(RECEIVED, status=status.HTTP_202_ACCEPTED)
