"""The key refusals' words, in one place, so the API, the admin and the tests agree."""

NOT_YOURS = "Only the author of this article may do that."
CITATION_UNRESOLVED = "Cannot submit: citation {markers} has no reference."
CITATIONS_UNRESOLVED = "Cannot submit: citations {markers} have no reference."
AUTHOR_NEVER_REVIEWS = "An author never reviews their own article."
REVIEWER_CONFLICT = "{name} declared a conflict of interest with this article."
VOTER_CONFLICT = "You declared a conflict of interest with this article, so you may not vote on it."
REVIEWS_MISSING = (
    "Approval needs {required} completed reviews without a declared conflict; {reviews} so far."
)
QUORUM_NOT_REACHED = (
    "The board has not approved this revision: quorum not reached, "
    "{approvals} of {quorum} approvals."
)
