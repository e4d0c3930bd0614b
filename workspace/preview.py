"""The preview: a draft rendered by the public page's own renderer and template (the article
part of articles/article_detail.html, through articles.renderings), each audience's version
of the body beside it, the citation check that submitting applies to every version
(articles.content.check_versions), and the checks the board will read (articles.checks:
evidence findings and reading levels)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from articles import content, renderings
from articles.checks import checks_view, revision_checks
from articles.models import (
    AUDIENCE_BODY_FIELDS,
    AUDIENCE_READERS,
    CONTENT_FIELDS,
    Article,
    Reference,
    Revision,
)
from articles.renderings import ReviewCredit
from editorial.selectors.history import public_history


@dataclass(frozen=True)
class Version:
    """One version of the body as readers will see it: for everyone ("general") or for an
    audience, with the citations in it that name no reference."""

    audience: str
    readers: str
    html: SafeString
    unresolved: list[int]

    @property
    def field(self) -> str:
        return "body" if self.audience == "general" else f"body_{self.audience}"


@dataclass(frozen=True)
class Preview:
    html: SafeString
    unresolved: list[int]  # cited numbers in the body that name no reference
    uncited: list[int]  # references no version of the body cites
    checks: dict  # evidence findings and reading levels, as the board will read them
    versions: list[Version] = ()  # the body and each audience's version, when there is one

    @property
    def version_problems(self) -> list[Version]:
        """The audience versions with citations that name no reference."""
        return [v for v in self.versions if v.audience != "general" and v.unresolved]

    @property
    def clean(self) -> bool:
        return not self.unresolved and not self.uncited and not self.version_problems


def versions_side_by_side(revision: Revision, references: Sequence[Reference]) -> list[Version]:
    """The body beside each audience's own version, rendered as the public page renders them;
    empty when the revision has no audience version (the body alone is the article)."""
    if not revision.audience_bodies:
        return []
    positions = [r.position for r in references]
    report = content.check_versions(content.version_texts(revision), positions)
    return [
        Version(
            audience=audience,
            readers=AUDIENCE_READERS[audience],
            html=mark_safe(content.render_body(text, positions)),  # noqa: S308 - nh3-sanitised
            unresolved=report.unresolved.get(audience, []),
        )
        for audience, text in content.version_texts(revision).items()
    ]


def article_part(
    article: Article,
    revision: Revision,
    references: Sequence[Reference],
    reviewed_by: Sequence[ReviewCredit] = (),
) -> str:
    """The article element exactly as the public page renders it for these contents."""
    positions = [r.position for r in references]
    body_html = content.render_body(revision.body, positions)
    audience_html = content.render_audience_bodies(revision, positions)
    # The article's public record so far, as its page shows it (nothing of this draft).
    history = public_history(article) if article.pk else []
    data = renderings.detail_data(
        article, revision, references, reviewed_by, body_html, history, audience_html
    )
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
        **{f: fields.get(f) or "" for f in (*CONTENT_FIELDS, *AUDIENCE_BODY_FIELDS)},
    )
    built = [Reference(position=n, **data) for n, data in enumerate(references, start=1)]
    report = content.check_versions(content.version_texts(revision), (r.position for r in built))
    html = article_part(article, revision, built)
    return Preview(
        html=mark_safe(html),  # noqa: S308 - the public renderer's output, sanitised by nh3
        unresolved=report.unresolved.get("general", []),
        uncited=report.uncited,
        checks=checks_view(revision_checks(revision, built)),
        versions=versions_side_by_side(revision, built),
    )
