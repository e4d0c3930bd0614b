"""What an action that cannot be undone will do, in words, for its confirmation page: who is
told, what readers see, and that there is no way back. The admin asks for this page before
it acts (`Button.confirm`); a POST that did not come from it changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from articles.models import Revision, RevisionState

from .. import workflow

CONFIRMED = "confirmed"  # the hidden field only the confirmation page sends


def _people(revision: Revision, action: str) -> str:
    told = workflow.recipients(action, revision)
    names = [person.get_full_name() or person.get_username() for person in told]
    return ", ".join(names) or "no one"


def _public_url(revision: Revision) -> str:
    path = reverse("public-article-page", args=[revision.article.slug])
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _live(revision: Revision) -> Revision | None:
    live = revision.article.live_revision
    return live if live is not None and live.pk != revision.pk else None


def publish(revision: Revision) -> list[str]:
    live = _live(revision)
    replaces = (
        f"It replaces revision {live.number}, which stays in the page's history."
        if live is not None and live.state == RevisionState.PUBLISHED
        else "It becomes the article's first public version."
    )
    return [
        f"Every reader sees this revision at {_public_url(revision)} at once, with its "
        f"reviewers and dates, in the article list, the feeds and the public API. {replaces}",
        f"Told by e-mail: {_people(revision, 'publish')} (the author).",
        "This cannot be undone. Once published, the text can only be retracted by the board, "
        "with a reason every reader sees, or replaced by a later revision after its own review.",
    ]


def unpublish(revision: Revision) -> list[str]:
    return [
        f"The article leaves the public list, feeds and API. Its page at "
        f"{_public_url(revision)} says it was retracted, with today's date and the reason you "
        "give below, to every reader.",
        f"Told by e-mail, with the reason: {_people(revision, 'unpublish')} (the author).",
        "This cannot be undone. The article comes back only as a new revision that reinstates "
        "it, after a full review and the board's approval.",
    ]


def reject(revision: Revision) -> list[str]:
    live = _live(revision)
    public = (
        f"Readers keep seeing the live revision {live.number} unchanged."
        if live is not None and live.state == RevisionState.PUBLISHED
        else "Readers see nothing of it: it was never public."
    )
    return [
        "The revision is rejected at once: its review ends, whatever the other board members "
        f"would have voted. {public}",
        f"Told by e-mail, with your comment: {_people(revision, 'reject')} (the author), who "
        "then reads the blinded reviews.",
        "This cannot be undone. The author may only start a new revision, which is reviewed "
        "from the beginning.",
    ]
