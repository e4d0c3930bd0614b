"""Keeping the public's stored renderings in step with what they show."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from articles.models import Article, PublicSnapshot, RevisionState
from articles.publication import (
    build_public_snapshot,
    build_retraction_snapshot,
    remove_public_snapshot,
)

from .. import selectors


def public_snapshot_refresh(*, article: Article) -> PublicSnapshot | None:
    """Render what the public sees of the article now: its live revision, a retraction
    notice if its last published revision was retracted, or nothing if never published."""
    article = Article.objects.select_related("live_revision").get(pk=article.pk)
    live = article.live_revision
    if live is not None and live.state == RevisionState.PUBLISHED:
        credits = selectors.review_credit_list(live)
        return build_public_snapshot(article, reviewed_by=credits)
    retracted = article.revisions.filter(state=RevisionState.RETRACTED).order_by("-number").first()
    if live is None and retracted is not None:
        return build_retraction_snapshot(article, revision=retracted)
    remove_public_snapshot(article)
    return None


def public_snapshots_refresh_for_person(*, user_id: int) -> int:
    """Rebuild the articles that show this person as a reviewer (their name changed)."""
    articles = selectors.article_credited_list(user_id)
    with transaction.atomic():
        for article in articles:
            public_snapshot_refresh(article=article)
    return len(articles)


def public_snapshots_rebuild_all(*, log: Any = None) -> int:
    """Rebuild every stored rendering, e.g. after the disclaimer or SITE_URL changed."""
    ids = list(
        Article.objects.filter(
            revisions__state__in=[RevisionState.PUBLISHED, RevisionState.RETRACTED]
        )
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    for count, pk in enumerate(ids, start=1):
        with transaction.atomic():
            public_snapshot_refresh(article=Article(pk=pk))
        if log and count % 1000 == 0:
            log(f"{count} of {len(ids)} rebuilt")
    return len(ids)
