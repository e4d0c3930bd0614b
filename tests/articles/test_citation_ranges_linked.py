"""A citation range [1-3] (or with an en dash) or list [1, 3] links each reference it names, in the
stored rendering the board reads and on the public page and JSON; rendering is not content,
so the content hash the board approved is unchanged by it."""

from __future__ import annotations

import pytest

from articles import content
from articles.content import render_body


def links(html: str) -> list[str]:
    return [part.split('"')[0] for part in html.split('href="#ref-')[1:]]


@pytest.mark.parametrize("marker", ["[1-3]", "[1\u20133]", "[1 - 3]", "[1, 2, 3]", "[1,2-3]"])
def test_a_range_or_list_links_every_reference_it_names(marker):
    html = render_body(f"Lower targets help {marker}.", [1, 2, 3])

    assert links(html) == ["1", "2", "3"]
    assert '<sup class="citation">[<a href="#ref-1" class="citation">1</a>, ' in html


def test_a_list_links_only_the_numbers_it_names_and_leaves_unknown_ones_as_text():
    html = render_body("See [1, 3] and [4].", [1, 2, 3])

    assert links(html) == ["1", "3"]
    assert '<sup class="citation">[4]</sup>' in html


def test_a_citation_in_code_is_not_linked():
    assert links(render_body("Write `[1-2]` to cite.", [1, 2])) == []


def test_the_public_page_and_json_link_each_reference_and_keep_the_approved_hash(workflow, client):
    draft = workflow.draft(body="Diet [1-3] and exercise [1, 3] help.", references=3)
    published = workflow.published(draft)
    slug = published.article.slug

    page = client.get(f"/articles/{slug}/").content.decode()
    data = client.get(f"/api/v1/public/articles/{slug}/").json()

    for shown in (page, data["body_html"], published.body_html):
        assert links(shown.split("</sup>")[0] + "</sup>") == ["1", "2", "3"]
    assert published.content_hash == content.content_hash(published, published.references.all())
