"""A URLconf with views that fail, to show a server error still answers in the one shape."""

from django.urls import include, path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny


def plain_boom(request):
    raise RuntimeError("a bug")


@api_view(["GET"])
@permission_classes([AllowAny])
def drf_boom(request):
    raise RuntimeError("a bug in an API view")


urlpatterns = [
    path("api/v1/boom/plain/", plain_boom),
    path("api/v1/boom/drf/", drf_boom),
    path("api/v1/", include("editorial.api.urls")),
]

handler404 = "config.api.errors.handler404"
handler500 = "config.api.errors.handler500"
