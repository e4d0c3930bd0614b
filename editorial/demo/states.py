"""Driving articles to any workflow state through the services, as real people would: the
one state builder, used by `seed_demo` for the demo data and by the tests (tests/workflow.py
gives it a cast of test people).

A builder has an author, an editor, the board and reviewers; `draft()` opens a fresh
article (the subclass says with what content), and every other step can start from a given
revision or from a fresh one.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from articles.models import Revision
from reviewers.models import ReReview, ReviewAssignment

from .. import services
from ..rules import rules_for


class StateBuilder:
    """Takes revisions from draft to any state; never assigns `state` itself."""

    comments_for_author = "Accurate and well referenced; a few phrasings simplified."
    # Whether the reviewers agree to be named as reviewers once the article is published.
    credit_consent = True
    confidential_comments = "No concerns about the evidence base."
    conflict_statement = "I co-wrote the guideline this article summarises."
    approval_comment = "Approved for publication."

    def __init__(self, author: Any, editor: Any, board: list[Any], reviewers: list[Any]) -> None:
        self.author, self.editor, self.board, self.reviewers = author, editor, board, reviewers

    def draft(self) -> Revision:
        """A fresh article's first draft."""
        raise NotImplementedError

    def reviewers_for(self, revision: Revision) -> list[Any]:
        """Whom to invite to review this revision."""
        return self.reviewers

    def submitted(self, revision: Revision | None = None, **draft_options: Any) -> Revision:
        revision = revision or self.draft(**draft_options)
        return services.revision_submit(revision=revision, actor=revision.article.created_by)

    def assigned(
        self, revision: Revision | None = None, n: int = 2, reviewers: list | None = None
    ) -> list[ReviewAssignment]:
        """n reviewers invited: the given ones, or those `reviewers_for` picks."""
        if revision is not None:
            revision.refresh_from_db(fields=["state"])
        if revision is None or revision.state == "draft":
            revision = self.submitted(revision)
        return [
            services.assignment_create(revision=revision, reviewer=r, actor=self.editor)
            for r in (reviewers or self.reviewers_for(revision))[:n]
        ]

    def accepted(
        self,
        revision: Revision | None = None,
        n: int = 2,
        conflicted: int = 0,
        reviewers: list | None = None,
    ) -> list[ReviewAssignment]:
        """n reviewers invited and accepted; the first `conflicted` declare a conflict."""
        return [
            services.assignment_accept(
                assignment=a,
                actor=a.reviewer.user,
                has_conflict=i < conflicted,
                conflict_statement=self.conflict_statement if i < conflicted else "",
            )
            for i, a in enumerate(self.assigned(revision, n, reviewers))
        ]

    def under_review(self, revision: Revision | None = None) -> Revision:
        accepted = self.accepted(revision)
        return services.revision_start_review(revision=accepted[0].revision, actor=self.editor)

    def complete(
        self,
        assignment: ReviewAssignment,
        recommendation: str = "approve",
        confidential: str | None = None,
    ) -> None:
        services.review_complete(
            assignment=assignment,
            actor=assignment.reviewer.user,
            recommendation=recommendation,
            comments_for_author=self.comments_for_author,
            confidential_comments=self.confidential_comments
            if confidential is None
            else confidential,
            credit_consent=self.credit_consent,
        )

    def reviewed(
        self,
        revision: Revision | None = None,
        n: int = 2,
        conflicted: int = 0,
        reviewers: list | None = None,
    ) -> Revision:
        """Under review with n completed reviews (by the cast's reviewers or the given ones),
        the first `conflicted` of them declaring a conflict of interest (so not counted)."""
        accepted = self.accepted(revision, max(n, 1), conflicted, reviewers)
        rev = services.revision_start_review(revision=accepted[0].revision, actor=self.editor)
        for assignment in accepted[:n]:
            self.complete(assignment)
        return rev

    def approved(self, revision: Revision | None = None) -> Revision:
        """Approved by the board's quorum, after the reviews its class needs: none for a
        minor change (submitted, review started, voted on), two otherwise."""
        if revision is not None and rules_for(revision).required_reviews == 0:
            if revision.state == "draft":
                revision = services.revision_submit(
                    revision=revision, actor=revision.article.created_by
                )
            rev = services.revision_start_review(revision=revision, actor=self.editor)
        else:
            rev = self.reviewed(revision)
        for member in self.board[: rules_for(rev).board_quorum]:
            rev = services.board_vote(
                revision=rev,
                actor=member,
                decision="approve",
                comment=self.approval_comment,
                acknowledges_retraction=rev.change_class == "reinstatement",
            )
        return rev

    def published(self, revision: Revision | None = None) -> Revision:
        return services.revision_publish(revision=self.approved(revision), actor=self.editor)

    def scheduled(self, when=None) -> Revision:
        return services.revision_schedule_publication(
            revision=self.approved(),
            actor=self.editor,
            publish_at=when or timezone.now() + timedelta(hours=1),
        )

    def rereview(
        self,
        revision: Revision | None = None,
        *,
        n: int = 1,
        recommendation: str = "still_accurate",
        reviewers: list | None = None,
    ) -> ReReview:
        """The periodic re-review of a published revision (a fresh one unless given), with n
        completed re-reviews, by the given reviewers or the cast's in reverse order (the last
        one did not review the revision itself)."""
        revision = revision or self.published()
        rereview = services.rereview_open(revision=revision, actor=self.editor)
        for reviewer in (reviewers or list(reversed(self.reviewers)))[:n]:
            assignment = services.rereview_assign(
                rereview=rereview, reviewer=reviewer, actor=self.editor
            )
            assignment = services.assignment_accept(
                assignment=assignment, actor=reviewer.user, has_conflict=False
            )
            services.review_complete(
                assignment=assignment,
                actor=reviewer.user,
                recommendation=recommendation,
                comments_for_author=self.comments_for_author,
                credit_consent=self.credit_consent,
            )
        return rereview

    # -- any state at once -------------------------------------------------------------
    def reach(
        self, state: str, *, reviews: int = 2, conflicted: int = 0, author: Any = None
    ) -> Revision:
        """A fresh article whose returned revision is in `state`. "reviewed" is under review
        with `reviews` completed reviews, `conflicted` of them declaring a conflict; `author`
        writes the article instead of the cast's author."""
        if author is not None:
            original, self.author = self.author, author
            try:
                return self.reach(state, reviews=reviews, conflicted=conflicted)
            finally:
                self.author = original
        board = self.board[0]
        if state in ("draft", "submitted", "under_review", "approved", "published"):
            return getattr(self, state)()
        if state == "reviewed":
            return self.reviewed(n=reviews, conflicted=conflicted)
        if state == "changes_requested":
            return services.revision_request_changes(
                revision=self.reviewed(), actor=board, comment="Add the 2024 guideline."
            )
        if state == "rejected":
            return services.revision_reject(
                revision=self.reviewed(), actor=board, comment="Outside our scope."
            )
        if state == "withdrawn":
            return services.revision_withdraw(revision=self.submitted(), actor=self.author)
        if state == "retracted":
            return services.revision_unpublish(
                revision=self.published(), actor=board, reason="A dosing error was found."
            )
        if state == "superseded":
            first = self.published()
            second = services.revision_start_next(
                article=first.article,
                actor=self.author,
                change_class="update",
                change_note="Updated with the latest guidance.",
            )
            services.revision_submit(revision=second, actor=self.author)
            self.published(second)
            first.refresh_from_db()
            return first
        raise ValueError(f"No way to reach {state!r}.")
