"""The content hash covers all the content the public can see, is fixed at submission,
and is what gets published."""

from __future__ import annotations

from articles import content
from articles.models import Revision
from editorial import services
from editorial.models import AuditEvent
from tests.factories import reference_data
from tests.public_view import public_detail
from tests.workflow import UPDATE


def _hash(revision: Revision) -> str:
    return content.content_hash(revision, revision.references.all())


def test_submission_records_the_hash_of_the_content(workflow):
    revision = workflow.submitted()

    assert len(revision.content_hash) == 64
    assert revision.content_hash == _hash(Revision.objects.get(pk=revision.pk))
    submitted = AuditEvent.objects.get(revision=revision, action="submitted")
    assert submitted.data["content_hash"] == revision.content_hash


def test_a_draft_has_no_hash_yet(workflow):
    assert workflow.draft().content_hash == ""


def test_the_hash_is_stable_from_submission_to_publication(workflow):
    submitted = workflow.submitted()
    at_submission = submitted.content_hash

    published = workflow.published(submitted)

    assert published.content_hash == at_submission
    assert _hash(published) == at_submission
    status, shown = public_detail(published.article.slug)
    assert (status, shown["content_hash"]) == (200, at_submission)


def test_identical_content_gives_identical_hashes(workflow):
    first = workflow.submitted(body="Same text [1].", references=1)
    second = workflow.submitted(body="Same text [1].", references=1)

    # Titles differ per article in the workflow helper; make them equal to compare.
    assert first.title != second.title
    first.title = second.title
    assert _hash(first) == _hash(second)


def test_every_visible_field_and_reference_changes_the_hash(workflow):
    draft = workflow.draft()
    baseline = _hash(draft)
    variants = []
    for field in content.CONTENT_FIELDS:
        original = getattr(draft, field)
        setattr(draft, field, original + " changed")
        variants.append(_hash(draft))
        setattr(draft, field, original)
    references = list(draft.references.all())
    references[1].doi = "10.1000/other"
    variants.append(content.content_hash(draft, references))

    assert baseline not in variants
    assert len(set(variants)) == len(variants)


def test_reference_order_in_the_hash_follows_positions_not_query_order(workflow):
    draft = workflow.draft()
    references = list(draft.references.all())

    assert content.content_hash(draft, references) == content.content_hash(
        draft, list(reversed(references))
    )


def test_next_revision_with_unchanged_content_has_the_same_hash(workflow):
    first = workflow.published()
    second = services.revision_start_next(article=first.article, actor=workflow.author, **UPDATE)
    second = services.revision_submit(revision=second, actor=workflow.author)

    assert second.content_hash == first.content_hash


def test_changed_references_give_a_new_hash_on_the_next_revision(workflow):
    first = workflow.published()
    second = services.revision_start_next(article=first.article, actor=workflow.author, **UPDATE)
    services.revision_edit(revision=second, actor=workflow.author, references=reference_data(3))

    second = services.revision_submit(revision=second, actor=workflow.author)

    assert second.content_hash != first.content_hash
