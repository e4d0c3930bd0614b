"""After a decision, the author starts the next revision: a draft copy of the latest,
content and references included; never while a revision is still open."""

from __future__ import annotations

import pytest

from articles import content
from editorial import services
from editorial.errors import InvalidTransition
from tests.workflow import UPDATE, reach

COPIED_REFERENCE_FIELDS = content.REFERENCE_FIELDS


def _references(revision):
    return list(revision.references.values_list(*COPIED_REFERENCE_FIELDS))


@pytest.mark.parametrize(
    "state", ["changes_requested", "rejected", "withdrawn", "published", "retracted"]
)
def test_next_revision_is_a_draft_copy_of_the_latest(state, workflow):
    latest = reach(workflow, state)
    # A published article's next revision says what kind of change it is; before first
    # publication there is none, and after a retraction it is a reinstatement.
    change = UPDATE if state == "published" else {}

    draft = services.revision_start_next(article=latest.article, actor=workflow.author, **change)

    assert (draft.number, draft.state, draft.content_hash) == (2, "draft", "")
    assert draft.created_by == workflow.author
    for field in content.CONTENT_FIELDS:
        assert getattr(draft, field) == getattr(latest, field), field
    assert _references(draft) == _references(latest)
    assert draft.references.count() == 2
    assert draft.assignments.count() == 0
    assert draft.votes.count() == 0


def test_the_copy_is_editable_and_the_original_is_untouched(workflow):
    latest = reach(workflow, "changes_requested")
    draft = services.revision_start_next(article=latest.article, actor=workflow.author)

    services.revision_edit(revision=draft, actor=workflow.author, title="Revised")
    reference = draft.references.get(position=1)
    reference.title = "Revised guideline"
    reference.save()

    latest.refresh_from_db()
    assert latest.title != "Revised"
    assert latest.references.get(position=1).title == "Clinical guideline number 1"


@pytest.mark.parametrize(
    ("state", "label"),
    [
        ("draft", "draft"),
        ("submitted", "submitted"),
        ("under_review", "under review"),
        ("approved", "approved"),
    ],
)
def test_starting_another_while_a_revision_is_open_is_refused(state, label, workflow):
    open_revision = reach(workflow, state)

    with pytest.raises(InvalidTransition) as refused:
        services.revision_start_next(article=open_revision.article, actor=workflow.author, **UPDATE)

    assert refused.value.message == (
        f"Revision 1 is still {label}; finish or withdraw it before starting another."
    )
    assert open_revision.article.revisions.count() == 1


def test_a_published_article_with_a_draft_in_progress_refuses_a_third(workflow):
    published = reach(workflow, "published")
    services.revision_start_next(article=published.article, actor=workflow.author, **UPDATE)

    with pytest.raises(InvalidTransition, match="Revision 2 is still draft"):
        services.revision_start_next(article=published.article, actor=workflow.author, **UPDATE)


def test_the_next_revision_copies_from_the_latest_not_the_live_one(workflow):
    published = reach(workflow, "published")
    second = services.revision_start_next(
        article=published.article, actor=workflow.author, **UPDATE
    )
    services.revision_edit(revision=second, actor=workflow.author, summary="Second summary.")
    services.revision_withdraw(revision=second, actor=workflow.author)

    third = services.revision_start_next(article=published.article, actor=workflow.author, **UPDATE)

    assert third.number == 3
    assert third.summary == "Second summary."
