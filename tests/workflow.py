"""The one state builder (editorial/demo/states.py, also behind the demo data) over a cast of
test people: `reach(state, ...)` drives a fresh article there through the services, never
by assigning `state`.

Every test folder builds its states here; the conftest's `workflow` fixture is a
`Workflow` over the fixtures' cast, and module-scoped tables build one with `Workflow.cast`.
"""

from __future__ import annotations

from typing import Any

from articles.models import Revision
from editorial import services
from editorial.demo.states import StateBuilder

from .factories import ReviewerFactory, SpecialtyFactory, UserFactory, reference_data

BODY = "Hypertension is common [1]. Treatment lowers stroke risk [2].\n\nSee also [1, 2]."
FOR_AUTHOR = "Clear and accurate."
CONFIDENTIAL = "No concerns."
CONFLICT_STATEMENT = "I co-wrote the guideline this article summarises."
# The change class of the next revision of a published article, for tests about other things.
UPDATE = {"change_class": "update", "change_note": "Updated with the latest guidance."}

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


class Workflow(StateBuilder):
    """The state builder over a cast of test people, writing test articles."""

    comments_for_author = FOR_AUTHOR
    confidential_comments = CONFIDENTIAL
    conflict_statement = CONFLICT_STATEMENT
    approval_comment = "Approved."

    def __init__(self, author, editor, board, reviewers, specialty) -> None:
        super().__init__(author, editor, board, reviewers)
        self.specialty = specialty
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
    def draft(
        self, *, slug: str | None = None, body: str = BODY, references: int = 2, **fields: str
    ) -> Revision:
        """A fresh article's first draft; `fields` adds content (an audience's version)."""
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
            **fields,
        )
        return article.revisions.get()


def reach(wf: Workflow, state: str, **kwargs: Any) -> Revision:
    """`wf.reach(state, ...)`, for call sites that read better as a function."""
    return wf.reach(state, **kwargs)
