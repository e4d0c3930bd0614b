"""/api/v1/ for authors, reviewers, editors and the board. Nothing here is under public/,
which is the anonymous public API's."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from articles.api import SpecialtyViewSet

from .articles import ArticleViewSet
from .assignments import AssignmentViewSet, ReviewerViewSet
from .auth import ApiTokenViewSet, TokenView
from .rereviews import ReReviewViewSet
from .revisions import RevisionViewSet

router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("revisions", RevisionViewSet, basename="revision")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("rereviews", ReReviewViewSet, basename="rereview")
router.register("reviewers", ReviewerViewSet, basename="reviewer")
router.register("specialties", SpecialtyViewSet, basename="specialty")
router.register("auth/tokens", ApiTokenViewSet, basename="api-token-item")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]),
        name="api-schema",
    ),
    path(
        "docs/",
        # Swagger UI's start-up script is served as a file (the split view), so no inline
        # script is allowed; its components set inline styles.
        csp_update({"style-src": [SELF, UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema", permission_classes=[AllowAny], authentication_classes=[]
            )
        ),
        name="api-docs",
    ),
    *router.urls,
]
