"""Submitting renders the body before the service's transaction opens, so a long body never
holds the audit chain's lock (and with it every other workflow write) while it renders; the
transaction then makes sure the body it freezes is the body that was rendered."""

from __future__ import annotations

import pytest
from django.db import connection

from articles import content
from articles.models import Revision
from editorial import services
from editorial.errors import ConcurrentChange
from editorial.models import AuditEvent


@pytest.mark.django_db(transaction=True)
def test_the_body_is_rendered_outside_any_transaction(workflow, monkeypatch):
    draft = workflow.draft()
    rendered_in_transaction = []
    real = content.sanitised_html

    def watching(body: str) -> str:
        rendered_in_transaction.append(connection.in_atomic_block)
        return real(body)

    monkeypatch.setattr(content, "sanitised_html", watching)

    submitted = services.revision_submit(revision=draft, actor=workflow.author)

    assert rendered_in_transaction == [False]
    assert submitted.state == "submitted"
    assert '<a href="#ref-1" class="citation">1</a>' in submitted.body_html


def test_a_body_changed_while_it_rendered_is_refused_and_nothing_is_frozen(workflow, monkeypatch):
    draft = workflow.draft()
    real = content.sanitised_html

    def rendering_while_the_author_saves(body: str) -> str:
        Revision.objects.filter(pk=draft.pk).update(body="A newer body [1].")
        return real(body)

    monkeypatch.setattr(content, "sanitised_html", rendering_while_the_author_saves)
    before = AuditEvent.objects.count()

    with pytest.raises(ConcurrentChange):
        services.revision_submit(revision=draft, actor=workflow.author)

    assert Revision.objects.get(pk=draft.pk).state == "draft"
    assert AuditEvent.objects.count() == before
