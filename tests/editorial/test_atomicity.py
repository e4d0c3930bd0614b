"""All or nothing: when the audit writer fails, the change it would record does not
happen, no event is written and no e-mail goes out."""

from __future__ import annotations

import pytest

from articles.models import Revision
from editorial import audit, services
from editorial.models import AuditEvent, BoardVote
from reviewers.models import ReviewAssignment
from tests.workflow import UPDATE, reach


class AuditDown(Exception):
    pass


@pytest.fixture
def audit_fails_on(monkeypatch):
    """Make the audit writer raise for the given action (any action when None)."""

    def arm(action: str | None = None) -> None:
        real = audit.record

        def record(**kwargs):
            if action is None or kwargs["action"] == action:
                raise AuditDown(kwargs["action"])
            return real(**kwargs)

        monkeypatch.setattr(audit, "record", record)

    return arm


def _snapshot():
    return (
        dict(Revision.objects.values_list("pk", "state")),
        list(AuditEvent.objects.values_list("pk", flat=True)),
        BoardVote.objects.count(),
        dict(ReviewAssignment.objects.values_list("pk", "state")),
        list(Revision.objects.values_list("article__live_revision", flat=True)),
    )


CASES = {
    "submit": ("draft", lambda r, wf: services.revision_submit(revision=r, actor=wf.author)),
    "assign_reviewer": (
        "submitted",
        lambda r, wf: services.assignment_create(
            revision=r, reviewer=wf.reviewers[2], actor=wf.editor
        ),
    ),
    "complete_review": (
        "under_review",
        lambda r, wf: services.review_complete(
            assignment=r.assignments.first(),
            actor=r.assignments.first().reviewer.user,
            recommendation="approve",
            comments_for_author="Fine.",
        ),
    ),
    "request_changes": (
        "reviewed",
        lambda r, wf: services.revision_request_changes(
            revision=r, actor=wf.board[0], comment="More."
        ),
    ),
    "publish": ("approved", lambda r, wf: services.revision_publish(revision=r, actor=wf.editor)),
    "unpublish": (
        "published",
        lambda r, wf: services.revision_unpublish(revision=r, actor=wf.board[0], reason="Error."),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_failing_audit_writer_leaves_state_unchanged_and_no_event_or_mail(
    case, workflow, audit_fails_on, mailoutbox, django_capture_on_commit_callbacks
):
    state, run = CASES[case]
    revision = reach(workflow, state)
    before = _snapshot()
    audit_fails_on()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(AuditDown),
    ):
        run(revision, workflow)

    assert _snapshot() == before
    assert callbacks == []
    assert mailoutbox == []


def test_approval_at_quorum_is_undone_with_its_vote_when_the_approved_event_fails(
    workflow, audit_fails_on, mailoutbox, django_capture_on_commit_callbacks
):
    revision = reach(workflow, "reviewed")
    services.revision_approve(revision=revision, actor=workflow.board[0])
    before = _snapshot()
    audit_fails_on("approved")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(AuditDown):
        services.revision_approve(revision=revision, actor=workflow.board[1])

    # The second vote and its vote_cast event were written before the failure: both gone.
    assert _snapshot() == before
    revision.refresh_from_db()
    assert revision.state == "under_review"
    assert BoardVote.objects.filter(revision=revision).count() == 1
    assert mailoutbox == []


def test_supersede_is_undone_when_the_published_event_fails(workflow, audit_fails_on):
    first = reach(workflow, "published")
    second = services.revision_start_next(article=first.article, actor=workflow.author, **UPDATE)
    services.revision_submit(revision=second, actor=workflow.author)
    second = workflow.approved(second)
    before = _snapshot()
    audit_fails_on("published")

    with pytest.raises(AuditDown):
        services.revision_publish(revision=second, actor=workflow.editor)

    assert _snapshot() == before
    first.refresh_from_db()
    first.article.refresh_from_db()
    assert first.state == "published"
    assert first.article.live_revision == first
    assert not AuditEvent.objects.filter(action="superseded").exists()
