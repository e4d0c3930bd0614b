"""The key refusals' words, in one place, so the API, the admin and the tests agree."""

NOT_YOURS = "Only the author of this article may do that."
CITATION_UNRESOLVED = "Cannot submit: citation {markers} has no reference."
CITATIONS_UNRESOLVED = "Cannot submit: citations {markers} have no reference."
# The same refusal for the version of the body written for an audience ("patients").
VERSION_CITATION_UNRESOLVED = (
    "Cannot submit: citation {markers} in the version for {readers} has no reference."
)
VERSION_CITATIONS_UNRESOLVED = (
    "Cannot submit: citations {markers} in the version for {readers} have no reference."
)
AUTHOR_NEVER_REVIEWS = "An author never reviews their own article."
REVIEWER_CONFLICT = "{name} declared a conflict of interest with this article."
NOT_IN_REVIEWERS = (
    "{name} is not in the Reviewers group, so could not accept an invitation; an administrator "
    "grants the role first."
)
REVIEWER_VOTED = (
    "{name} voted on this revision as a board member, so does not review it: the review stays "
    "independent of the decision."
)
VOTER_CONFLICT = "You declared a conflict of interest with this article, so you may not vote on it."
VOTER_REVIEWED = (
    "You peer-reviewed this revision, so you may not vote on it: the board's decision stays "
    "independent of the review."
)
REVIEWS_MISSING = (
    "Approval needs {required} completed reviews without a declared conflict; {reviews} so far."
)
QUORUM_NOT_REACHED = (
    "The board has not approved this revision: quorum not reached, "
    "{approvals} of {quorum} approvals."
)

# Who may not: the 403 of each action, read by the workflow registry.
NOT_EDITOR = "Only editors who did not write the article may do that."
NOT_PUBLISHER = "Only editors and board members who did not write the article may publish it."
NOT_VOTER = (
    "Only members of the Medical Advisory Board may vote, and not on an article they wrote, "
    "reviewed or declared a conflict of interest with."
)
NOT_UNPUBLISHER = (
    "Only members of the Medical Advisory Board who did not write the article may unpublish it."
)
NOT_RECUSER = (
    "Only members of the Medical Advisory Board who did not write the article and have not "
    "already declared a conflict with it may declare one."
)
NOT_REPORT_HANDLER = "Only editors who did not write the article handle readers' reports about it."
NOT_YOUR_INVITATION = "This invitation is not yours."
NOT_YOUR_REVIEW = "This review is not yours."
NOT_VISIBLE = "Not found."

# Signing in.
LOCKED_OUT = (
    "Too many failed sign-in attempts for this account or from this address. Try again in "
    "{minutes} minutes. If the attempts were not yours, tell the site's administrators."
)
UNKNOWN_KEY = "Invalid token."
EXPIRED_KEY = "This token expired on {when}; ask for a new one with POST /api/v1/auth/token/."
REVOKED_KEY = "This token was {why} on {when}; ask for a new one with POST /api/v1/auth/token/."
INACTIVE_KEY_OWNER = "This token's account is not active."
OTP_REQUIRED = (
    "This account signs in with a second factor: send the 6-digit code from your "
    "authenticator app, or a recovery code, as `otp`."
)
SECOND_FACTOR_NOT_SET_UP = (
    "This account signs in with a second factor, which is not set up yet: sign in to the "
    "admin once to set it up, then ask for a token."
)

RETRACTION_NOT_ACKNOWLEDGED = (
    "This revision reinstates a retracted article: approve it only acknowledging the "
    "retraction and its reason (acknowledges_retraction)."
)
CHANGE_CLASS_NEEDED = (
    "The article is published: say what kind of change this revision makes (change_class: "
    "minor, update or correction)."
)
CHANGE_CLASS_UNKNOWN = "change_class must be one of: minor, update, correction."
CHANGE_NOTE_NEEDED = (
    "Write the one-line note readers will see with this {kind} (change_note): "
    "what changed, or what was wrong."
)
REINSTATEMENT_NOTE_NEEDED = (
    "Write the one-line note readers will see with the reinstatement (change_note): why the "
    "retracted article is published again."
)
NOT_YET_PUBLISHED_CLASS = (
    "The article has not been published yet: its next revision is a first publication and "
    "takes no change class."
)
REINSTATEMENT_CLASS = (
    "The article was retracted: its next revision reinstates it; its change class is reinstatement."
)
# Periodic re-review.
NOT_REREVIEW_DECIDER = (
    "Only a board member who did not write the article, declared no conflict with it and did "
    "not re-review it may close its re-review."
)
REREVIEW_ALREADY_OPEN = "A re-review of this article is already open."
REREVIEW_NOT_LIVE = (
    "This revision is no longer the one the public reads; its re-review can only be cancelled."
)
REREVIEW_REVIEWS_MISSING = (
    "Attesting needs {required} completed re-review{plural} without a declared conflict; "
    "{done} so far."
)
REREVIEW_NEEDS_UPDATE = (
    "A reviewer found the article needs an update: open an update, or invite another "
    "reviewer if the board disagrees."
)
REREVIEW_CONTENT_CHANGED = (
    "The live revision's content no longer matches its approved hash; it cannot be attested."
)
REREVIEW_UPDATE_IN_PROGRESS = (
    "Revision {number} is already {state}; the update goes through it. Cancel this "
    "re-review instead."
)
# A review answers approve … reject; a re-review of the published text, still accurate or not.
WRONG_RECOMMENDATION = "Choose a recommendation: {choices}"
NO_ONE_TO_REINVITE = (
    "No one to invite again: nobody completed a review of the article's last reviewed "
    "revision, or each of them is already invited, declared a conflict, voted on this "
    "revision, left the Reviewers group or has no room under their limit."
)
