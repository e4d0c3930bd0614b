"""An author's articles: the list with where each stands, a new article, one article with its
revisions and the board's decisions, and starting the next revision."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from articles.checks import checks_view
from articles.models import ChangeClass, RevisionState
from editorial import policy, services, workflow
from editorial.api.serializers import feedback_for
from editorial.errors import NotPermitted, RuleViolation, WorkflowError
from editorial.models import VoteDecision
from editorial.services.changes import FIRST_PUBLICATION, required_class
from reviewers.models import Recommendation

from .. import selectors
from ..access import author_view, check, not_found, refused
from ..forms import NewArticleForm
from ..status import standing

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    """An author's articles; a reviewer who writes none goes to their reviews."""
    user = request.user
    if (
        user.is_authenticated
        and not policy.is_author(user)
        and policy.is_reviewer(user)
        and hasattr(user, "reviewer")
    ):
        return HttpResponseRedirect(reverse("workspace:reviews"))
    return _my_articles(request)


@author_view
def _my_articles(request: HttpRequest) -> HttpResponse:
    """My articles, newest activity first, each with its state and what happens next."""
    page = Paginator(selectors.author_article_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = []
    for article in page:
        revisions = list(article.revisions.all())
        latest = revisions[0] if revisions else None
        rows.append(
            {
                "article": article,
                "latest": latest,
                "standing": standing(latest, reviews_in=getattr(latest, "reviews_in", None)),
                "allowed": workflow.allowed(request.user, latest) if latest else [],
                "may_start_next": "start_revision" in workflow.allowed(request.user, article),
            }
        )
    return render(
        request, "workspace/home.html", {"title": "My articles", "page": page, "rows": rows}
    )


@author_view
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    """A new article: its title, address and specialty; the first draft opens next."""
    if not policy.can_create_article(request.user):
        return refused(request, NotPermitted("Only authors may create articles."))
    form = NewArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = services.article_create(
                actor=request.user,
                slug=data["slug"],
                specialty=data["specialty"],
                title=data["title"],
            )
        except RuleViolation as error:
            form.add_error("slug" if "slug" in error.fields else None, error.message)
        except WorkflowError as error:
            return refused(request, error)
        else:
            revision = article.revisions.get()
            messages.success(request, "Article created: write its first draft.")
            return HttpResponseRedirect(reverse("workspace:revision_edit", args=[revision.pk]))
    return render(request, "workspace/article_new.html", {"title": "New article", "form": form})


def _worded(feedback: dict | None) -> dict | None:
    """The API's feedback for the author, with its decisions and recommendations in words."""
    if feedback is None:
        return None
    for vote in feedback["board"]:
        vote["decision_label"] = VoteDecision(vote["decision"]).label
    for review in feedback["reviews"]:
        review["recommendation_label"] = Recommendation(review["recommendation"]).label
    return feedback


DECISIONS = {
    RevisionState.APPROVED: "The board approved this revision.",
    RevisionState.PUBLISHED: "The board approved this revision, and it was published.",
    RevisionState.SUPERSEDED: "The board approved this revision; a later one replaced it.",
    RevisionState.RETRACTED: "The board approved this revision; it was later retracted.",
    RevisionState.CHANGES_REQUESTED: "The board asked for changes.",
    RevisionState.REJECTED: "The board declined to publish this revision.",
}


@author_view
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One article: where it stands, what the author may do, and each revision with the
    board's decision and the blinded reviews once the board has decided."""
    article = selectors.author_article_get(request.user, slug)
    if article is None:
        return not_found(request)
    revisions = list(article.revisions.all())
    latest = revisions[0] if revisions else None
    reviews_in = None
    if latest is not None:
        reviews_in = sum(1 for a in latest.assignments.all() if a.state == "completed")
    history = [
        {
            "revision": r,
            "feedback": _worded(feedback_for(request.user, r)),
            # What the checks found when it was submitted, as the board reads it.
            "checks": checks_view({**r.checks, "at_submission": True}) if r.checks else None,
        }
        for r in revisions
    ]
    return render(
        request,
        "workspace/article_detail.html",
        {
            "title": latest.title if latest and latest.title else article.slug,
            "article": article,
            "latest": latest,
            "standing": standing(latest, reviews_in=reviews_in),
            "allowed": workflow.allowed(request.user, latest) if latest else [],
            "may_start_next": "start_revision" in workflow.allowed(request.user, article),
            "history": history,
            "decisions": DECISIONS,
        },
    )


# What the author may choose for a published article's next revision, in their words.
CLASS_CHOICES = (
    (
        ChangeClass.MINOR,
        "Minor change",
        "Spelling, formatting or a broken link; the meaning is unchanged. One board member "
        "approves it, with no peer review, and the page's last-updated date stays.",
    ),
    (
        ChangeClass.UPDATE,
        "Update",
        "New evidence or guidance. Fully reviewed; readers see your one-line summary of what "
        "changed.",
    ),
    (
        ChangeClass.CORRECTION,
        "Correction",
        "An error in the published text. Fully reviewed, sooner; readers see a correction "
        "notice saying what was wrong, and it is listed with the site's corrections.",
    ),
)
NOTE_MAX = 300


@author_view
@require_http_methods(["GET", "POST"])
def article_next(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the next revision: a draft copied from the latest, after saying what happens."""
    article = selectors.author_article_get(request.user, slug)
    if article is None:
        return not_found(request)
    problem = check("start_revision", request, article)
    if problem is not None:
        return problem
    latest = policy.latest_revision(article)
    fixed = required_class(article, latest.number + 1)
    chosen = {"change_class": "", "change_note": ""}
    error = None
    if request.method == "POST":
        # A published article's next revision says what kind of change it is (the author's
        # choice, confirmed by the editor at start of review); after a retraction it is a
        # reinstatement; before first publication it has no class.
        if fixed is None:
            chosen["change_class"] = request.POST.get("change_class", "").strip()
        if fixed != FIRST_PUBLICATION:
            chosen["change_note"] = request.POST.get("change_note", "").strip()[:NOTE_MAX]
        try:
            revision = services.revision_start_next(article=article, actor=request.user, **chosen)
        except RuleViolation as exc:
            error = exc.message
        except WorkflowError as exc:
            return refused(request, exc)
        else:
            messages.success(request, f"Revision {revision.number} started: edit your draft.")
            return HttpResponseRedirect(reverse("workspace:revision_edit", args=[revision.pk]))
    return render(
        request,
        "workspace/article_next.html",
        {
            "title": "Start the next revision",
            "article": article,
            "latest": latest,
            "live": article.live_revision,
            "asks_class": fixed is None,
            "reinstates": fixed == ChangeClass.REINSTATEMENT,
            "classes": CLASS_CHOICES,
            "chosen": chosen,
            "note_max": NOTE_MAX,
            "error": error,
        },
    )
