"""The Atom feed and the sitemap of published articles."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .. import selectors
from ..models import PublicNotice, PublicSnapshot

NOTICE_LABELS = {"correction": "Correction", "retracted": "Retracted", "reinstated": "Reinstated"}

FEED_SIZE = 50
SEALED_FIELDS = ("slug", "state", "seals", "title", "summary")


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    title = "Imprimatur: medical articles reviewed by our Medical Advisory Board"
    subtitle = "Newly published and updated articles."
    author_name = "Imprimatur Medical Advisory Board"

    def link(self) -> str:
        return reverse("public-article-list")

    def items(self) -> list[PublicSnapshot]:
        return selectors.sealed_listing(
            selectors.public_listing().only(*SEALED_FIELDS, "published_at")[:FEED_SIZE]
        )

    def item_title(self, item: PublicSnapshot) -> str:
        return item.title

    def item_description(self, item: PublicSnapshot) -> str:
        return item.summary

    def item_link(self, item: PublicSnapshot) -> str:
        return reverse("public-article-page", args=[item.slug])

    def item_updateddate(self, item: PublicSnapshot) -> datetime | None:
        return item.published_at

    def item_pubdate(self, item: PublicSnapshot) -> datetime | None:
        return item.published_at


class CorrectionsFeed(Feed):
    feed_type = Atom1Feed
    title = "Imprimatur: corrections and retractions"
    subtitle = "Corrections, retractions and reinstatements of our published articles."
    author_name = "Imprimatur Medical Advisory Board"

    def link(self) -> str:
        return reverse("public-corrections")

    def items(self) -> list[PublicNotice]:
        return selectors.public_notice_page(limit=FEED_SIZE)[1]

    def item_title(self, item: PublicNotice) -> str:
        return f"{NOTICE_LABELS.get(item.kind, item.kind)}: {item.title}"

    def item_description(self, item: PublicNotice) -> str:
        return item.note

    def item_link(self, item: PublicNotice) -> str:
        return reverse("public-article-page", args=[item.slug])

    def item_guid(self, item: PublicNotice) -> str:
        return f"{self.item_link(item)}#{item.kind}-{item.at.isoformat()}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: PublicNotice) -> datetime:
        return item.at

    def item_pubdate(self, item: PublicNotice) -> datetime:
        return item.at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[PublicSnapshot]:
        # Only slugs and dates: a row whose rendering was edited still answers 404 at its
        # address, so the sitemap skips the seal check it could not afford at scale.
        return selectors.public_listing().only("slug", "published_at")

    def location(self, item: PublicSnapshot) -> str:
        return reverse("public-article-page", args=[item.slug])

    def lastmod(self, item: PublicSnapshot) -> datetime | None:
        return item.published_at


class PagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["public-article-list", "public-corrections", "public-editorial-policy"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"articles": ArticleSitemap, "pages": PagesSitemap}
