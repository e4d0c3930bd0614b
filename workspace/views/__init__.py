"""The workspace's pages: an author's articles (`articles`) and their drafts (`drafts`); a
reviewer's invitations and reviews (`reviews`) and the links that open them (`links`); a
reviewer's or board member's public profile (`profile`)."""

from .articles import article_detail, article_new, article_next, home
from .drafts import revision_edit, revision_preview, revision_submit, revision_withdraw
from .links import link_ask_new, link_open
from .profile import public_profile
from .reviews import (
    review,
    review_confirm,
    review_done,
    review_draft,
    review_invitation,
    reviews,
)

__all__ = [
    "article_detail",
    "article_new",
    "article_next",
    "home",
    "link_ask_new",
    "link_open",
    "public_profile",
    "review",
    "review_confirm",
    "review_done",
    "review_draft",
    "review_invitation",
    "reviews",
    "revision_edit",
    "revision_preview",
    "revision_submit",
    "revision_withdraw",
]
