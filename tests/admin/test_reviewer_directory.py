"""The reviewer directory (board membership, load, e-mail) is for those who assign
reviewers: editors and the board read it, reviewers do not, in the admin as in the API."""

from __future__ import annotations

from ..signin import signed_in


def test_reviewers_do_not_browse_the_reviewer_directory(workflow, client):
    client.force_login(workflow.reviewers[0].user)

    assert client.get("/admin/reviewers/reviewer/").status_code == 403
    assert (
        client.get(f"/admin/reviewers/reviewer/{workflow.reviewers[1].pk}/change/").status_code
        == 403
    )
    signed_in(workflow.editor, client)
    assert client.get("/admin/reviewers/reviewer/").status_code == 200
