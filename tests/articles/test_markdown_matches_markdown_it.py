"""The body parser is only faster than markdown-it-py: for any body, its HTML is markdown-it's."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from articles.markdown import MAX_DESTINATION_PARENS, commonmark_with_tables

MARKDOWN_IT = MarkdownIt("commonmark", {"html": True}).enable("table")
PARSER = commonmark_with_tables()
DEEP = MAX_DESTINATION_PARENS

TRICKY_BODIES = [
    "Lower your dose [1], or see [1, 3] and [2-4].",
    "[NHS page](https://www.nhs.uk/) and ![chart](/c.png 'Blood pressure')",
    "[a [b] c](/u) [[a](/u)](/v) ![[a](/u)](/i) [a](/u(b)c) [a](/u (title)) [a](<b c>)",
    "[[[[]]]() [[a]]() [a]](/u) [a]] [[a]](/u)",
    "![](/i.png)",
    "[](/u)",
    "[a](b\\ c) [a](b\\)c) [a](b\\(c) [a](\\) [a](b\x01) [a](b\x7f) [a]( /u ) [a](\n/u\n)",
    "\\[a](/u) [a\\](/u) [a]\\(/u) `[a](/u)` [`]`](/u) [<b title=']'>](/u) [a](/u`)`",
    "[a](" + "(" * DEEP + ")" * DEEP + ")",
    "[a](" + "(" * (DEEP + 1) + ")" * (DEEP + 1) + ")",
    "[a](" + "x(" * DEEP + ")" * DEEP + ")",
    "[a](" + "(\\)" * (DEEP + 1) + ")",
    "[foo] [foo][] [foo][bar] [bar][foo] ![foo] [[foo]]\n\n[foo]: /url 'T'\n[bar]: /b",
    "[" * 19 + "foo]()",
    "[" * 20 + "foo]()",
    "[" * 21 + "foo]()",
    "[" * 25 + "a](/u)" + "]" * 25,
    "[" * 25 + "a](/u)\n\n[a]: /r",
    "| [a](/u) | [1] |\n|---|---|\n| [ | ]( |\n| ![ | x](y) |",
    "*a [b* c](/u) **d [e** f](/u)*",
    "[" * 3000,
    "[1" * 2000,
    "[a](" * 1000,
    "![" * 1500,
    "[" * 3000 + "]",
    "[" * 3000 + "](",
    "[a]: /r\n\n" + "[" * 3000 + "]",
    ("[" * 99 + "]") * 30,
    "[[a]](" * 600,
]


@pytest.mark.parametrize("body", TRICKY_BODIES)
def test_a_tricky_body_renders_as_markdown_it_renders_it(body):
    assert PARSER.render(body) == MARKDOWN_IT.render(body)


PIECES = [
    "[", "[", "[", "]", "](", "(", ")", "((", "))", "!", "![", "`", "<", ">", "*", "_", "\\",
    " ", "a", "1", "[1]", "[a](", "\n", "\n\n", '"', "'", "(x)", "<b>", "\\(", "\\)", "\\ ",
    "\t", "\x01", "<x y='['>", "http://a.b", "[r]", "[r][r]", "[r]:", "\n[r]: /u\n", "|",
    "\n|-|-|\n", "&amp;", "é",
]  # fmt: skip

bodies = st.tuples(
    st.sampled_from(["", "[r]: /ref\n\n"]),
    st.sampled_from(["", "[" * 18, "[" * 21, "(" * DEEP]),
    st.lists(st.sampled_from(PIECES), max_size=60),
).map(lambda parts: parts[0] + parts[1] + "".join(parts[2]))


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(bodies)
def test_any_mix_of_brackets_renders_as_markdown_it_renders_it(body):
    assert PARSER.render(body) == MARKDOWN_IT.render(body)
