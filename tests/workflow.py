"""The one state builder for the tests: a cast (author, editor, board, reviewers) and
`reach(state, ...)`, which drives a fresh article there through the services, never by
assigning `state`.

Every test folder builds its states here; the conftest's `workflow` fixture is a
`Workflow` over the fixtures' cast, and module-scoped tables build one with `Workflow.cast`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from articles.models import Revision
from editorial import services
from reviewers.models import ReviewAssignment

from .factories import ReviewerFactory, SpecialtyFactory, UserFactory, reference_data

BODY = "Hypertension is common [1]. Treatment lowers stroke risk [2].\n\nSee also [1, 2]."
FOR_AUTHOR = "Clear and accurate."
CONFIDENTIAL = "No concerns."
CONFLICT_STATEMENT = "I co-wrote the guideline this article summarises."

# Every state a revision can be in, and "reviewed": under review with the required reviews.
ALL_STATES = (
    "draft",
    "submitted",
    "under_review",
    "approved",
    "published",
    "superseded",
    "retracted",
    "changes_requested",
    "rejected",
    "withdrawn",
)


class Workflow:
    """Drives articles of one cast through the services to any state."""

    def __init__(self, author, editor, board, reviewers, specialty) -> None:
        self.author, self.editor, self.board = author, editor, board
        self.reviewers, self.specialty = reviewers, specialty
        self.count = 0
        self.prefix = ""  # of its articles' slugs, as of its people's usernames

    @classmethod
    def cast(cls, prefix: str = "") -> Workflow:
        """A cast of its own (for fixtures wider than one test): usernames start with
        `prefix`, so two casts never collide."""
        specialty = SpecialtyFactory(name=f"{prefix}Cardiology", slug=f"{prefix}cardiology")
        # Room for the many articles a module-wide cast reviews at once.
        reviewers = [
            ReviewerFactory(user__username=f"{prefix}reviewer{i}", max_active_reviews=100)
            for i in (1, 2, 3)
        ]
        for reviewer in reviewers:
            reviewer.specialties.add(specialty)
        cast = cls(
            UserFactory(username=f"{prefix}author", groups=["Authors"], first_name="Ada"),
            UserFactory(username=f"{prefix}editor", groups=["Editors"]),
            [
                UserFactory(username=f"{prefix}board{i}", groups=["Advisory Board"])
                for i in (1, 2, 3)
            ],
            reviewers,
            specialty,
        )
        cast.prefix = prefix
        return cast

    # -- one step at a time ------------------------------------------------------------
    def draft(self, *, slug: str | None = None, body: str = BODY, references: int = 2) -> Revision:
        self.count += 1
        article = services.article_create(
            actor=self.author,
            slug=slug or f"{self.prefix}article-{self.count}",
            specialty=self.specialty,
            title=f"Managing high blood pressure {self.count}",
            summary="What raised blood pressure means and how it is treated.",
            summary_patient="Plain-language summary for patients.",
            body=body,
            references=reference_data(references),
        )
        return article.revisions.get()

    def submitted(self, **kwargs: Any) -> Revision:
        return services.revision_submit(revision=self.draft(**kwargs), actor=self.author)

    def assigned(
        self, revision: Revision | None = None, n: int = 2, reviewers: list | None = None
    ) -> list[ReviewAssignment]:
        """n reviewers invited: the cast's, or the given ones."""
        revision = revision or self.submitted()
        return [
            services.assignment_create(revision=revision, reviewer=r, actor=self.editor)
            for r in (reviewers or self.reviewers)[:n]
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
                conflict_statement=CONFLICT_STATEMENT if i < conflicted else "",
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
        confidential: str = CONFIDENTIAL,
    ) -> None:
        services.review_complete(
            assignment=assignment,
            actor=assignment.reviewer.user,
            recommendation=recommendation,
            comments_for_author=FOR_AUTHOR,
            confidential_comments=confidential,
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
        rev = self.reviewed(revision)
        for member in self.board[:2]:
            rev = services.revision_approve(revision=rev, actor=member, comment="Approved.")
        return rev

    def published(self, revision: Revision | None = None) -> Revision:
        return services.revision_publish(revision=self.approved(revision), actor=self.editor)

    def scheduled(self, when=None) -> Revision:
        return services.revision_schedule_publication(
            revision=self.approved(),
            actor=self.editor,
            publish_at=when or timezone.now() + timedelta(hours=1),
        )

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
            second = services.revision_start_next(article=first.article, actor=self.author)
            services.revision_submit(revision=second, actor=self.author)
            self.published(second)
            first.refresh_from_db()
            return first
        raise ValueError(f"No way to reach {state!r}.")


def reach(wf: Workflow, state: str, **kwargs: Any) -> Revision:
    """`wf.reach(state, ...)`, for call sites that read better as a function."""
    return wf.reach(state, **kwargs)
