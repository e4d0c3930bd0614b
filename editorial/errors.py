"""The workflow's refusals. Each says, in words a user understands, why.

Different kinds are different classes so that the API can answer 409 for the
wrong state, 403/404 for the wrong person and 400 for a broken rule.
"""

from __future__ import annotations


class WorkflowError(Exception):
    code = "workflow_error"

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


class NotPermitted(WorkflowError):
    """This user may not do this to this object."""

    code = "not_permitted"


class RuleViolation(WorkflowError):
    """The state and the person are right, but a rule is not met (quorum, citations, ...)."""

    code = "rule_violation"


class ConcurrentChange(WorkflowError):
    """Somebody else changed the same object at the same moment; nothing was applied."""

    code = "concurrent_change"
