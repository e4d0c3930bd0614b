"""A review counts toward the decision when it is completed without a declared conflict:
the queryset and the in-memory count, the admin's list and page and the public credits all
count the same way."""

from __future__ import annotations

from django.urls import reverse

from editorial import selectors, services

from .conftest import revision_url


def reviewed_with_one_conflicted(workflow):
    revision = workflow.reviewed(n=3, conflicted=1)
    conflicted = revision.assignments.get(has_conflict=True)
    return revision, conflicted.reviewer


def test_a_conflicted_review_is_counted_nowhere(workflow, login):
    revision, conflicted = reviewed_with_one_conflicted(workflow)
    client = login(workflow.editor)

    listing = client.get(reverse("admin:articles_revision_changelist")).content.decode()
    page = client.get(revision_url(revision)).content.decode()
    for member in workflow.board[:2]:
        services.revision_approve(revision=revision, actor=member, comment="")
    published = services.revision_publish(revision=revision, actor=workflow.editor)
    credited = {c.name for c in selectors.review_credit_list(published)}

    assert selectors.review_counted_count(revision) == 2
    assert selectors.review_counted_in(revision.assignments.all()) == 2
    assert 'class="field-reviews">2<' in listing
    assert '<strong id="reviews-count">2 of 2</strong>' in page
    assert conflicted.display_name not in credited
    assert {r.display_name for r in workflow.reviewers[1:]} <= credited
