from django.contrib import admin
from django.urls import include, path

from articles.public import urls as public

urlpatterns = [
    # The anonymous public API comes first: before the authenticated /api/v1/, so it is
    # never shadowed by it nor goes through DRF's authentication.
    *public.api_urlpatterns,
    path("admin/", admin.site.urls),
    path("api/v1/", include("editorial.api.urls")),
    *public.urlpatterns,
]

# Under /api/ these answer in the API's one JSON error shape; elsewhere, Django's pages.
handler400 = "config.api.errors.handler400"
handler403 = "config.api.errors.handler403"
handler404 = "config.api.errors.handler404"
handler500 = "config.api.errors.handler500"
