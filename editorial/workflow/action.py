"""What an action is: one entry of the registry, and the names its fields use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from articles.models import RevisionState

from ..models import AuditAction

REVISION, ASSIGNMENT, ARTICLE, REPORT = "revision", "assignment", "article", "report"
REREVIEW = "rereview"  # the periodic re-review of a published article's live revision
API, ADMIN = "api", "admin"
SYSTEM = None  # the actor when the system acts (a scheduled publication)

# A new revision may be started only once the latest one is no longer in play.
OPEN_REVISION_STATES = frozenset(
    {
        RevisionState.DRAFT,
        RevisionState.SUBMITTED,
        RevisionState.UNDER_REVIEW,
        RevisionState.APPROVED,
    }
)
SETTLED_REVISION_STATES = frozenset(
    set(RevisionState) - OPEN_REVISION_STATES - {RevisionState.SUPERSEDED}
)


@dataclass(frozen=True)
class Action:
    """One thing a person (or the system) does to one object.

    `source` lists the states of the object the action starts from; `target` is the state
    it ends in (None: the object stays where it is). `transition` names the model's
    django-fsm method when the action moves the state. `who` is policy's predicate and
    `refusal` what someone it refuses is told (403). `needs` and `optional` name the input,
    with what each is for. `via` marks a step never taken on its own but by another action
    (an approval by the vote that reaches the quorum; the superseding of the live revision
    by the next publication). `revision_states` narrows an assignment action to the states
    of its revision (an assignment on a re-review instead needs the re-review open).
    `available` is a condition of the moment (a board member votes once)
    that decides what is offered; the service enforces it as a rule. `tell` names who hears
    of it: "author", "reviewer", "editor" (of an assignment: the editor who sent the
    invitation, or every editor who may manage it once that one no longer may), or another
    action's name, meaning those who may take that action now. `done` completes "cannot
    be …" in the wrong-state refusal (409), unless `wrong_state` words it for the object at
    hand.
    """

    name: str
    machine: str
    source: frozenset[str]
    who: Callable[[Any, Any], bool]
    refusal: str | Callable[[Any, Any], str]
    audit: AuditAction
    label: str
    done: str
    target: str | None = None
    transition: str | None = None
    needs: Mapping[str, str] = field(default_factory=dict)
    optional: Mapping[str, str] = field(default_factory=dict)
    service: str | None = None
    interfaces: frozenset[str] = frozenset({API, ADMIN})
    via: str | None = None
    revision_states: frozenset[str] | None = None
    available: Callable[[Any, Any], bool] | None = None
    tell: str | None = None
    wrong_state: Callable[[Any], str | None] | None = None

    @property
    def offered(self) -> bool:
        return self.via is None
