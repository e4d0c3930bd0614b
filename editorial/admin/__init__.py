"""The editorial admin: queues on the index, the revision page with its workflow buttons,
assignments, votes, the read-only audit history, readers' reports, and the people and
specialties.

Every model is registered here rather than in its own app because every page reads the
workflow (policy, votes, history) or saves through its services, and `articles` and
`reviewers` may not import `editorial`.
"""

from . import assignments, people, records, reports, revisions, tokens

__all__ = ["assignments", "people", "records", "reports", "revisions", "tokens"]
