"""Who may open which workspace page, derived from the workflow registry: every action the
registry lets an author take on their own article has a workspace page, and each page answers
each person in each state what the registry's refusal says (404 not visible, 403 not theirs,
409 wrong state) or 200. People outside the Authors group are told where their work is."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from editorial import workflow
from editorial.workflow import ARTICLE, REVISION
from tests.factories import UserFactory
from tests.workflow import ALL_STATES, reach

from ..signin import signed_in

# registry action -> the workspace pages that take it: (url name, method, on the article?)
PAGES = {
    "edit": [
        ("workspace:revision_edit", "get", False),
        ("workspace:revision_preview", "post", False),
    ],
    "submit": [("workspace:revision_submit", "get", False)],
    "withdraw": [("workspace:revision_withdraw", "get", False)],
    "start_revision": [("workspace:article_next", "get", True)],
}
PEOPLE = ("author", "other_author", "editor", "board", "reviewer")
CELLS = [
    (action, page, state, person)
    for action, pages in PAGES.items()
    for page in pages
    for state in ALL_STATES
    for person in PEOPLE
]


@pytest.fixture(scope="module")
def cast(module_workflow, django_db_blocker):
    wf = module_workflow
    with django_db_blocker.unblock():
        revisions = {state: reach(wf, state) for state in ALL_STATES}
        people = {
            "author": wf.author,
            "other_author": UserFactory(username="m-other-author", groups=["Authors"]),
            "editor": wf.editor,
            "board": wf.board[0],
            "reviewer": wf.reviewers[0].user,
        }
    return revisions, people


def test_every_action_an_author_may_take_has_a_workspace_page(db, cast):
    revisions, people = cast
    author, draft = people["author"], revisions["draft"]
    theirs = {
        a.name
        for a in workflow.ACTIONS.values()
        if (a.machine == REVISION and a.who(author, draft))
        or (a.machine == ARTICLE and a.who(author, draft.article))
    }
    assert theirs == set(PAGES)


@pytest.mark.parametrize(("action", "page", "state", "person"), CELLS)
def test_each_page_answers_as_the_registry_says(db, cast, action, page, state, person):
    revisions, people = cast
    name, method, on_article = page
    revision, user = revisions[state], people[person]
    target = revision.article if on_article else revision
    url = reverse(name, args=[revision.article.slug if on_article else revision.pk])

    response = getattr(signed_in(user), method)(url)
    body = response.content.decode()

    if person in ("editor", "board", "reviewer"):
        assert response.status_code == 403
        assert "The workspace is for authors." in body
        where = "/workspace/reviews/" if person == "reviewer" else "/admin/"
        assert f'href="{where}"' in body
        return
    problem = workflow.refusal(action, user, target)
    if problem is None:
        assert response.status_code == 200
    else:
        assert response.status_code == problem.status
        assert escape(problem.message) in body


def test_another_authors_article_page_is_not_found(db, cast):
    revisions, people = cast
    slug = revisions["published"].article.slug
    url = reverse("workspace:article", args=[slug])
    assert signed_in(people["other_author"]).get(url).status_code == 404
    assert signed_in(people["author"]).get(url).status_code == 200


@pytest.mark.parametrize("person", ["editor", "board"])
def test_people_outside_the_authors_group_are_pointed_to_the_admin(db, cast, person):
    _, people = cast
    response = signed_in(people[person]).get(reverse("workspace:home"))
    assert response.status_code == 403
    assert 'href="/admin/"' in response.content.decode()


def test_a_reviewer_who_writes_nothing_is_sent_to_their_reviews(db, cast):
    _, people = cast
    response = signed_in(people["reviewer"]).get(reverse("workspace:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:reviews")


def test_anyone_signed_out_is_sent_to_sign_in(db, cast, client):
    revisions, _ = cast
    for url in (
        reverse("workspace:home"),
        reverse("workspace:revision_edit", args=[revisions["draft"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("workspace:sign_in") + "?next=")
