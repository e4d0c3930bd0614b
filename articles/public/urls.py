"""Public routes, with their full paths so resolving them never walks nested includes.

config/urls.py puts `api_urlpatterns` before the authenticated /api/v1/, and `urlpatterns`
(the pages) right after them: the busiest addresses are tried first.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import api, feeds, icons, pages, people
from .http import revalidated

api_urlpatterns = [
    # Any string, so a malformed slug gets the same 404 as an unpublished one. The article,
    # the busiest address, first: Django tries the patterns in order.
    path("api/v1/public/articles/<str:slug>/", api.article_detail, name="public-api-article"),
    path("api/v1/public/articles/", api.article_list, name="public-api-articles"),
]

urlpatterns = [
    path("articles/<str:slug>/", pages.article_page, name="public-article-page"),
    path("", pages.home_page, name="public-home"),
    path("articles/", pages.article_list_page, name="public-article-list"),
    path("articles/feed.atom", revalidated(feeds.ArticleFeed()), name="public-feed"),
    path("corrections/", pages.corrections_page, name="public-corrections"),
    path("corrections/feed/", revalidated(feeds.CorrectionsFeed()), name="public-corrections-feed"),
    path("editorial-policy/", pages.editorial_policy, name="public-editorial-policy"),
    # Any string, so a malformed slug gets the same 404 as a profile never made public.
    path("reviewers/<str:slug>/", people.reviewer_page, name="public-reviewer-page"),
    path("sitemap.xml", revalidated(feeds.sitemap_index), name="public-sitemap"),
    path(
        "sitemap-<section>.xml",
        revalidated(sitemap),
        {"sitemaps": feeds.SITEMAPS},
        name="public-sitemap-section",
    ),
    path("robots.txt", pages.robots_txt, name="public-robots"),
    path("favicon.ico", icons.icon, {"name": "favicon.ico"}, name="public-favicon-ico"),
    path("favicon.svg", icons.icon, {"name": "favicon.svg"}, name="public-favicon-svg"),
]
