"""Changelist filters: the named queues, and people (author, reviewer) as filter choices."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from articles.models import Article, Specialty
from reviewers.models import ReviewAssignment, Reviewer

from .. import policy, selectors


class RevisionQueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        keys = list(selectors.REVISION_QUEUES)
        if not policy.is_board(request.user):
            keys.remove("awaiting_my_vote")
        return [(key, selectors.revision_queue_label(key)) for key in keys]

    def queryset(self, request, queryset):
        if self.value():
            return selectors.revision_queue(queryset, self.value(), request.user)
        return queryset


class AssignmentQueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return list(selectors.ASSIGNMENT_QUEUES.items())

    def queryset(self, request, queryset):
        if self.value():
            return selectors.assignment_queue(queryset, self.value(), request.user)
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = "author"
    parameter_name = "author"

    def lookups(self, request, model_admin):
        if not policy.can_oversee(request.user):
            return []
        authors = (
            get_user_model()
            .objects.filter(Exists(Article.objects.filter(created_by=OuterRef("pk"))))
            .only("username", "first_name", "last_name")
        )
        return [(user.pk, user.get_full_name() or user.get_username()) for user in authors]

    def queryset(self, request, queryset):
        # Not for those who may not know authors, whatever the URL says: the rows a filter
        # leaves would tell who wrote them.
        if _is_id(self.value()) and policy.can_oversee(request.user):
            return queryset.filter(article__created_by_id=self.value())
        return queryset


class ReviewerFilter(admin.SimpleListFilter):
    title = "reviewer"
    parameter_name = "reviewer"

    def lookups(self, request, model_admin):
        if not policy.can_oversee(request.user):
            return []
        return [(reviewer.pk, reviewer.display_name) for reviewer in Reviewer.objects.all()]

    def queryset(self, request, queryset):
        if _is_id(self.value()):
            assigned = ReviewAssignment.objects.filter(
                revision=OuterRef("pk"), reviewer_id=self.value()
            )
            # Filtering one's own articles by reviewer would reveal who reviewed them.
            return queryset.filter(Exists(assigned)).exclude(article__created_by=request.user)
        return queryset


def _is_id(value: str | None) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() refuses."""
    return bool(value) and value.isascii() and value.isdigit()


class SpecialtyFilter(admin.SimpleListFilter):
    """The specialties from their own small table; Django's related-only filter would read
    every revision to find which ones are in use."""

    title = "specialty"
    parameter_name = "specialty"

    def lookups(self, request, model_admin):
        return list(Specialty.objects.order_by("name").values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(article__specialty__slug=self.value())
        return queryset
