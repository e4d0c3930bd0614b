"""Readers' reports: the article a reader may report on, and the editors' queue."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from articles.models import Article, PublicSnapshot, SnapshotState
from articles.selectors import sealed_listing

from .. import policy
from ..models import OPEN_REPORT_STATES, ReaderReport, ReportState
from ..policy import User

REPORTABLE_FIELDS = ("slug", "state", "seals", "title", "summary", "article_id", "revision_id")


def reportable_article(slug: str) -> PublicSnapshot | None:
    """The stored public rendering of a published article at this slug, if the public can
    read it now: its revision is the text the reader saw. None for an unknown, unpublished
    or retracted slug, or a rendering edited outside the application (which its own address
    answers 404 too)."""
    row = (
        PublicSnapshot.objects.filter(slug=slug, state=SnapshotState.PUBLISHED)
        .only(*REPORTABLE_FIELDS)
        .first()
    )
    if row is None or not sealed_listing([row]):
        return None
    return row


def reader_report_list(user: User) -> QuerySet[ReaderReport]:
    """The reports this user may read, with what the queue shows of each: new first, then
    acknowledged, then closed; newest first within each."""
    return (
        ReaderReport.objects.filter(policy.reader_reports_scope(user))
        .select_related("article", "revision", "handled_by")
        .annotate(
            queue_rank=Case(
                When(state=ReportState.NEW, then=Value(0)),
                When(state=ReportState.ACKNOWLEDGED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("queue_rank", "-created_at", "-pk")
    )


def reader_report_open_count(user: User, article: Article) -> int | None:
    """How many reports on the article are still open, for those who may read them (None
    for anyone else: the revision page then says nothing about reports)."""
    if not policy.can_see_reader_reports(user) or policy.wrote(user, article):
        return None
    return ReaderReport.objects.filter(article=article, state__in=OPEN_REPORT_STATES).count()
