"""The review rules a revision is held to, by its change class: how many completed reviews
the board needs, how many approvals make the quorum, how long reviewers get by default, and
whether publishing it moves the public "last updated" date.

Every place that asks "how many reviews?", "what quorum?" or "when is a review due?" asks
`rules_for(revision)`; the numbers are settings (EDITORIAL["CHANGE_CLASSES"], falling back to
the global REQUIRED_REVIEWS, BOARD_QUORUM and REVIEW_DUE_DAYS).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When

from articles.models import ChangeClass, Revision

# Publishing one of these moves "last updated"; a minor change keeps the previous date.
MOVES_LAST_UPDATED = frozenset(
    {"", ChangeClass.UPDATE, ChangeClass.CORRECTION, ChangeClass.REINSTATEMENT}
)
# What the author (or the editor at start of review) may choose for a published article;
# a reinstatement is never chosen, it is what follows a retraction.
CHOSEN_CLASSES = (ChangeClass.MINOR, ChangeClass.UPDATE, ChangeClass.CORRECTION)
# Classes whose public note is required (a minor change may have one).
NOTE_REQUIRED = frozenset({ChangeClass.UPDATE, ChangeClass.CORRECTION, ChangeClass.REINSTATEMENT})


@dataclass(frozen=True)
class ReviewRules:
    change_class: str
    required_reviews: int
    board_quorum: int
    review_due_days: int

    @property
    def moves_last_updated(self) -> bool:
        return self.change_class in MOVES_LAST_UPDATED


def rules_for_class(change_class: str) -> ReviewRules:
    rules = settings.EDITORIAL
    own = rules.get("CHANGE_CLASSES", {}).get(change_class, {}) if change_class else {}
    return ReviewRules(
        change_class=change_class,
        required_reviews=own.get("REQUIRED_REVIEWS", rules["REQUIRED_REVIEWS"]),
        board_quorum=own.get("BOARD_QUORUM", rules["BOARD_QUORUM"]),
        review_due_days=own.get("REVIEW_DUE_DAYS", rules["REVIEW_DUE_DAYS"]),
    )


def rules_for(revision: Revision) -> ReviewRules:
    """The rules this revision is reviewed and decided under."""
    return rules_for_class(revision.change_class)


def _by_class(attribute: str, field: str) -> Case:
    default = getattr(rules_for_class(""), attribute)
    whens = [
        When(**{field: value}, then=Value(getattr(rules_for_class(value), attribute)))
        for value in ChangeClass.values
        if getattr(rules_for_class(value), attribute) != default
    ]
    return Case(*whens, default=Value(default), output_field=IntegerField())


def required_reviews_expression(field: str = "change_class") -> Case:
    """rules_for(revision).required_reviews as a query expression, for the queues."""
    return _by_class("required_reviews", field)
