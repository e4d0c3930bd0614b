"""The Markdown parser for authors' bodies: CommonMark with tables, in time linear in the body.

markdown-it-py finds where a link's text ends by walking forward from its `[`, asking at each
character which token starts there; asking at a `[` runs every inline rule and starts a walk of
its own, up to the nesting limit (20) deep. The answers are memoised, but every walk steps
through them one at a time, so a run of `[` costs some twenty steps and two passes of all the
inline rules per character; and it reads a link destination a character at a time up to 32 `(`
deep, so in a run of `[a](` every `[` rereads the next hundred-odd characters. This parser gives
the same HTML as markdown-it's own, with four changes for speed alone:

- `[` and `![` go first to the link and image rules, as no other rule starts with them, and
  if those fail the character is text, as the tokenizer would conclude after trying them all;
- a label that nothing after it could close (no `](`, or if the body defines references no
  `]`) is refused without a walk;
- a label walk hops over stretches that earlier walks have stepped through;
- a destination is read by a regular expression, a stretch at a time.

Parsing also runs with the cyclic garbage collector paused (`collector_paused`), as the tokens
of a long body cost the collector as much as the parse.
"""

from __future__ import annotations

import gc
import re
import threading
from types import SimpleNamespace

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as markdown_it_image
from markdown_it.rules_inline.link import link as markdown_it_link

# Deeper than this, markdown-it reads `(` in a link destination as the end of the link.
MAX_DESTINATION_PARENS = 32

# Characters a bare destination passes over, then up to 33 `(` with such characters between:
# one more `(` than a destination may open, so one match always settles the limit.
_PLAIN = r"[^\x00-\x20\x7f\\()]"
_DESTINATION_STRETCH = re.compile(rf"(?:{_PLAIN}*+\(){{0,{MAX_DESTINATION_PARENS + 1}}}{_PLAIN}*+")


class _Links:
    """What the link rules have learnt about one inline state's text."""

    __slots__ = ("hops", "last_close")

    def __init__(self, state: StateInline) -> None:
        # Without references, a link or an image is [text](destination): its label ends at `](`.
        closing = "]" if "references" in state.env else "]("
        self.last_close = state.src.rfind(closing)
        # Position -> (the next position a label walk must look at, the literal `[` between).
        self.hops: dict[int, tuple[int, int]] = {}

    @classmethod
    def of(cls, state: StateInline) -> _Links:
        links = getattr(state, "_links", None)
        if links is None:
            links = state._links = cls(state)
        return links

    def learn(self, passed: list[tuple[int, int]], end: int, opened: int) -> None:
        for position, opened_before in passed:
            self.hops[position] = (end, opened - opened_before)


def link_or_image(state: StateInline, silent: bool) -> bool:
    """markdown-it's link and image rules, for `[` and `!` alone: a label that could not be
    closed is refused at once, and a `[` or `!` that starts no link or image is text."""
    char = state.src[state.pos]
    if char == "[":
        rule, label_start = markdown_it_link, state.pos
    elif char == "!":
        rule, label_start = markdown_it_image, state.pos + 1
    else:
        return False
    if _Links.of(state).last_close > label_start and rule(state, silent):
        return True
    if not silent:
        state.append_pending(char)
    state.pos += 1
    return True


def parse_link_label(state: StateInline, start: int, disable_nested: bool = False) -> int:
    """Where the label opened by the `[` at `start` ends, or -1: markdown-it's parseLinkLabel,
    hopping over what earlier walks stepped through. A hop covers only positions whose token
    is already known and that hold neither `]` nor a `[` opening a token of its own."""
    links = _Links.of(state)
    src, known, skip_token = state.src, state.cache, state.md.inline.skipToken
    old_pos, pos, level = state.pos, start + 1, 1
    passed: list[tuple[int, int]] = []  # since the last `]` or token-opening `[`
    opened = 0
    end = -1
    while pos < state.posMax:
        hop = links.hops.get(pos)
        if hop is not None:
            passed.append((pos, opened))
            pos, count = hop
            opened += count
            level += count
            continue
        marker = src[pos]
        if marker == "]":
            level -= 1
            if level == 0:
                end = pos
                break
        after = known.get(pos)
        if after is None:
            state.pos = pos
            skip_token(state)
            after = state.pos
        if marker == "]" or (marker == "[" and after != pos + 1):
            links.learn(passed, pos, opened)
            passed, opened = [], 0
            if marker == "[" and disable_nested:
                break
        else:
            passed.append((pos, opened))
            if marker == "[":
                opened += 1
                level += 1
        pos = after
    else:
        links.learn(passed, pos, opened)
    state.pos = old_pos
    return end


class _Destination:
    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool = False, pos: int = 0, text: str = "") -> None:
        self.ok, self.pos, self.str = ok, pos, text


def parse_link_destination(string: str, pos: int, maximum: int) -> _Destination:
    """markdown-it's parseLinkDestination, reading the bare form a stretch at a time."""
    if string[pos : pos + 1] == "<":
        return parseLinkDestination(string, pos, maximum)
    start, level = pos, 0
    while pos < maximum:
        stretch_end = _DESTINATION_STRETCH.match(string, pos, maximum).end()
        level += string.count("(", pos, stretch_end)
        if level > MAX_DESTINATION_PARENS:
            return _Destination()
        pos = stretch_end
        if pos >= maximum:
            break
        char = string[pos]
        if char == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
        elif char == "\\":
            pos += 1
        elif char == ")" and level > 0:
            level -= 1
            pos += 1
        else:  # a space, a control character, or the `)` that closes the link
            break
    if pos == start or level != 0:
        return _Destination()
    return _Destination(ok=True, pos=pos, text=unescapeAll(string[start:pos]))


def commonmark_with_tables() -> MarkdownIt:
    """CommonMark with tables; raw HTML passes through, for nh3 to keep or drop."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.inline.ruler.disable(["link", "image"])
    md.inline.ruler.before("text", "link_or_image", link_or_image)
    md.helpers = SimpleNamespace(
        parseLinkLabel=parse_link_label,
        parseLinkDestination=parse_link_destination,
        parseLinkTitle=parseLinkTitle,
    )
    return md


class _CollectorPause:
    """Pauses CPython's cyclic garbage collector while any thread is parsing a body.

    A 200 KB body parses into up to some 200,000 tokens, all alive until the HTML is written.
    Each time survivors grow the heap by a quarter, the collector scans the whole heap, which
    for a long table took as long as the parsing itself. Tokens hold no reference cycles, so
    reference counting frees them all once the HTML is written; a test checks that parsing
    leaves no cyclic garbage. A collector paused by someone else stays paused."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parsing = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._parsing == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._parsing += 1

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._parsing -= 1
            if self._parsing == 0 and self._resume:
                gc.enable()


collector_paused = _CollectorPause()
