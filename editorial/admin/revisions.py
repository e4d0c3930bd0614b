"""Revisions in the admin: the queues' list, and the page a decision is made on.

Revision content is never edited here, in any state: authors write through the API,
editors and the board decide. Every change on this page is a button calling a service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.checks import checks_view, shown_checks
from articles.content import render_audience_bodies, render_body
from articles.diff import FieldDiff, WordDiff, revision_diff, revision_word_diff, versions_apart
from articles.models import AUDIENCE_READERS, Revision
from reviewers.models import Recommendation, ReReview, ReviewAssignment

from .. import policy, selectors, workflow
from .actions import (
    ASSIGNMENT_BUTTONS,
    REREVIEW_BUTTONS,
    REVISION_BUTTONS,
    Button,
    buttons_for,
)
from .changelist import clamped
from .filters import AuthorFilter, ReviewerFilter, RevisionQueueFilter, SpecialtyFilter
from .records import ReadOnlyAdmin
from .views import RevisionActionViews


def _versions(body_html: str, audience_html: dict[str, str]) -> list[dict[str, str]]:
    """The body beside each audience's own version, when the revision has any (sanitised by
    articles.content.render_body, nh3's allow-list, like body_html)."""
    if not audience_html:
        return []
    shown = {"general": body_html, **audience_html}
    return [
        {"audience": a, "readers": AUDIENCE_READERS[a], "html": mark_safe(html)}  # noqa: S308
        for a, html in shown.items()
    ]


@dataclass(frozen=True)
class ButtonLink:
    name: str
    action: Button
    url: str
    # Offered as one click although its form has fields (all optional here).
    one_click: bool = False

    @property
    def inline(self) -> bool:
        """A form of one button on the revision page; an action that cannot be undone is a
        link to its confirmation page instead."""
        if self.action.confirm is not None:
            return False
        return self.one_click or not self.action.needs_input


@dataclass(frozen=True)
class AssignmentRow:
    assignment: ReviewAssignment
    label: str  # the reviewer's name, or "Reviewer n" for the author (named in open review)
    full: bool  # identity, conflict declaration and confidential comments
    buttons: list[ButtonLink]


@dataclass(frozen=True)
class ReReviewPanel:
    rereview: ReReview
    rows: list[AssignmentRow]
    buttons: list[ButtonLink]
    assign_url: str | None
    completed: int
    needs_update: int
    required: int


@admin.register(Revision)
class RevisionAdmin(RevisionActionViews, ReadOnlyAdmin):
    list_display = (
        "title_or_slug",
        "number",
        "state_label",
        "specialty",
        "author",
        "reviews",
        "approvals_count",
        "review_due",
        "last_activity",
    )
    list_filter = (
        RevisionQueueFilter,
        "state",
        SpecialtyFilter,
        AuthorFilter,
        ReviewerFilter,
    )
    search_fields = ("title", "article__slug")
    full_text_path = "title"
    prefix_paths = ("article__slug",)
    # Those who know the authors find articles by their author too.
    author_search_fields = (
        "article__created_by__username",
        "article__created_by__first_name",
        "article__created_by__last_name",
    )
    list_per_page = 50
    # The changelist applies this over the queryset's own order: most recent activity first.
    ordering = ("-last_activity_at", "-pk")

    def get_queryset(self, request: HttpRequest):
        user = request.user
        return selectors.revision_changelist(selectors.revision_list(user), user)

    # In double-anonymous review a reviewer's list has no author: no column, so no sorting
    # by it; no search by name (the author filter offers no choices to them either).
    def get_list_display(self, request: HttpRequest):
        if policy.sees_authors(request.user):
            return self.list_display
        return tuple(name for name in self.list_display if name != "author")

    def get_search_fields(self, request: HttpRequest):
        if policy.sees_authors(request.user):
            return (*self.search_fields, *self.author_search_fields)
        return self.search_fields

    def get_prefix_paths(self, request: HttpRequest) -> tuple[str, ...]:
        if policy.sees_authors(request.user):
            return (*self.prefix_paths, *self.author_search_fields)
        return self.prefix_paths

    # -- list columns -----------------------------------------------------------
    @admin.display(description="title", ordering="title")
    def title_or_slug(self, obj: Revision) -> str:
        return clamped(obj.title or obj.article.slug)

    @admin.display(description="state", ordering="state")
    def state_label(self, obj: Revision) -> str:
        return format_html(
            '<span class="state state-{}">{}</span>', obj.state, obj.get_state_display()
        )

    @admin.display(description="specialty", ordering="article__specialty__name")
    def specialty(self, obj: Revision) -> str:
        return obj.article.specialty.name

    @admin.display(description="author", ordering="article__created_by__username")
    def author(self, obj: Revision) -> str:
        user = obj.article.created_by
        return user.get_full_name() or user.get_username()

    @admin.display(description="reviews done", ordering="completed_reviews")
    def reviews(self, obj: Revision) -> int | str:
        return obj.completed_reviews if obj.sees_record else "—"

    @admin.display(description="approvals", ordering="approvals")
    def approvals_count(self, obj: Revision) -> int | str:
        return obj.approvals if obj.sees_record else "—"

    @admin.display(description="next review", ordering="article__next_review_due")
    def review_due(self, obj: Revision) -> str:
        """The live revision's next review date, flagged in words when it has passed."""
        if obj.state != "published" or obj.article.next_review_due is None:
            return "—"
        due = obj.article.next_review_due
        if selectors.rereview_status(obj.article) == "overdue":
            return format_html(
                '{} <span class="flag flag-overdue">Overdue for re-review</span>', due
            )
        return str(due)

    @admin.display(description="last activity", ordering="last_activity_at")
    def last_activity(self, obj: Revision):
        return obj.last_activity_at

    # -- the revision page ------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = self.revision_or_404(request, object_id)
        return TemplateResponse(
            request, "admin/editorial/revision_review.html", self.review_context(request, revision)
        )

    def review_context(self, request: HttpRequest, revision: Revision) -> dict:
        user = request.user
        references = list(revision.references.all())
        record = policy.can_see_review_record(user, revision)
        previous = selectors.revision_previous_get(revision, user)
        public = selectors.revision_public_get(revision, user)
        retracted = selectors.retraction_acknowledged_get(revision)
        positions = [r.position for r in references]
        body_html = revision.body_html or render_body(revision.body, positions)
        audience_html = revision.audience_body_html or render_audience_bodies(revision, positions)
        rows = self._assignment_rows(user, revision)
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": revision.title or revision.article.slug,
            "revision": revision,
            "article": revision.article,
            "author": selectors.author_for(user, revision.article),
            "references": references,
            # Sanitised by articles.content.render_body (nh3 allow-list) before storage.
            "body_html": mark_safe(body_html),  # noqa: S308
            "versions": _versions(body_html, audience_html),
            "checks": checks_view(shown_checks(revision, references)),
            "previous": previous,
            "diff": versions_apart(
                revision_diff(previous, revision, previous.references.all(), references),
                unchanged=FieldDiff("Body", [], "general"),
            )
            if previous
            else None,
            "public": public,
            "public_diff": versions_apart(
                revision_word_diff(public, revision, public.references.all(), references),
                unchanged=WordDiff("Body", [], "general"),
            )
            if public
            else None,
            "retracted": retracted,
            "retracted_on": selectors.retraction_date(retracted) if retracted else None,
            "siblings": selectors.revision_sibling_list(revision, user),
            "assignment_rows": rows,
            "row_actions": sorted({b.action.label for row in rows for b in row.buttons}),
            "hidden_reviews": self._hidden_reviews(revision, rows),
            "rereview_panels": self._rereview_panels(user, revision),
            "rereview_status": selectors.rereview_status(revision.article)
            if revision.state == "published"
            else None,
            "sees_record": record,
            "votes": list(revision.votes.all()) if record else [],
            "status": selectors.revision_decision_status(revision),
            "history": selectors.audit_event_history(revision) if record else [],
            "buttons": self._revision_buttons(user, revision),
            "can_assign": "assign_reviewer" in workflow.allowed(user, revision),
            "assign_url": reverse("admin:articles_revision_assign", args=[revision.pk]),
            "without_role": policy.is_superuser(user) and not policy.roles(user),
            "open_reports": selectors.reader_report_open_count(user, revision.article),
            "reports_url": reverse("admin:editorial_readerreport_changelist")
            + f"?article__id__exact={revision.article_id}",
        }

    @staticmethod
    def _hidden_reviews(revision: Revision, rows: list[AssignmentRow]) -> dict | None:
        """For someone who reads none of the reviews (the author, before the board decides):
        how many reviewers there are, so "no reviewers" is never said when there are."""
        if rows:
            return None
        working = [
            a
            for a in revision.assignments.all()
            if a.rereview_id is None and a.state not in ("declined", "cancelled")
        ]
        if not working:
            return None
        completed = sum(1 for a in working if a.state == "completed")
        return {"reviewers": len(working), "completed": completed}

    def _revision_buttons(self, user, revision: Revision) -> list[ButtonLink]:
        return [
            ButtonLink(
                name,
                REVISION_BUTTONS[name],
                reverse("admin:articles_revision_action", args=[revision.pk, name]),
                # A first publication has no change class to confirm: review starts at once.
                one_click=name == "start_review" and not revision.change_class,
            )
            for name in buttons_for(REVISION_BUTTONS, user, revision)
        ]

    def _rereview_panels(self, user, revision: Revision) -> list[ReReviewPanel]:
        """Each re-review of this (live) revision, newest first: its reviewers, and the
        buttons this person may press on it now."""
        panels = []
        for rereview in selectors.rereview_revision_list(revision, user):
            rows = self._assignment_rows(user, revision, rereview.assignments.all())
            completed = [r.assignment for r in rows if r.assignment.state == "completed"]
            allowed = workflow.allowed(user, rereview)
            panels.append(
                ReReviewPanel(
                    rereview=rereview,
                    rows=rows,
                    buttons=[
                        ButtonLink(
                            name,
                            REREVIEW_BUTTONS[name],
                            reverse(
                                "admin:articles_revision_rereview_action",
                                args=[revision.pk, rereview.pk, name],
                            ),
                        )
                        for name, button in REREVIEW_BUTTONS.items()
                        if button.action in allowed
                    ],
                    assign_url=reverse(
                        "admin:articles_revision_rereview_assign",
                        args=[revision.pk, rereview.pk],
                    )
                    if "assign_rereviewer" in allowed
                    else None,
                    completed=sum(1 for a in completed if not a.has_conflict),
                    needs_update=sum(
                        1 for a in completed if a.recommendation == Recommendation.NEEDS_UPDATE
                    ),
                    required=settings.EDITORIAL["REREVIEW_REQUIRED_REVIEWS"],
                )
            )
        return panels

    def _assignment_rows(self, user, revision: Revision, assignments=None) -> list[AssignmentRow]:
        """In full for the review record's readers and for a reviewer's own assignment;
        blinded ("Reviewer n", comments for the author) for the author once decided, named in
        open review. The revision's own review, unless a re-review's assignments are given."""
        blinded = {
            r.assignment.pk: r.heading for r in selectors.review_for_author_list(user, revision)
        }
        rows = []
        if assignments is None:
            assignments = [a for a in revision.assignments.all() if a.rereview_id is None]
        for assignment in assignments:
            if policy.sees_assignment_in_full(user, assignment):
                full, label = True, str(assignment.reviewer)
            elif policy.sees_blinded_review(user, assignment):
                full, label = False, blinded[assignment.pk]
            else:
                continue
            buttons = [
                ButtonLink(
                    name,
                    ASSIGNMENT_BUTTONS[name],
                    reverse(
                        "admin:articles_revision_assignment_action",
                        args=[revision.pk, assignment.pk, name],
                    ),
                )
                for name in buttons_for(ASSIGNMENT_BUTTONS, user, assignment)
            ]
            rows.append(AssignmentRow(assignment, label, full, buttons))
        return rows
