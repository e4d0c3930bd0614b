"""Change classes: what the next revision of a published article must say about itself, and
a reader's report opening a correction."""

from __future__ import annotations

from articles.models import Article, ChangeClass, Revision, RevisionState

from .. import messages
from ..errors import RuleViolation
from ..rules import CHOSEN_CLASSES, NOTE_REQUIRED

FIRST_PUBLICATION = ""


def required_class(article: Article, number: int) -> str | None:
    """What revision `number` of the article is, when that is not the author's choice: a
    first publication ("") while nothing earlier was published, a reinstatement when the
    last published revision was retracted; None when the author chooses the class."""
    last = (
        article.revisions.filter(number__lt=number, published_at__isnull=False)
        .order_by("-number")
        .only("state")
        .first()
    )
    if last is None:
        return FIRST_PUBLICATION
    if last.state == RevisionState.RETRACTED:
        return ChangeClass.REINSTATEMENT
    return None


def checked_change(
    article: Article, change_class: str, change_note: str, *, number: int, require_note: bool
) -> dict[str, str]:
    """The class and note revision `number` will carry, or the rule they break. The note is
    required (for an update, a correction and a reinstatement) once the revision goes to
    review; a draft may be without it."""
    change_class = (change_class or "").strip()
    note = (change_note or "").strip()
    fixed = required_class(article, number)
    if fixed == FIRST_PUBLICATION:
        if change_class or note:
            raise RuleViolation(
                messages.NOT_YET_PUBLISHED_CLASS, fields={"change_class": ["not applicable"]}
            )
        return {"change_class": "", "change_note": ""}
    if fixed == ChangeClass.REINSTATEMENT:
        if change_class not in ("", ChangeClass.REINSTATEMENT):
            raise RuleViolation(messages.REINSTATEMENT_CLASS, fields={"change_class": ["invalid"]})
        change_class = ChangeClass.REINSTATEMENT
    elif not change_class:
        raise RuleViolation(messages.CHANGE_CLASS_NEEDED, fields={"change_class": ["required"]})
    elif change_class not in CHOSEN_CLASSES:
        raise RuleViolation(messages.CHANGE_CLASS_UNKNOWN, fields={"change_class": ["invalid"]})
    if require_note and not note and change_class in NOTE_REQUIRED:
        message = (
            messages.REINSTATEMENT_NOTE_NEEDED
            if change_class == ChangeClass.REINSTATEMENT
            else messages.CHANGE_NOTE_NEEDED.format(kind=change_class)
        )
        raise RuleViolation(message, fields={"change_note": ["required"]})
    return {"change_class": change_class, "change_note": note}


def carried_change(latest: Revision) -> dict[str, str]:
    """The class and note a new draft starts with when its author names none: those of the
    revision it is copied from, if that one was sent back or withdrawn unpublished."""
    if latest.published_at is None and latest.change_class in CHOSEN_CLASSES:
        return {"change_class": latest.change_class, "change_note": latest.change_note}
    return {"change_class": "", "change_note": ""}
