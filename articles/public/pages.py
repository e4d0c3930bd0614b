"""Server-rendered pages for people: article list, article, editorial policy, robots.txt."""

from __future__ import annotations

import functools
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from .. import overdue, selectors
from ..models import Drafting, SnapshotState
from ..publication import AUDIENCE_LABELS
from ..renderings import absolute
from ..selectors import LastModified
from .api import PAGE_SIZE, chosen_audience, listing_filters, page_number
from .feeds import NOTICE_LABELS
from .http import (
    CACHE_CONTROL,
    HTML,
    PAGE_CSP,
    accepted_encoding,
    encoded_etag,
    not_modified,
    not_modified_response,
    query_param,
    revalidated,
    stored_response,
)

AUDIENCE_COOKIE = "audience"
AUDIENCE_COOKIE_AGE = 60 * 60 * 24 * 365


def html_response(body: str | bytes, status: int = 200) -> HttpResponse:
    response = HttpResponse(body, content_type=HTML, status=status)
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response


@functools.cache
def not_found_page() -> str:
    """One fixed body for every slug the public may not see, whatever the reason."""
    return render_to_string("articles/not_found.html")


def _page_audience(request: HttpRequest) -> tuple[str, bool]:
    """The audience to show and whether the reader just chose it (to remember it)."""
    asked = query_param(request, "audience")
    if asked is not None:
        try:
            return chosen_audience(asked) or "general", True
        except ValueError:
            pass
    try:
        return chosen_audience(request.COOKIES.get(AUDIENCE_COOKIE)) or "general", False
    except ValueError:
        return "general", False


PAGE_VARY = "Cookie, Accept-Encoding"
PAGE_NOT_MODIFIED = {"Content-Security-Policy": PAGE_CSP, "Vary": PAGE_VARY}


@require_safe
def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    audience, chosen = _page_audience(request)
    general = audience == "general"
    # The stored gzip copy is the page as stored: the general summary, not overdue.
    encoding = accepted_encoding(request) if general else ""
    response = _compressed_page(request, slug, encoding, chosen) if encoding else None
    if response is None:
        response = _stored_page(request, slug, audience, chosen)
    if chosen and response.status_code not in (404, 410):
        response.set_cookie(
            AUDIENCE_COOKIE, audience, max_age=AUDIENCE_COOKIE_AGE, samesite="Lax", httponly=True
        )
        # A choice sets a cookie: no shared cache may store this particular answer.
        response.headers["Cache-Control"] = "private, no-cache"
    return response


def _page(
    body: bytes, etag: str, last_modified: LastModified, *, status: int = 200, encoding: str = ""
) -> HttpResponse:
    response = stored_response(
        body, HTML, etag, last_modified, status=status, encoding=encoding, vary=PAGE_VARY
    )
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response


def _page_not_modified(etag: str, last_modified: LastModified) -> HttpResponse:
    # A browser updates the page it holds with the 304's headers: the page's own policy
    # must come back, or the site's default one blocks the page's styles.
    return not_modified_response(etag, last_modified, PAGE_NOT_MODIFIED)


def _compressed_page(
    request: HttpRequest, slug: str, encoding: str, chosen: bool
) -> HttpResponse | None:
    row = selectors.public_snapshot_compressed(slug, "page")
    if row is None or overdue.served_etag(row.etag) != row.etag:
        return None
    if row.state == SnapshotState.RETRACTED:
        etag = encoded_etag(row.etag, encoding)
        return _page(row.body, etag, row.last_modified, status=410, encoding=encoding)
    etag = encoded_etag(f'{row.etag[:-1]}-general"', encoding)
    if not chosen and not_modified(request, etag, row.last_modified):
        return _page_not_modified(etag, row.last_modified)
    return _page(row.body, etag, row.last_modified, encoding=encoding)


def _stored_page(request: HttpRequest, slug: str, audience: str, chosen: bool) -> HttpResponse:
    general = audience == "general"
    row = selectors.public_snapshot(slug, "page" if general else "page_audience")
    if row is None:
        return html_response(not_found_page(), status=404)
    state, etag, last_modified, page = row.state, row.etag, row.last_modified, row.body
    if state == SnapshotState.RETRACTED:
        return _page(page, etag, last_modified, status=410)
    etag = f'{overdue.served_etag(etag)[:-1]}-{audience}"'
    page = overdue.page_now(page)
    if not chosen and not_modified(request, etag, last_modified):
        return _page_not_modified(etag, last_modified)
    if not general:
        # The stored page shows the general summary and body; swap in the reader's own
        # summary, and their own version of the body where the article has one.
        fragments = json.loads(row.audience)
        page = page.replace(fragments["general"].encode(), fragments[audience].encode(), 1)
        bodies = fragments.get("bodies") or {}
        if audience in bodies:
            page = page.replace(bodies["general"].encode(), bodies[audience].encode(), 1)
    return _page(page, etag, last_modified)


HOME_SIZE = 10


@require_safe
@revalidated
def home_page(request: HttpRequest) -> HttpResponse:
    """/: what the site is, the latest articles, and where the policy and corrections are."""
    count, entries = selectors.public_listing_page(
        column="list_entry_html", offset=0, limit=HOME_SIZE
    )
    body = render_to_string(
        "articles/home.html",
        {
            "entries": mark_safe("".join(entries)),  # noqa: S308 - rendered at publication
            "count": count,
            "shown": len(entries),
            "canonical": absolute("/"),
        },
    )
    response = html_response(body)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@require_safe
@revalidated
def article_list_page(request: HttpRequest) -> HttpResponse:
    filters = listing_filters(request)
    try:
        number = page_number(request)
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    count, entries = selectors.public_listing_page(
        column="list_entry_html", offset=start, limit=PAGE_SIZE, **filters
    )
    pages = max(1, -(-count // PAGE_SIZE))
    if number > pages:
        number = pages
        start = (number - 1) * PAGE_SIZE
        count, entries = selectors.public_listing_page(
            column="list_entry_html", offset=start, limit=PAGE_SIZE, **filters
        )
    params = {k: v for k, v in (("q", filters["query"]), ("specialty", filters["specialty"])) if v}
    body = render_to_string(
        "articles/article_list.html",
        {
            "entries": mark_safe("".join(entries)),  # noqa: S308 - rendered at publication
            "count": count,
            "number": number,
            "pages": pages,
            "query": filters["query"],
            "params": params,
        },
        request=None,
    )
    response = html_response(body)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@require_safe
@revalidated
def corrections_page(request: HttpRequest) -> HttpResponse:
    """Corrections, retractions and reinstatements, newest first, a page at a time."""
    try:
        number = page_number(request)
    except ValueError:
        number = 1
    count, notices = selectors.public_notice_page(offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max(1, -(-count // PAGE_SIZE))
    if number > pages:
        number = pages
        count, notices = selectors.public_notice_page(
            offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
    body = render_to_string(
        "articles/corrections.html",
        {
            "notices": [(n, NOTICE_LABELS.get(n.kind, n.kind)) for n in notices],
            "count": count,
            "number": number,
            "pages": pages,
        },
    )
    response = html_response(body)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def disclosure_examples() -> list[dict[str, str]]:
    """The words each article uses for its kind of drafting, as the policy page quotes them."""
    wording = settings.EDITORIAL["DRAFTING_DISCLOSURE"]
    placeholders = {
        "publisher": settings.PUBLISHER["NAME"],
        "approvers": "the named board members",
        "pipeline": "the system's name",
        "model": "its model",
        "version": "its version",
    }
    return [
        {"label": kind.label, "text": wording[kind.value].format(**placeholders)}
        for kind in Drafting
        if kind.value in wording
    ]


@require_safe
@revalidated
def editorial_policy(request: HttpRequest) -> HttpResponse:
    rules = settings.EDITORIAL
    body = render_to_string(
        "articles/editorial_policy.html",
        {
            "quorum": rules["BOARD_QUORUM"],
            "required_reviews": rules["REQUIRED_REVIEWS"],
            "rereview_months": rules["REREVIEW_MONTHS"],
            "report_email_days": rules["REPORT_EMAIL_RETENTION_DAYS"],
            "disclaimer": rules["DISCLAIMER"],
            "audiences": AUDIENCE_LABELS,
            "publisher": settings.PUBLISHER["NAME"],
            "disclosures": disclosure_examples(),
        },
    )
    response = html_response(body)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Allow: /articles/",
        f"Sitemap: {absolute(reverse('public-sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
