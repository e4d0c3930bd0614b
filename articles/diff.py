"""What changed between two revisions of an article, line by line and word by word, for the
people deciding; the changes to the body and to each audience's version of it are kept
apart, to be laid side by side."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .content import REFERENCE_FIELDS
from .models import AUDIENCE_BODY_FIELDS, CONTENT_FIELDS, Reference, Revision

# The fields compared, and the version of the body each is ("general": the text for everyone).
COMPARED_FIELDS = (*CONTENT_FIELDS, *AUDIENCE_BODY_FIELDS)
VERSION_OF = {"body": "general", **{f: f.removeprefix("body_") for f in AUDIENCE_BODY_FIELDS}}

Change = TypeVar("Change")


def label_of(name: str) -> str:
    return str(Revision._meta.get_field(name).verbose_name).capitalize()


@dataclass(frozen=True)
class Changes(Generic[Change]):
    """What changed, in order, the versions of the body gathered to lay side by side (the
    body's first): the changes before them, the versions, and those after (the references)."""

    before: list[Change]
    versions: list[Change]
    after: list[Change]

    def __bool__(self) -> bool:
        return bool(self.before or self.versions or self.after)


def versions_apart(changes: list[Change], *, unchanged: Change) -> Changes[Change]:
    """The changes laid out (Changes), `unchanged` standing for the body when only an
    audience's version changed."""
    at = next((i for i, c in enumerate(changes) if c.version), len(changes))
    versions = [c for c in changes if c.version]
    rest = [c for c in changes if not c.version]
    if versions and versions[0].version != "general":
        versions.insert(0, unchanged)
    return Changes(rest[:at], versions, rest[at:])


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "context" or "hunk"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: list[DiffLine]
    version: str = ""  # the version of the body it is, if it is one


def _reference_lines(references: Iterable[Reference]) -> list[str]:
    lines = []
    for ref in sorted(references, key=lambda r: r.position):
        details = ", ".join(
            f"{name}: {getattr(ref, name)}"
            for name in REFERENCE_FIELDS
            if name not in ("position", "title") and getattr(ref, name) not in ("", None)
        )
        lines.append(f"[{ref.position}] {ref.title} ({details})")
    return lines


def _diff(old: list[str], new: list[str]) -> list[DiffLine]:
    lines = []
    for line in difflib.unified_diff(old, new, lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(DiffLine("hunk", line))
        elif line.startswith("+"):
            lines.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine("removed", line[1:]))
        else:
            lines.append(DiffLine("context", line[1:]))
    return lines


def revision_diff(
    old: Revision,
    new: Revision,
    old_references: Iterable[Reference],
    new_references: Iterable[Reference],
) -> list[FieldDiff]:
    """Each content field that changed, each version of the body, and the references, as
    unified-diff lines."""
    changed = []
    for name in COMPARED_FIELDS:
        before, after = getattr(old, name) or "", getattr(new, name) or ""
        if before != after:
            lines = _diff(before.splitlines(), after.splitlines())
            changed.append(FieldDiff(label_of(name), lines, VERSION_OF.get(name, "")))
    before, after = _reference_lines(old_references), _reference_lines(new_references)
    if before != after:
        changed.append(FieldDiff("References", _diff(before, after)))
    return changed


# -- word by word, for the board: what a change does to the text readers have now ----------
TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")
# Unchanged runs longer than this many words are shortened to their two ends.
CONTEXT_WORDS = 12


@dataclass(frozen=True)
class Span:
    kind: str  # "same", "added", "removed" or "skipped"
    text: str


@dataclass(frozen=True)
class WordDiff:
    label: str
    spans: list[Span]
    version: str = ""  # the version of the body it is, if it is one


def _shorten(text: str) -> list[Span]:
    tokens = TOKEN_RE.findall(text)
    words = [t for t in tokens if not t.isspace()]
    if len(words) <= 2 * CONTEXT_WORDS:
        return [Span("same", text)]
    head = "".join(tokens[: 2 * CONTEXT_WORDS])
    tail = "".join(tokens[-2 * CONTEXT_WORDS :])
    return [Span("same", head), Span("skipped", " … "), Span("same", tail)]


def word_diff(old: str, new: str) -> list[Span]:
    """The new text against the old, word by word: unchanged runs, deletions and insertions."""
    before, after = TOKEN_RE.findall(old or ""), TOKEN_RE.findall(new or "")
    spans: list[Span] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            spans += _shorten("".join(before[a1:a2]))
            continue
        if a2 > a1:
            spans.append(Span("removed", "".join(before[a1:a2])))
        if b2 > b1:
            spans.append(Span("added", "".join(after[b1:b2])))
    return spans


def revision_word_diff(
    old: Revision,
    new: Revision,
    old_references: Iterable[Reference],
    new_references: Iterable[Reference],
) -> list[WordDiff]:
    """Each content field that changed, each version of the body, and the references, word
    by word."""
    changed = []
    for name in COMPARED_FIELDS:
        before, after = getattr(old, name) or "", getattr(new, name) or ""
        if before != after:
            changed.append(
                WordDiff(label_of(name), word_diff(before, after), VERSION_OF.get(name, ""))
            )
    before = "\n".join(_reference_lines(old_references))
    after = "\n".join(_reference_lines(new_references))
    if before != after:
        changed.append(WordDiff("References", word_diff(before, after)))
    return changed
