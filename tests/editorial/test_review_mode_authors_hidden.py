"""Double-anonymous review: a reviewer never learns who wrote what they review, on any
surface they read (admin pages and lists, the API, their e-mails), nor by searching,
filtering or sorting; editors and the board still see the author. In single-anonymous and
open review the reviewer's revision page and invitations name the author (so a conflict of
interest can be declared), and the API names them to no reviewer in any mode."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from editorial import services
from editorial.review_mode import DOUBLE_ANONYMOUS, MODES, OPEN, SINGLE_ANONYMOUS
from tests.admin.conftest import revision_url
from tests.factories import UserFactory
from tests.workflow import UPDATE

from ..signin import signed_in
from .review_modes import (
    AUTHOR_MARKS,
    AUTHOR_NAME,
    DAY,
    LAST,
    api,
    in_mode,
    later,
    named_author,
    page,
    tick,
    workflow_by,
)


@pytest.fixture(params=MODES)
def mode(request):
    yield from in_mode(request.param)


@dataclass
class Scene:
    """One article by the named author, submitted, its review invited to `reviewer`."""

    wf: object
    assignment: object
    invitation: object  # the e-mail
    capture: object
    mailoutbox: list

    @property
    def reviewer(self):
        return self.assignment.reviewer.user

    @property
    def revision(self):
        return self.assignment.revision


@pytest.fixture
def scene(mode, workflow, django_capture_on_commit_callbacks, mailoutbox) -> Scene:
    wf = workflow_by(named_author(), workflow)
    revision = wf.submitted()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = services.assignment_create(
            revision=revision, reviewer=wf.reviewers[0], actor=wf.editor
        )
    (invitation,) = mailoutbox
    return Scene(wf, assignment, invitation, django_capture_on_commit_callbacks, mailoutbox)


# -- what the reviewer reads, surface by surface ----------------------------------------------
def _accepted(s: Scene):
    return services.assignment_accept(assignment=s.assignment, actor=s.reviewer, has_conflict=False)


def _update_under_review(s: Scene) -> str:
    """The reviewer's page of an update to a published article: the word diff against the
    published text as well."""
    published = s.wf.published()
    draft = services.revision_start_next(article=published.article, actor=s.wf.author, **UPDATE)
    draft = services.revision_edit(revision=draft, actor=s.wf.author, body=draft.body + " More.")
    s.wf.assigned(draft, n=1, reviewers=[s.wf.reviewers[0]])
    return page(s.reviewer, revision_url(draft))


def _review_email(kind: str):
    def read(s: Scene) -> str:
        if kind == "invitation":
            return s.invitation.body
        if kind == "unanswered":
            (mail,) = tick(later(4), s.capture, s.mailoutbox)
        elif kind == "due soon":
            _accepted(s)
            (mail,) = tick(s.assignment.due_at - DAY / 2, s.capture, s.mailoutbox)
        elif kind == "overdue":
            _accepted(s)
            (mail,) = tick(s.assignment.due_at + DAY, s.capture, s.mailoutbox)
        elif kind == "outcome":
            s.wf.complete(_accepted(s))
            s.wf.complete(s.wf.accepted(s.revision, n=1, reviewers=[s.wf.reviewers[1]])[0])
            services.revision_start_review(revision=s.revision, actor=s.wf.editor)
            with s.capture(execute=True):
                services.revision_reject(revision=s.revision, actor=s.wf.board[0], comment="No.")
            (mail,) = [m for m in s.mailoutbox if m.to == [s.reviewer.email]][1:]
        return mail.subject + "\n" + mail.body

    return read


def _rereview_invitation(s: Scene) -> str:
    rereview = services.rereview_open(revision=s.wf.published(), actor=s.wf.editor)
    before = len(s.mailoutbox)
    with s.capture(execute=True):
        services.rereview_assign(rereview=rereview, reviewer=s.wf.reviewers[0], actor=s.wf.editor)
    (mail,) = s.mailoutbox[before:]
    return mail.body


SURFACES = {
    "admin revision page": lambda s: page(s.reviewer, revision_url(s.revision)),
    "admin revision page of an update, with its diffs": _update_under_review,
    "admin index, with the reviewer's queues": lambda s: page(s.reviewer, reverse("admin:index")),
    "admin revision list": lambda s: page(
        s.reviewer, reverse("admin:articles_revision_changelist")
    ),
    "admin assignment list": lambda s: page(
        s.reviewer, reverse("admin:reviewers_reviewassignment_changelist")
    ),
    "admin assignment page": lambda s: page(
        s.reviewer, reverse("admin:reviewers_reviewassignment_change", args=[s.assignment.pk])
    ),
    "admin article list": lambda s: page(s.reviewer, reverse("admin:articles_article_changelist")),
    "admin audit history": lambda s: page(
        s.reviewer, reverse("admin:editorial_auditevent_changelist")
    ),
    "api revision": lambda s: api(s.reviewer, f"/api/v1/revisions/{s.revision.pk}/"),
    "api revision list": lambda s: api(s.reviewer, "/api/v1/revisions/"),
    "api assignment": lambda s: api(s.reviewer, f"/api/v1/assignments/{s.assignment.pk}/"),
    "api assignment list": lambda s: api(s.reviewer, "/api/v1/assignments/"),
    "api article list": lambda s: api(s.reviewer, "/api/v1/articles/"),
    "api article, refused": lambda s: api(
        s.reviewer, f"/api/v1/articles/{s.revision.article.slug}/"
    ),
    "api refusal": lambda s: api(s.reviewer, f"/api/v1/revisions/{s.revision.pk}/submit/", "post"),
    "invitation e-mail": _review_email("invitation"),
    "reminder: invitation unanswered": _review_email("unanswered"),
    "reminder: review due soon": _review_email("due soon"),
    "reminder: review overdue": _review_email("overdue"),
    "outcome e-mail": _review_email("outcome"),
    "re-review invitation e-mail": _rereview_invitation,
}
# Where a reviewer reads the author's name when review is not double-anonymous.
NAMING = {
    "admin revision page",
    "admin revision list",
    "admin assignment page",  # it opens the revision's page at the assignment
    "admin revision page of an update, with its diffs",
    "invitation e-mail",
    "reminder: invitation unanswered",
    "re-review invitation e-mail",
}


@pytest.mark.parametrize("surface", SURFACES)
def test_what_a_reviewer_reads_of_the_author_in_each_mode(scene, mode, surface):
    text = SURFACES[surface](scene)
    if mode != DOUBLE_ANONYMOUS and surface in NAMING:
        assert AUTHOR_NAME in text
    else:
        for mark in AUTHOR_MARKS:
            assert mark not in text


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_the_invitation_says_when_the_name_is_withheld(scene, mode):
    withheld = "the author's name is withheld from reviewers" in scene.invitation.body
    assert withheld == (mode == DOUBLE_ANONYMOUS)
    text = page(scene.reviewer, revision_url(scene.revision))
    assert ("the author's name is withheld (double-anonymous review)" in text) == withheld


# -- those who oversee -------------------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES, indirect=True)
@pytest.mark.parametrize("role", ["editor", "board", "reviewer who is also an editor"])
def test_editors_and_the_board_see_the_author_in_every_mode(scene, mode, role):
    if role == "reviewer who is also an editor":
        person = scene.reviewer
        person.groups.add(*type(scene.wf.editor).objects.get(pk=scene.wf.editor.pk).groups.all())
    else:
        person = scene.wf.editor if role == "editor" else scene.wf.board[0]
    assert AUTHOR_NAME in page(person, revision_url(scene.revision))
    listed = signed_in(person).get(reverse("admin:articles_revision_changelist"), {"q": LAST})
    assert listed.context_data["cl"].result_count == 1
    assert AUTHOR_NAME in listed.content.decode()


# -- finding, filtering, sorting ---------------------------------------------------------------
@pytest.fixture
def two_authors(scene):
    """The reviewer is invited to review a second article, by another author."""
    other = UserFactory(username="bwrite", first_name="Bertil", last_name="Marrow",
                        groups=["Authors"])  # fmt: skip
    second = workflow_by(other, scene.wf)
    second.count = 200
    second.assigned(n=1, reviewers=[scene.wf.reviewers[0]])
    return scene, other


def _listed(user, **query) -> tuple[int, str]:
    response = signed_in(user).get(reverse("admin:articles_revision_changelist"), query)
    assert response.status_code == 200
    return response.context_data["cl"].result_count, response.content.decode()


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_reviewer_finds_an_article_by_its_author_only_when_they_may_know_the_author(
    two_authors, mode
):
    scene, _ = two_authors
    count, _ = _listed(scene.reviewer, q=LAST)
    assert count == (0 if mode == DOUBLE_ANONYMOUS else 1)
    count, _ = _listed(scene.reviewer, q=scene.revision.title)
    assert count == 1  # by its title, as in every mode


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_reviewer_cannot_filter_or_sort_by_author(two_authors, mode):
    scene, other = two_authors
    count, text = _listed(scene.reviewer, author=scene.wf.author.pk)
    assert count == 2  # the filter is not theirs: both articles, whoever wrote them
    assert ("column-author" in text) == (mode != DOUBLE_ANONYMOUS)
    if mode == DOUBLE_ANONYMOUS:
        for mark in (*AUTHOR_MARKS, other.first_name, other.last_name, other.username):
            assert mark not in text


def test_the_modes_are_the_three_the_issue_names():
    assert set(MODES) == {SINGLE_ANONYMOUS, DOUBLE_ANONYMOUS, OPEN}
