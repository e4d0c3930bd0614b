from django.contrib import admin
from django.urls import include, path

from articles.public.urls import api_urlpatterns as public_api_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    # The anonymous public API comes before the authenticated /api/v1/ so it is never
    # shadowed by it and never goes through DRF's authentication.
    path("api/v1/public/", include(public_api_urlpatterns)),
    path("", include("articles.public.urls")),
]
