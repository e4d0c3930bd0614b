"""The editors' revision list is in order of last activity: an invitation brings a revision to the
top, whatever the model's own ordering."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from articles.models import Revision
from editorial import services

TITLE_CELL = r'field-title_or_slug"><a href="[^"]+"><span class="clamp" title="([^"]+)"'


def listed_slugs(client) -> list[str]:
    html = client.get(reverse("admin:articles_revision_changelist")).content.decode()
    return re.findall(TITLE_CELL, html)


def test_the_list_follows_the_latest_recorded_activity(workflow, login):
    # The older article would come first in the model's own order (by article).
    first, second = workflow.draft(), workflow.draft()
    services.revision_submit(revision=second, actor=workflow.author)
    services.revision_submit(revision=first, actor=workflow.author)
    # The first was touched last; then the second gets an invitation.
    services.assignment_create(
        revision=second,
        reviewer=workflow.reviewers[0],
        actor=workflow.editor,
        due_at=timezone.now() + timedelta(days=14),
    )
    first.refresh_from_db()
    second.refresh_from_db()

    assert second.last_activity_at > first.last_activity_at
    titles = listed_slugs(login(workflow.editor))
    assert titles.index(second.title) < titles.index(first.title)


def test_a_new_revision_has_an_activity_time_before_any_event(workflow):
    revision = workflow.draft()
    assert Revision.objects.filter(pk=revision.pk, last_activity_at__isnull=False).exists()
