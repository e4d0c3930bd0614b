"""The preview is the public page's own rendering: for a published revision, the workspace's
preview of its contents is, byte for byte, the article element of the page readers get; for
a draft, the public renderer's output with the citation check that submitting applies."""

from __future__ import annotations

from articles.models import Revision
from editorial import selectors
from workspace import preview


def _article_element(page: str) -> str:
    return page[page.index("<article>") : page.index("</article>") + len("</article>")]


def test_the_preview_of_a_published_revision_is_its_public_article(workflow, client):
    published = workflow.published()
    revision = Revision.objects.select_related("article__specialty").get(pk=published.pk)
    references = list(revision.references.order_by("position"))
    public = client.get(f"/articles/{revision.article.slug}/").content.decode()

    shown = preview.article_part(
        revision.article, revision, references, selectors.review_credit_list(revision)
    )

    assert shown == _article_element(public)
    assert 'href="#ref-1" class="citation"' in shown


def test_a_drafts_preview_renders_its_unsaved_text_as_the_public_page_would(workflow):
    draft = workflow.draft(references=2)
    fields = {
        "title": "Preview title",
        "summary": "Short summary.",
        "body": "## Dose\n\nTake it daily [1]. <script>alert(1)</script> See [2-3].",
    }
    references = [
        {
            "kind": "guideline",
            "title": f"Ref {n}",
            "source": "NICE",
            "year": 2024,
            "doi": "",
            "pmid": "",
            "url": "",
        }
        for n in (1, 2)
    ]

    shown = preview.preview(draft.article, fields, references)

    assert shown.html.startswith("<article>")
    assert "<h1>Preview title</h1>" in shown.html
    assert "<h2>Dose</h2>" in shown.html
    assert "<script>" not in shown.html
    assert '<a href="#ref-1" class="citation">1</a>' in shown.html
    assert (shown.unresolved, shown.uncited) == ([3], [])


def test_the_citation_check_names_unresolved_citations_and_uncited_references(workflow):
    draft = workflow.draft(references=1)
    references = [
        {
            "kind": "other",
            "title": f"Ref {n}",
            "source": "",
            "year": None,
            "doi": "",
            "pmid": "",
            "url": "",
        }
        for n in (1, 2, 3)
    ]
    shown = preview.preview(draft.article, {"body": "One [1], five [5], range [6-7]."}, references)
    assert shown.unresolved == [5, 6, 7]
    assert shown.uncited == [2, 3]
    assert not shown.clean
