"""The workflow, declared once: every action of the revision, assignment, article,
re-review and reader's report machines, with where it may start, where it ends, who may
take it, what it records, what it needs and who is told (`registry`).

Everything else reads these entries: the guard every service calls (`guard`), what each
person is offered (`allowed`), the admin's buttons and the API's endpoints (checked against
the registry at start-up by `editorial.checks`), the recipients of each notice
(`recipients`, `users_who_may`), and the permission and wrong-state test tables.

Adding an action: one entry in the registry, its service body, its endpoint and its button;
the system check and the test tables say what is still missing.
"""

from .action import (
    ADMIN,
    API,
    ARTICLE,
    ASSIGNMENT,
    OPEN_REVISION_STATES,
    REPORT,
    REREVIEW,
    REVISION,
    SETTLED_REVISION_STATES,
    SYSTEM,
    Action,
)
from .guard import (
    action,
    actions_of,
    allowed,
    assignment_editors,
    fits_state,
    guard,
    models_with_machines,
    permits,
    recipients,
    refusal,
    state_of,
    users_for_whom,
    users_who_may,
    visible,
)
from .registry import ACTIONS

__all__ = [
    "ACTIONS",
    "ADMIN",
    "API",
    "ARTICLE",
    "ASSIGNMENT",
    "OPEN_REVISION_STATES",
    "REPORT",
    "REREVIEW",
    "REVISION",
    "SETTLED_REVISION_STATES",
    "SYSTEM",
    "Action",
    "action",
    "actions_of",
    "allowed",
    "assignment_editors",
    "fits_state",
    "guard",
    "models_with_machines",
    "permits",
    "recipients",
    "refusal",
    "state_of",
    "users_for_whom",
    "users_who_may",
    "visible",
]
