"""What the office shows says what it means: an overdue review in words with its date (not
a red cross), the history newest first, and a way from a published revision to its public
page (the admin's own "View site" goes to the public home page)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from editorial import services
from editorial.models import AuditEvent

from .conftest import revision_url


def test_an_overdue_review_says_so_with_its_date(workflow, login):
    revision = workflow.submitted()
    services.assignment_create(
        revision=revision,
        reviewer=workflow.reviewers[0],
        actor=workflow.editor,
        due_at=timezone.now() + timedelta(seconds=1),
    )
    later = timezone.now() + timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = (
            login(workflow.editor)
            .get(reverse("admin:reviewers_reviewassignment_changelist"))
            .content.decode()
        )

    assert "Overdue since " in page
    assert "icon-no.svg" not in page


def test_the_audit_history_lists_the_newest_event_first(workflow, login):
    workflow.published()
    page = login(workflow.editor).get(reverse("admin:editorial_auditevent_changelist"))
    shown = [int(n) for n in page.context["cl"].result_list.values_list("sequence", flat=True)]
    newest = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True)
    assert shown == list(newest[: len(shown)])
    assert shown[0] > shown[-1]


def test_a_published_revision_links_to_its_public_page(workflow, login):
    published = workflow.published()
    client = login(workflow.editor)
    page = client.get(revision_url(published)).content.decode()
    public = reverse("public-article-page", args=[published.article.slug])
    assert f'href="{public}" id="view-on-site"' in page
    assert 'href="/">View site' in client.get(reverse("admin:index")).content.decode()

    draft = workflow.draft()
    assert 'id="view-on-site"' not in client.get(revision_url(draft)).content.decode()
