"""Reads of content. The public side reads only through published_articles()."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import Article, Revision, RevisionState


def published_articles() -> QuerySet[Article]:
    """Articles the public may read, each with its live revision joined in.

    Visibility is decided by the live revision's own state, so an article whose
    pointer somehow names a revision that is not published shows nothing.
    """
    return (
        Article.objects.filter(
            live_revision__isnull=False,
            live_revision__state=RevisionState.PUBLISHED,
            live_revision__article=F("pk"),
        )
        .select_related("live_revision", "specialty")
        .order_by("-live_revision__published_at", "-pk")
    )


def published_revision(slug: str) -> Revision | None:
    """The revision the public sees for this slug, or None: unknown and unpublished alike."""
    article = published_articles().filter(slug=slug).first()
    return article.live_revision if article else None


def retracted_revision(slug: str) -> Revision | None:
    """The retracted revision an article with no live revision was last shown as, if any."""
    return (
        Revision.objects.filter(
            article__slug=slug,
            article__live_revision__isnull=True,
            state=RevisionState.RETRACTED,
        )
        .order_by("-number")
        .first()
    )
