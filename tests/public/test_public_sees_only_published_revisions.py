"""What the public is served (its list, detail JSON and pages) shows only published
revisions, with exactly the content hash the board approved, at every step of the workflow."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article, Revision
from editorial import services
from tests.editorial.audit_tamper import triggers_off
from tests.public_view import public_detail
from tests.public_view import public_list as _public
from tests.workflow import ALL_STATES, UPDATE, reach

NOT_FOUND = "No published article has this address."


def _visible(revision: Revision):
    revision.refresh_from_db()
    return [(revision.article.slug, revision.number, revision.content_hash)]


def test_one_article_through_every_state_is_public_only_while_published(workflow):
    board, editor, author = workflow.board, workflow.editor, workflow.author
    first = workflow.draft(slug="hypertension")
    assert _public() == []

    services.revision_submit(revision=first, actor=author)
    assert _public() == []
    accepted = workflow.accepted(first)
    assert _public() == []
    services.revision_start_review(revision=first, actor=editor)
    assert _public() == []
    for assignment in accepted:
        services.review_complete(
            assignment=assignment,
            actor=assignment.reviewer.user,
            recommendation="approve",
            comments_for_author="Sound.",
        )
    assert _public() == []
    services.revision_approve(revision=first, actor=board[0])
    assert _public() == []
    services.revision_approve(revision=first, actor=board[1])
    assert _public() == []

    services.revision_publish(revision=first, actor=editor)
    approved_hash = Revision.objects.get(pk=first.pk).content_hash
    assert _public() == [("hypertension", 1, approved_hash)]

    # A newer revision under review changes nothing the public sees.
    second = services.revision_start_next(article=first.article, actor=author, **UPDATE)
    services.revision_edit(revision=second, actor=author, body="Updated advice [1], [2].")
    assert _public() == [("hypertension", 1, approved_hash)]
    services.revision_submit(revision=second, actor=author)
    assert _public() == [("hypertension", 1, approved_hash)]
    workflow.reviewed(second)
    assert _public() == [("hypertension", 1, approved_hash)]
    services.revision_approve(revision=second, actor=board[0])
    services.revision_approve(revision=second, actor=board[1])
    assert _public() == [("hypertension", 1, approved_hash)]

    services.revision_publish(revision=second, actor=board[2])
    assert _public() == _visible(second)
    assert _public()[0][2] != approved_hash
    assert "Updated advice" in public_detail("hypertension")[1]["body_html"]

    services.revision_unpublish(revision=second, actor=board[0], reason="Dosing error.")
    assert _public() == []
    assert public_detail("hypertension") == (
        410,
        {
            "error": {
                "code": "retracted",
                "message": "This article has been retracted.",
                "fields": {},
            },
            "slug": "hypertension",
            "title": second.title,
            "retracted_on": timezone.localdate().isoformat(),
            "reason": "Dosing error.",
            "retraction_reason": "Dosing error.",
            "editorial_policy_url": public_detail("hypertension")[1]["editorial_policy_url"],
        },
    )


@pytest.mark.parametrize(
    "state",
    ["draft", "submitted", "under_review", "changes_requested", "rejected", "withdrawn"],
)
def test_an_article_never_published_is_not_public_in_any_state(state, workflow):
    revision = reach(workflow, state)

    assert _public() == []
    assert public_detail(revision.article.slug) == (
        404,
        {"error": {"code": "not_found", "message": NOT_FOUND, "fields": {}}},
    )


def test_only_published_articles_are_listed_among_many(workflow):
    revisions = {state: reach(workflow, state) for state in ALL_STATES}

    # "superseded" built a second, published revision of its article: that one is listed.
    superseding = Article.objects.get(pk=revisions["superseded"].article_id).live_revision
    assert sorted(_public()) == sorted(_visible(revisions["published"]) + _visible(superseding))
    for state in ("retracted", "rejected", "withdrawn", "approved", "draft"):
        status, _ = public_detail(revisions[state].article.slug)
        assert status == (410 if state == "retracted" else 404), state


def test_a_live_pointer_to_an_unpublished_revision_shows_nothing_after_a_rebuild(workflow):
    published, approved = workflow.published(), workflow.approved()
    # The database refuses this (a trigger); only its owner, with triggers off, could do it.
    # A rebuild then shows nothing for it.
    with triggers_off():
        Article.objects.filter(pk=published.article_id).update(live_revision=approved)

    with pytest.raises(CommandError, match="withdrawn"):
        call_command("rebuild_public", "--all", stdout=StringIO(), stderr=StringIO())

    assert _public() == []
    assert public_detail(published.article.slug)[0] == 404
