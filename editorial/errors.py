"""The workflow's refusals. Each says, in words a user understands, why.

Different kinds are different classes, each with the HTTP status that the API and the admin
both answer it with: 404 for an object the user may not see, 403 for the wrong person, 409
for the wrong state (or a lost race) and 400 for a broken rule.
"""

from __future__ import annotations


class WorkflowError(Exception):
    code = "workflow_error"
    status = 400

    def __init__(
        self,
        message: str,
        *,
        allowed: list[str] | None = None,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.allowed = allowed or []
        self.fields = fields or {}


class InvalidTransition(WorkflowError):
    """The action does not fit the current state."""

    code = "invalid_transition"
    status = 409


class NotFound(WorkflowError):
    """The object is not visible to this user: answered as if it did not exist."""

    code = "not_found"
    status = 404


class NotPermitted(WorkflowError):
    """This user may not do this to this object."""

    code = "not_permitted"
    status = 403


class RuleViolation(WorkflowError):
    """The state and the person are right, but a rule is not met (quorum, citations, ...)."""

    code = "rule_violation"
    status = 400


class ConcurrentChange(WorkflowError):
    """Somebody else changed the same object at the same moment; nothing was applied."""

    code = "concurrent_change"
    status = 409
