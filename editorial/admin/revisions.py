"""Revisions in the admin: the queues' list, and the page a decision is made on.

Revision content is never edited here, in any state: authors write through the API,
editors and the board decide. Every change on this page is a button calling a service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.content import render_body
from articles.diff import revision_diff, revision_word_diff
from articles.models import Revision
from reviewers.models import ReviewAssignment

from .. import policy, selectors, workflow
from .actions import ASSIGNMENT_BUTTONS, REVISION_BUTTONS, Button, buttons_for
from .filters import AuthorFilter, ReviewerFilter, RevisionQueueFilter
from .records import ReadOnlyAdmin
from .views import RevisionActionViews


@dataclass(frozen=True)
class ButtonLink:
    name: str
    action: Button
    url: str
    # Offered as one click although its form has fields (all optional here).
    one_click: bool = False

    @property
    def inline(self) -> bool:
        return self.one_click or not self.action.needs_input


@dataclass(frozen=True)
class AssignmentRow:
    assignment: ReviewAssignment
    label: str  # the reviewer's name, or "Reviewer n" for the author
    full: bool  # identity, conflict declaration and confidential comments
    buttons: list[ButtonLink]


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
        "last_activity_at",
    )
    list_filter = (
        RevisionQueueFilter,
        "state",
        ("article__specialty", admin.RelatedOnlyFieldListFilter),
        AuthorFilter,
        ReviewerFilter,
    )
    search_fields = ("title", "article__slug")
    list_per_page = 50

    def get_queryset(self, request: HttpRequest):
        user = request.user
        return selectors.revision_changelist(selectors.revision_list(user), user)

    # -- list columns -----------------------------------------------------------
    @admin.display(description="title", ordering="title")
    def title_or_slug(self, obj: Revision) -> str:
        return obj.title or obj.article.slug

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

    @admin.display(description="last activity", ordering="last_activity")
    def last_activity_at(self, obj: Revision):
        return obj.last_activity

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
        body_html = revision.body_html or render_body(
            revision.body, (r.position for r in references)
        )
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": revision.title or revision.article.slug,
            "revision": revision,
            "article": revision.article,
            "references": references,
            # Sanitised by articles.content.render_body (nh3 allow-list) before storage.
            "body_html": mark_safe(body_html),  # noqa: S308
            "previous": previous,
            "diff": revision_diff(previous, revision, previous.references.all(), references)
            if previous
            else None,
            "public": public,
            "public_diff": revision_word_diff(public, revision, public.references.all(), references)
            if public
            else None,
            "retracted": retracted,
            "retracted_on": selectors.retraction_date(retracted) if retracted else None,
            "siblings": selectors.revision_sibling_list(revision, user),
            "assignment_rows": self._assignment_rows(user, revision),
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

    def _assignment_rows(self, user, revision: Revision) -> list[AssignmentRow]:
        """In full for the review record's readers and for a reviewer's own assignment;
        blinded ("Reviewer n", comments for the author) for the author once decided."""
        blinded = {a.pk: label for label, a in selectors.review_blinded_list(revision)}
        rows = []
        for assignment in revision.assignments.all():
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
