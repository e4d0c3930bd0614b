"""/articles/<slug>/report/: the report form for people, plain HTML that works without
JavaScript, and /articles/<slug>/report/sent/, what happens next.

The form is its own page, rendered for each request, because the article page is stored and
shared by every reader: nothing per-reader (a signed time, a CSRF token) can be baked into
it. No CSRF token here either: the view reads no session or sign-in, so a cross-site post
borrows no one's authority; the signed time and the honeypot keep programs out, and the
throttle slows down the rest.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import PublicSnapshot
from articles.public.http import CACHE_CONTROL
from articles.public.pages import html_response, not_found_page
from config.api.throttling import ThrottleUnavailable

from .. import services
from ..errors import NotFound, RuleViolation
from ..selectors import reportable_article
from .forms import HONEYPOT, ReportForm, form_token, token_problem
from .throttle import ReaderReportThrottle

UNAVAILABLE = "We cannot take reports for a few minutes. Please try again shortly."
THROTTLED = "We have had several reports from your address in a short time. Please try again later."


def _page(request: HttpRequest, live: PublicSnapshot, form: ReportForm, status: int = 200):
    body = render_to_string(
        "readers/report_form.html",
        {
            "form": form,
            "title": live.title,
            "slug": live.slug,
            "started": form_token(live.slug),
            "honeypot": HONEYPOT,
        },
    )
    return html_response(body, status=status)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method == "POST":
        try:
            allowed = ReaderReportThrottle().allow_request(request, None)
        except ThrottleUnavailable:
            return html_response(
                render_to_string("readers/report_throttled.html", {"message": UNAVAILABLE}),
                status=503,
            )
        if not allowed:
            return html_response(
                render_to_string("readers/report_throttled.html", {"message": THROTTLED}),
                status=429,
            )
    live = reportable_article(slug)
    if live is None:
        return html_response(not_found_page(), status=404)
    if request.method != "POST":
        return _page(request, live, ReportForm())
    form = ReportForm(request.POST)
    sent = HttpResponseRedirect(reverse("public-article-report-sent", args=[slug]), status=303)
    if request.POST.get(HONEYPOT):
        return sent  # a program: answered as if accepted, nothing kept
    problem = token_problem(request.POST.get("started", ""), slug)
    if problem is not None:
        form.is_valid()
        form.add_error(None, problem)
        return _page(request, live, form, status=400)
    if not form.is_valid():
        return _page(request, live, form, status=400)
    data = form.cleaned_data
    try:
        services.reader_report_receive(
            slug=slug, kind=data["kind"], message=data["message"], email=data["email"]
        )
    except NotFound:
        return html_response(not_found_page(), status=404)
    except RuleViolation as exc:
        form.add_error(None, exc.message)
        return _page(request, live, form, status=400)
    return sent


@require_safe
def report_sent_page(request: HttpRequest, slug: str) -> HttpResponse:
    live = reportable_article(slug)
    if live is None:
        return html_response(not_found_page(), status=404)
    body = render_to_string("readers/report_sent.html", {"title": live.title, "slug": live.slug})
    response = html_response(body)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response
