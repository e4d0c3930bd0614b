from django.contrib import admin
from django.urls import include, path

from articles.public import urls as public
from config import health
from editorial.reports import urls as reports
from editorial.review_record import urls as review_record

urlpatterns = [
    # The anonymous public API comes first: before the authenticated /api/v1/, so it is
    # never shadowed by it nor goes through DRF's authentication. The public pages follow:
    # Django tries the patterns in order, and these are the busiest addresses; none of them
    # falls under admin/, api/v1/ or workspace/.
    *public.api_urlpatterns,
    *public.urlpatterns,
    *review_record.api_urlpatterns,
    *reports.api_urlpatterns,
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("editorial.api.urls")),
    path("workspace/", include("workspace.urls")),
    # Readers' reports: public routes served by the editorial app (articles imports nothing
    # of it), so a report goes straight into the editors' queue through its service.
    *reports.urlpatterns,
]

# Under /api/ these answer in the API's one JSON error shape; elsewhere, Django's pages.
handler400 = "config.api.errors.handler400"
handler403 = "config.api.errors.handler403"
handler404 = "config.api.errors.handler404"
handler500 = "config.api.errors.handler500"
