from django.contrib import admin
from django.urls import path

from articles.public import urls as public

urlpatterns = [
    # The anonymous public API comes first: before the authenticated /api/v1/, so it is
    # never shadowed by it nor goes through DRF's authentication.
    *public.api_urlpatterns,
    path("admin/", admin.site.urls),
    *public.urlpatterns,
]
