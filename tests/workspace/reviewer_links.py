"""Reviewer links in tests: inviting through the service and taking the link from the
e-mail, as the reviewer would."""

from __future__ import annotations

import re

from editorial import services

LINK = re.compile(r"https?://\S+?(/workspace/link/\S+/)")


def link_in(body: str) -> str:
    """The path of the reviewer's link in an e-mail."""
    found = LINK.search(body)
    assert found, body
    return found.group(1)


def invite_with_link(wf, mailoutbox, capture, revision=None, reviewer=None):
    """An invitation and the path of the link its e-mail carries."""
    revision = revision or wf.submitted()
    reviewer = reviewer or wf.reviewers[0]
    mailoutbox.clear()
    with capture(execute=True):
        assignment = services.assignment_create(
            revision=revision, reviewer=reviewer, actor=wf.editor
        )
    (mail,) = [m for m in mailoutbox if reviewer.user.email in m.to]
    return assignment, link_in(mail.body)
