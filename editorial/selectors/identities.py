"""Whose names a reader of the review sees, by the site's review mode
(``EDITORIAL["REVIEW_MODE"]``): the one place the admin, the API, the workspace and the
e-mails ask. The rule is policy's (`can_see_author`, `can_see_reviewer_names`); these shape
what it allows.

- single_anonymous: reviewers know the author; the author reads "Reviewer 1", "Reviewer 2".
- double_anonymous: the author reads "Reviewer n", and a reviewer never learns who wrote the
  article (editors, the board and administrators still do).
- open: the author also reads each reviewer's name and credentials beside their review.
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.models import Article, Revision
from reviewers.models import ReviewAssignment, Reviewer

from .. import policy
from ..policy import User
from .visibility import review_blinded_list


def author_name(article: Article) -> str:
    user = article.created_by
    return user.get_full_name() or user.get_username()


def author_for(user: User, article: Article) -> str | None:
    """The author's name if this user may know it, else None."""
    return author_name(article) if policy.can_see_author(user, article) else None


@dataclass(frozen=True)
class ReviewForAuthor:
    label: str  # "Reviewer n"
    assignment: ReviewAssignment
    reviewer: Reviewer | None  # named in open review only

    @property
    def heading(self) -> str:
        return f"{self.label} — {self.reviewer}" if self.reviewer else self.label


def review_for_author_list(user: User, revision: Revision) -> list[ReviewForAuthor]:
    """The completed reviews as the author reads them ("Reviewer n"), each with its
    reviewer when the review is open. Reads revision.assignments.all() (prefetched: no
    query) and each assignment's reviewer."""
    named = policy.can_see_reviewer_names(user, revision)
    return [
        ReviewForAuthor(label, a, a.reviewer if named else None)
        for label, a in review_blinded_list(revision)
    ]
