"""Filters for the long lists: revisions, assignments, articles, reviewers."""

from __future__ import annotations

import django_filters as df
from django import forms

from articles.models import Article, Revision, RevisionState
from config.api.fields import AwareDateTimeFilter
from reviewers.models import AssignmentState, ReviewAssignment, Reviewer

MAX_ID = 2**63 - 1


class IdFilter(df.NumberFilter):
    """An id: a whole number in the database's range, so odd input is a 400, not a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ArticleFilter(df.FilterSet):
    specialty = df.CharFilter(field_name="specialty__slug", help_text="A specialty's slug.")

    class Meta:
        model = Article
        fields = ["specialty"]


class RevisionFilter(df.FilterSet):
    state = df.MultipleChoiceFilter(choices=RevisionState.choices)
    article = df.CharFilter(field_name="article__slug", help_text="An article's slug.")
    submitted_after = AwareDateTimeFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = AwareDateTimeFilter(field_name="submitted_at", lookup_expr="lt")

    class Meta:
        model = Revision
        fields = ["state", "article"]


class AssignmentFilter(df.FilterSet):
    state = df.MultipleChoiceFilter(choices=AssignmentState.choices)
    revision = IdFilter(field_name="revision_id", help_text="A revision's id.")
    due_after = AwareDateTimeFilter(field_name="due_at", lookup_expr="gte")
    due_before = AwareDateTimeFilter(field_name="due_at", lookup_expr="lt")

    class Meta:
        model = ReviewAssignment
        fields = ["state", "revision"]


class ReviewerFilter(df.FilterSet):
    specialty = df.CharFilter(field_name="specialties__slug", help_text="A specialty's slug.")
    is_active = df.BooleanFilter()

    class Meta:
        model = Reviewer
        fields = ["specialty", "is_active"]
