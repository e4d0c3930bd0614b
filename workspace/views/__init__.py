"""The workspace's pages: an author's articles (`articles`) and their drafts (`drafts`)."""

from .articles import article_detail, article_new, article_next, home
from .drafts import revision_edit, revision_preview, revision_submit, revision_withdraw

__all__ = [
    "article_detail",
    "article_new",
    "article_next",
    "home",
    "revision_edit",
    "revision_preview",
    "revision_submit",
    "revision_withdraw",
]
