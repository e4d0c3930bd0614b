"""The preview: a draft rendered by the public page's own renderer and template (the article
part of articles/article_detail.html, through articles.renderings), the citation check
that submitting applies (articles.content.check_citations), and the checks the board will
read (articles.checks: evidence findings and reading levels)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from articles import content, renderings
from articles.checks import checks_view, revision_checks
from articles.models import CONTENT_FIELDS, Article, Reference, Revision
from articles.renderings import ReviewCredit
from editorial.selectors.history import public_history


@dataclass(frozen=True)
class Preview:
    html: SafeString
    unresolved: list[int]  # cited numbers that name no reference
    uncited: list[int]  # references the body never cites
    checks: dict  # evidence findings and reading levels, as the board will read them

    @property
    def clean(self) -> bool:
        return not self.unresolved and not self.uncited


def article_part(
    article: Article,
    revision: Revision,
    references: Sequence[Reference],
    reviewed_by: Sequence[ReviewCredit] = (),
) -> str:
    """The article element exactly as the public page renders it for these contents."""
    body_html = content.render_body(revision.body, [r.position for r in references])
    # The article's public record so far, as its page shows it (nothing of this draft).
    history = public_history(article) if article.pk else []
    data = renderings.detail_data(article, revision, references, reviewed_by, body_html, history)
    updated = renderings.last_updated(history) or revision.published_at
    return renderings.article_part(
        renderings.page_context(
            article, revision, data, reviewed_by, body_html, history=history, updated=updated
        )
    )


def preview(article: Article, fields: dict[str, str], references: Sequence[dict]) -> Preview:
    """Unsaved contents (the form's), previewed: nothing is written."""
    revision = Revision(
        article=article,
        drafting=fields.get("drafting") or "human",
        **{f: fields.get(f) or "" for f in CONTENT_FIELDS},
    )
    built = [Reference(position=n, **data) for n, data in enumerate(references, start=1)]
    report = content.check_citations(revision.body, (r.position for r in built))
    html = article_part(article, revision, built)
    return Preview(
        html=mark_safe(html),  # noqa: S308 - the public renderer's output, sanitised by nh3
        unresolved=report.unresolved,
        uncited=report.uncited,
        checks=checks_view(revision_checks(revision, built)),
    )
