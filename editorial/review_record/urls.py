from django.urls import path

from .views import review_record_view

api_urlpatterns = [
    path(
        "api/v1/public/articles/<str:slug>/review-record/",
        review_record_view,
        name="public-api-review-record",
    ),
]
