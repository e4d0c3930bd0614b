"""Open review: once the board has decided, the author reads each reviewer's name and
credentials beside their review, wherever they read the reviews (the workspace, the API,
the admin, the e-mail asking for an update); in single- and double-anonymous review only
"Reviewer 1", "Reviewer 2". Confidential comments stay confidential in every mode."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from editorial import services
from editorial.review_mode import MODES, OPEN
from tests.admin.conftest import revision_url
from tests.workflow import CONFIDENTIAL, FOR_AUTHOR

from .review_modes import api, in_mode, page


@pytest.fixture(params=MODES)
def mode(request):
    yield from in_mode(request.param)


@pytest.fixture
def decided(mode, workflow):
    """Changes requested after two completed reviews."""
    return services.revision_request_changes(
        revision=workflow.reviewed(), actor=workflow.board[0], comment="Add the 2024 guideline."
    )


def _update_email(wf, capture, mailoutbox) -> str:
    """The author's e-mail when a re-review finds the published text needs an update."""
    rereview = wf.rereview(n=2, recommendation="needs_update")
    with capture(execute=True):
        services.rereview_open_update(rereview=rereview, actor=wf.board[0], note="Please.")
    (mail,) = [m for m in mailoutbox if m.to == [wf.author.email]]
    return mail.body


def _reviewers_of_update(wf) -> list:
    return list(reversed(wf.reviewers))[:2]  # who wf.rereview invites


SURFACES = {
    "workspace article page": lambda wf, r, **_: page(
        wf.author, reverse("workspace:article", args=[r.article.slug])
    ),
    "api revision": lambda wf, r, **_: api(wf.author, f"/api/v1/revisions/{r.pk}/"),
    "api article": lambda wf, r, **_: api(wf.author, f"/api/v1/articles/{r.article.slug}/"),
    "admin revision page": lambda wf, r, **_: page(wf.author, revision_url(r)),
    "update e-mail": lambda wf, r, capture, mailoutbox: _update_email(wf, capture, mailoutbox),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_what_the_author_reads_of_the_reviewers_in_each_mode(
    decided, mode, workflow, surface, django_capture_on_commit_callbacks, mailoutbox
):
    text = SURFACES[surface](
        workflow, decided, capture=django_capture_on_commit_callbacks, mailoutbox=mailoutbox
    )
    update = surface == "update e-mail"
    reviewers = _reviewers_of_update(workflow) if update else workflow.reviewers[:2]
    assert "Reviewer 1" in text
    assert "Reviewer 2" in text
    for reviewer in reviewers:
        assert (reviewer.display_name in text) == (mode == OPEN)
    assert ("MD, FRCP" in text) == (mode == OPEN)
    assert CONFIDENTIAL not in text
    for reviewer in workflow.reviewers:
        assert reviewer.user.username not in text
        assert reviewer.user.email not in text


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_in_the_api_each_review_carries_its_reviewer_only_in_open_review(decided, mode, workflow):
    body = json.loads(api(workflow.author, f"/api/v1/revisions/{decided.pk}/"))
    reviews = body["feedback"]["reviews"]
    assert [r["reviewer"] for r in reviews] == ["Reviewer 1", "Reviewer 2"]
    assert {r["comments_for_author"] for r in reviews} == {FOR_AUTHOR}
    if mode == OPEN:
        assert [(r["reviewer_name"], r["reviewer_credentials"]) for r in reviews] == [
            (a.reviewer.display_name, a.reviewer.credentials)
            for a in decided.assignments.order_by("completed_at", "pk")
        ]
    else:
        assert {(r["reviewer_name"], r["reviewer_credentials"]) for r in reviews} == {(None, None)}


@pytest.mark.parametrize("mode", [OPEN], indirect=True)
def test_in_open_review_the_author_still_reads_nothing_before_the_decision(mode, workflow):
    revision = workflow.reviewed()
    text = page(workflow.author, reverse("workspace:article", args=[revision.article.slug]))
    text += api(workflow.author, f"/api/v1/revisions/{revision.pk}/")
    for reviewer in workflow.reviewers:
        assert reviewer.display_name not in text
    assert FOR_AUTHOR not in text


@pytest.mark.parametrize("mode", [OPEN], indirect=True)
def test_in_open_review_the_workspace_names_the_reviewer_beside_their_review(
    decided, mode, workflow
):
    text = page(workflow.author, reverse("workspace:article", args=[decided.article.slug]))
    first = decided.assignments.order_by("completed_at", "pk").first().reviewer
    assert (
        f'<strong>Reviewer 1</strong> (<span class="reviewer-name">{first.display_name}</span>, '
        f'<span class="reviewer-credentials">{first.credentials}</span>) recommends: approve'
    ) in text
