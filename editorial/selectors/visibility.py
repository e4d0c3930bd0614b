"""What each user may see, one selector per model, shared by the admin and the API.

The rules are policy's (its *_scope filters, the queryset twins of its can_* predicates);
these only apply them, so an admin list and an API list never disagree.
"""

from __future__ import annotations

from django.db.models import QuerySet

from articles.models import Article, Revision
from reviewers.models import AssignmentState, ReReviewState, ReviewAssignment

from .. import policy
from ..models import ApiToken, AuditEvent, BoardVote
from ..policy import User


def article_list(user: User) -> QuerySet[Article]:
    """Every article for those who oversee; otherwise the user's own."""
    return Article.objects.filter(policy.articles_scope(user))


def revision_list(user: User) -> QuerySet[Revision]:
    """Every revision for those who oversee; otherwise the author's own and the reviewer's
    assigned ones."""
    return Revision.objects.filter(policy.revisions_scope(user))


def assignment_list(user: User) -> QuerySet[ReviewAssignment]:
    """Every assignment of articles the user did not write, for those who oversee; a
    reviewer's own; nothing of the review record of the user's own articles."""
    return ReviewAssignment.objects.filter(policy.assignments_scope(user))


def vote_list(user: User) -> QuerySet[BoardVote]:
    return BoardVote.objects.filter(policy.review_record_scope(user, "revision__article"))


def audit_event_list(user: User) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(policy.review_record_scope(user, "article"))


def api_token_list(user: User, *, own: bool = False) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first; for an administrator (unless `own`), everyone's,
    so a leaked one can be stopped. Never the keys: only their hashes are stored."""
    tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-pk")
    if own or not policy.is_superuser(user):
        tokens = tokens.filter(user_id=user.pk)
    return tokens


def review_blinded_list(revision: Revision) -> list[tuple[str, ReviewAssignment]]:
    """The completed reviews in the order they came in, each labelled "Reviewer n" as the
    author reads them (the same numbering in the admin and the API). Reads
    revision.assignments.all(), so a prefetched revision costs no query."""
    completed = sorted(
        (
            a
            for a in revision.assignments.all()
            if a.state == AssignmentState.COMPLETED
            # A re-review's findings reach the author once the board has closed it.
            and (a.rereview_id is None or a.rereview.state != ReReviewState.OPEN)
        ),
        key=lambda a: (a.completed_at, a.pk),
    )
    return [(f"Reviewer {n}", a) for n, a in enumerate(completed, start=1)]
