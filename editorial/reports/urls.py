"""Routes for readers' reports, with their full paths like the other public routes."""

from django.urls import path

from . import api, pages

api_urlpatterns = [
    path(
        "api/v1/public/articles/<str:slug>/reports/",
        api.ReaderReportView.as_view(),
        name="public-api-article-reports",
    ),
]

urlpatterns = [
    path("articles/<str:slug>/report/", pages.report_page, name="public-article-report"),
    path(
        "articles/<str:slug>/report/sent/",
        pages.report_sent_page,
        name="public-article-report-sent",
    ),
]
