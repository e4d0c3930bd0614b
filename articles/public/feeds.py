"""The Atom feed and the sitemaps of published articles.

Every address in them is under SITE_URL, as the pages' canonical links are, whatever Host
header the request came with: a feed's ids and a sitemap's `loc` never change with it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from .. import selectors
from ..models import ProfileSnapshot, PublicNotice, PublicSnapshot
from ..renderings import absolute

NOTICE_LABELS = {"correction": "Correction", "retracted": "Retracted", "reinstated": "Reinstated"}

FEED_SIZE = 50
SEALED_FIELDS = ("slug", "state", "seals", "title", "summary")


class StableAtomFeed(Atom1Feed):
    """Atom whose `updated` is the newest entry's; an empty feed's is a fixed instant rather
    than the time of the request, so its bytes (and ETag) change only when its entries do."""

    EMPTY = datetime(2000, 1, 1, tzinfo=UTC)

    def latest_post_date(self) -> datetime:
        return super().latest_post_date() if self.items else self.EMPTY


class SiteFeed(Feed):
    """A feed whose links are absolute under SITE_URL (Django then leaves them as they are,
    instead of joining them to the request's host)."""

    feed_type = StableAtomFeed
    url_name = ""  # the feed's own route

    def feed_url(self) -> str:
        return absolute(reverse(self.url_name))


class ArticleFeed(SiteFeed):
    url_name = "public-feed"
    title = "Imprimatur: medical articles reviewed by our Medical Advisory Board"
    subtitle = "Newly published and updated articles."
    author_name = "Imprimatur Medical Advisory Board"

    def link(self) -> str:
        return absolute(reverse("public-article-list"))

    def items(self) -> list[PublicSnapshot]:
        return selectors.sealed_listing(
            selectors.public_listing().only(*SEALED_FIELDS, "published_at")[:FEED_SIZE]
        )

    def item_title(self, item: PublicSnapshot) -> str:
        return item.title

    def item_description(self, item: PublicSnapshot) -> str:
        return item.summary

    def item_link(self, item: PublicSnapshot) -> str:
        return absolute(reverse("public-article-page", args=[item.slug]))

    def item_updateddate(self, item: PublicSnapshot) -> datetime | None:
        return item.published_at

    def item_pubdate(self, item: PublicSnapshot) -> datetime | None:
        return item.published_at


class CorrectionsFeed(SiteFeed):
    url_name = "public-corrections-feed"
    title = "Imprimatur: corrections and retractions"
    subtitle = "Corrections, retractions and reinstatements of our published articles."
    author_name = "Imprimatur Medical Advisory Board"

    def link(self) -> str:
        return absolute(reverse("public-corrections"))

    def items(self) -> list[PublicNotice]:
        return selectors.public_notice_page(limit=FEED_SIZE)[1]

    def item_title(self, item: PublicNotice) -> str:
        return f"{NOTICE_LABELS.get(item.kind, item.kind)}: {item.title}"

    def item_description(self, item: PublicNotice) -> str:
        return item.note

    def item_link(self, item: PublicNotice) -> str:
        return absolute(reverse("public-article-page", args=[item.slug]))

    def item_guid(self, item: PublicNotice) -> str:
        return f"{self.item_link(item)}#{item.kind}-{item.at.isoformat()}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: PublicNotice) -> datetime:
        return item.at

    def item_pubdate(self, item: PublicNotice) -> datetime:
        return item.at


class SiteSitemap(Sitemap):
    """Addresses under SITE_URL's scheme and host, not the request's."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[PublicSnapshot]:
        # Only slugs and dates: a row whose rendering was edited still answers 404 at its
        # address, so the sitemap skips the seal check it could not afford at scale.
        return selectors.public_listing().only("slug", "published_at")

    def location(self, item: PublicSnapshot) -> str:
        return reverse("public-article-page", args=[item.slug])

    def lastmod(self, item: PublicSnapshot) -> datetime | None:
        return item.published_at


class PagesSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["public-article-list", "public-corrections", "public-editorial-policy"]

    def location(self, item: str) -> str:
        return reverse(item)


class ReviewerSitemap(SiteSitemap):
    """The public profiles of the reviewers and board members who show one."""

    changefreq = "monthly"

    def items(self) -> QuerySet[ProfileSnapshot]:
        return ProfileSnapshot.objects.only("slug", "last_modified").order_by("slug")

    def location(self, item: ProfileSnapshot) -> str:
        return reverse("public-reviewer-page", args=[item.slug])

    def lastmod(self, item: ProfileSnapshot) -> datetime:
        return item.last_modified


SITEMAPS = {"articles": ArticleSitemap, "pages": PagesSitemap, "reviewers": ReviewerSitemap}


@require_safe
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """/sitemap.xml: the sitemaps, every page of each (at most `Sitemap.limit`, 50,000 URLs,
    as the protocol allows), under SITE_URL."""
    entries = []
    for section, kind in SITEMAPS.items():
        sitemap = kind()
        address = absolute(reverse("public-sitemap-section", kwargs={"section": section}))
        entries.append(SitemapIndexItem(address, None))
        entries += [
            SitemapIndexItem(f"{address}?p={page}", None)
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
