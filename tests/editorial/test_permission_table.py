"""Who may do what: one table of role x action, for every action the workflow registry
offers.

Every action is tried in a state where it fits, by every role. The allowed roles succeed
(and the event is audited under their name); a role that cannot see the object gets
NotFound, any other NotPermitted, and nothing changes. The table must name every action
the registry offers, so a new action cannot land without its row.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from editorial import selectors, services, workflow
from editorial.errors import NotFound, NotPermitted
from editorial.messages import NOT_YOURS
from editorial.models import AuditEvent
from tests.factories import UserFactory
from tests.workflow import Workflow, reach

ROLES = (
    "author",
    "other_author",
    "reviewer_assigned",
    "reviewer_unassigned",
    "editor",
    "board",
    # An editor (and board member) who wrote the article under test.
    "staff_author",
)


def _assignment(wf, revision):
    return revision.assignments.order_by("pk").first()


def _invited(wf):
    return wf.assigned(n=1)[0]


def _report(wf, acknowledged: bool = False):
    report = services.reader_report_receive(
        slug=wf.published().article.slug, kind="unclear", message="Which dose is meant?"
    )
    if acknowledged:
        report = services.reader_report_acknowledge(report=report, actor=wf.editor)
    return report


def _rereview(wf):
    return services.rereview_open(revision=wf.published(), actor=wf.editor)


def _second_round(wf):
    """A second revision submitted after the board asked for changes to the reviewed first."""
    first = services.revision_request_changes(
        revision=wf.reviewed(), actor=wf.board[0], comment="Add the 2024 guideline."
    )
    second = services.revision_start_next(article=first.article, actor=wf.author)
    return services.revision_submit(revision=second, actor=wf.author)


def _accepted_under_review(wf):
    revision = wf.under_review()
    return _assignment(wf, revision)


# action: (state it is tried in, setup(wf) -> target, run(target, actor, wf), allowed roles)
TABLE = {
    "edit": (
        "draft",
        lambda wf: reach(wf, "draft"),
        lambda rev, actor, wf: services.revision_edit(revision=rev, actor=actor, title="New"),
        {"author", "staff_author"},
    ),
    "submit": (
        "draft",
        lambda wf: reach(wf, "draft"),
        lambda rev, actor, wf: services.revision_submit(revision=rev, actor=actor),
        {"author", "staff_author"},
    ),
    "withdraw": (
        "submitted",
        lambda wf: reach(wf, "submitted"),
        lambda rev, actor, wf: services.revision_withdraw(revision=rev, actor=actor),
        {"author", "staff_author"},
    ),
    "assign_reviewer": (
        "submitted",
        lambda wf: reach(wf, "submitted"),
        lambda rev, actor, wf: services.assignment_create(
            revision=rev, reviewer=wf.reviewers[2], actor=actor
        ),
        {"editor"},
    ),
    "reinvite_reviewers": (
        "second round submitted",
        _second_round,
        lambda rev, actor, wf: services.revision_reinvite_reviewers(revision=rev, actor=actor),
        {"editor"},
    ),
    "accept": (
        "invited",
        _invited,
        lambda a, actor, wf: services.assignment_accept(
            assignment=a, actor=actor, has_conflict=False
        ),
        {"reviewer_assigned"},
    ),
    "decline": (
        "invited",
        _invited,
        lambda a, actor, wf: services.assignment_decline(
            assignment=a, actor=actor, reason="On leave."
        ),
        {"reviewer_assigned"},
    ),
    "cancel": (
        "invited",
        _invited,
        lambda a, actor, wf: services.assignment_cancel(assignment=a, actor=actor),
        {"editor"},
    ),
    "start_review": (
        "submitted, one reviewer accepted",
        lambda wf: wf.accepted(n=1)[0].revision,
        lambda rev, actor, wf: services.revision_start_review(revision=rev, actor=actor),
        {"editor"},
    ),
    "review": (
        "under_review, assignment accepted",
        _accepted_under_review,
        lambda a, actor, wf: services.review_complete(
            assignment=a, actor=actor, recommendation="approve", comments_for_author="Good."
        ),
        {"reviewer_assigned"},
    ),
    "vote": (
        "under_review, reviewed",
        lambda wf: reach(wf, "reviewed"),
        lambda rev, actor, wf: services.revision_approve(revision=rev, actor=actor),
        {"board"},
    ),
    "vote:request_changes": (
        "under_review, reviewed",
        lambda wf: reach(wf, "reviewed"),
        lambda rev, actor, wf: services.revision_request_changes(
            revision=rev, actor=actor, comment="Cite the 2024 guideline."
        ),
        {"board"},
    ),
    "vote:reject": (
        "under_review, reviewed",
        lambda wf: reach(wf, "reviewed"),
        lambda rev, actor, wf: services.revision_reject(
            revision=rev, actor=actor, comment="Out of scope."
        ),
        {"board"},
    ),
    "schedule_publication": (
        "approved",
        lambda wf: reach(wf, "approved"),
        lambda rev, actor, wf: services.revision_schedule_publication(
            revision=rev, actor=actor, publish_at=None
        ),
        {"editor", "board"},
    ),
    "publish": (
        "approved",
        lambda wf: reach(wf, "approved"),
        lambda rev, actor, wf: services.revision_publish(revision=rev, actor=actor),
        {"editor", "board"},
    ),
    # A board member never retracts an article they wrote, alone or otherwise.
    "unpublish": (
        "published",
        lambda wf: reach(wf, "published"),
        lambda rev, actor, wf: services.revision_unpublish(
            revision=rev, actor=actor, reason="Dosing error."
        ),
        {"board"},
    ),
    "recuse": (
        "under_review, reviewed",
        lambda wf: reach(wf, "reviewed"),
        lambda rev, actor, wf: services.board_recuse(
            revision=rev, actor=actor, statement="I hold shares in the manufacturer."
        ),
        {"board"},
    ),
    "extend_due": (
        "invited",
        _invited,
        lambda a, actor, wf: services.assignment_extend_due(
            assignment=a, actor=actor, due_at=a.due_at + timedelta(days=7)
        ),
        {"editor"},
    ),
    "send_link": (
        "invited",
        _invited,
        lambda a, actor, wf: services.reviewer_link_send(assignment=a, actor=actor),
        {"editor"},
    ),
    "revoke_link": (
        "invited, its link sent",
        _invited,
        lambda a, actor, wf: services.reviewer_link_revoke(assignment=a, actor=actor),
        {"editor"},
    ),
    "acknowledge_report": (
        "new",
        _report,
        lambda r, actor, wf: services.reader_report_acknowledge(report=r, actor=actor),
        {"editor"},
    ),
    "resolve_report": (
        "acknowledged",
        lambda wf: _report(wf, acknowledged=True),
        lambda r, actor, wf: services.reader_report_resolve(
            report=r, actor=actor, note="Dose corrected in revision 2."
        ),
        {"editor"},
    ),
    "open_correction": (
        "new",
        _report,
        lambda r, actor, wf: services.reader_report_open_correction(report=r, actor=actor),
        {"editor"},
    ),
    "dismiss_report": (
        "new",
        _report,
        lambda r, actor, wf: services.reader_report_dismiss(
            report=r, actor=actor, note="The article already says this."
        ),
        {"editor"},
    ),
    "start_revision": (
        "changes_requested",
        lambda wf: reach(wf, "changes_requested"),
        lambda rev, actor, wf: services.revision_start_next(article=rev.article, actor=actor),
        {"author", "staff_author"},
    ),
    "open_rereview": (
        "published",
        lambda wf: reach(wf, "published"),
        lambda rev, actor, wf: services.rereview_open(revision=rev, actor=actor),
        {"editor"},
    ),
    "assign_rereviewer": (
        "re-review open",
        _rereview,
        lambda r, actor, wf: services.rereview_assign(
            rereview=r, reviewer=wf.reviewers[2], actor=actor
        ),
        {"editor"},
    ),
    "attest_rereview": (
        "re-reviewed: still accurate",
        lambda wf: wf.rereview(),
        lambda r, actor, wf: services.rereview_attest(rereview=r, actor=actor),
        {"board"},
    ),
    "open_update": (
        "re-reviewed: needs update",
        lambda wf: wf.rereview(recommendation="needs_update"),
        lambda r, actor, wf: services.rereview_open_update(
            rereview=r, actor=actor, note="The 2025 guideline changed the target."
        ),
        {"board"},
    ),
    "cancel_rereview": (
        "re-review open",
        _rereview,
        lambda r, actor, wf: services.rereview_cancel(rereview=r, actor=actor),
        {"editor"},
    ),
}


def test_the_table_has_a_row_for_every_action_the_registry_offers():
    offered = {a.name for a in workflow.ACTIONS.values() if a.offered}
    assert {name.split(":")[0] for name in TABLE} == offered


CASES = [
    pytest.param(action, role, role in allowed, id=f"{action}[{state}]-{role}")
    for action, (state, _, _, allowed) in TABLE.items()
    for role in ROLES
]


def _actor(role, wf, target, other_author, staff_author):
    assigned = getattr(target, "reviewer", None)
    return {
        "author": wf.author,
        "other_author": other_author,
        "reviewer_assigned": assigned.user if assigned else wf.reviewers[0].user,
        "reviewer_unassigned": wf.reviewers[2].user,
        "editor": wf.editor,
        "board": wf.board[2],
        "staff_author": staff_author,
    }[role]


@pytest.fixture(scope="module")
def cast(module_workflow, django_db_blocker):
    """Every action's object built once for the module, for the cast's author and for a
    staff author (see module_workflow); each cell's changes are rolled back."""
    wf = module_workflow
    with django_db_blocker.unblock():
        staff = UserFactory(
            username="m-staff_author", groups=["Authors", "Editors", "Advisory Board"]
        )
        other = UserFactory(username="m-other_author", groups=["Authors"])
        staff_wf = Workflow(staff, wf.editor, wf.board, wf.reviewers, wf.specialty)
        staff_wf.prefix = "m-staff-"
        targets = {
            (action, by_staff): setup(staff_wf if by_staff else wf)
            for action, (_, setup, _, _) in TABLE.items()
            for by_staff in (False, True)
        }
    return wf, staff_wf, other, targets


@pytest.mark.parametrize(("action", "role", "allowed"), CASES)
def test_action_is_allowed_only_to_the_roles_in_the_table(action, role, allowed, cast, db):
    wf, staff_wf, other_author, targets = cast
    workflow = staff_wf if role == "staff_author" else wf
    _, _, run, _ = TABLE[action]
    target = targets[(action, role == "staff_author")]
    actor = _actor(role, workflow, target, other_author, staff_wf.author)
    events_before = AuditEvent.objects.count()

    if allowed:
        run(target, actor, workflow)
        last = AuditEvent.objects.order_by("-sequence").first()
        assert AuditEvent.objects.count() > events_before
        assert last.actor == actor
    else:
        refusal = NotPermitted if _sees(actor, action, target) else NotFound
        with pytest.raises(refusal):
            run(target, actor, workflow)
        assert AuditEvent.objects.count() == events_before


def _sees(actor, action, target) -> bool:
    """Whether the action's object is in the actor's lists: the selectors' reading rules."""
    if workflow.action(action.split(":")[0]).machine == workflow.ARTICLE:
        return selectors.article_list(actor).filter(pk=target.article_id).exists()
    visible = {
        "Revision": selectors.revision_list,
        "ReviewAssignment": selectors.assignment_list,
        "ReaderReport": selectors.reader_report_list,
        "ReReview": selectors.rereview_list,
    }[type(target).__name__]
    return visible(actor).filter(pk=target.pk).exists()


@pytest.mark.parametrize("action", ["edit", "submit", "withdraw", "start_revision"])
def test_an_editor_is_told_only_the_author_may(action, workflow):
    _, setup, run, _ = TABLE[action]
    target = setup(workflow)

    with pytest.raises(NotPermitted) as refused:
        run(target, workflow.editor, workflow)

    assert refused.value.message == NOT_YOURS == "Only the author of this article may do that."
    assert refused.value.code == "not_permitted"


@pytest.mark.parametrize("action", ["edit", "submit", "withdraw", "start_revision"])
def test_another_authors_article_does_not_exist_for_them(action, workflow, other_author):
    _, setup, run, _ = TABLE[action]
    target = setup(workflow)

    with pytest.raises(NotFound) as refused:
        run(target, other_author, workflow)

    assert refused.value.code == "not_found"
