"""What the author changed against the live (published) version, word by word: lines are
matched first, then the words of each changed stretch, so a long body costs little."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from articles.content import REFERENCE_FIELDS
from articles.diff import COMPARED_FIELDS, VERSION_OF, Changes, label_of, versions_apart
from articles.models import Reference, Revision

WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    pieces: list[Piece]
    version: str = ""  # the version of the body it is, if it is one


def _words(old: str, new: str) -> list[Piece]:
    a, b = WORDS.findall(old), WORDS.findall(new)
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return pieces


NO_CHANGES = Changes([], [], [])


def word_diff(old: str, new: str) -> list[Piece]:
    """The new text as pieces kept, removed and added."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
        else:
            pieces.extend(_words("".join(a[i1:i2]), "".join(b[j1:j2])))
    return pieces


def _reference_text(references: Iterable[Reference]) -> str:
    lines = []
    for ref in sorted(references, key=lambda r: r.position):
        details = ", ".join(
            f"{name}: {getattr(ref, name)}"
            for name in REFERENCE_FIELDS
            if name not in ("position", "title") and getattr(ref, name) not in ("", None)
        )
        lines.append(f"[{ref.position}] {ref.title} ({details})\n")
    return "".join(lines)


def changes_since(
    live: Revision,
    draft: Revision,
    live_references: Iterable[Reference],
    draft_references: Iterable[Reference],
) -> Changes[FieldChange]:
    """Each content field and version of the body that differs from the live version, and
    the references."""
    changes = []
    for name in COMPARED_FIELDS:
        before, after = getattr(live, name) or "", getattr(draft, name) or ""
        if before != after:
            changes.append(
                FieldChange(label_of(name), word_diff(before, after), VERSION_OF.get(name, ""))
            )
    before, after = _reference_text(live_references), _reference_text(draft_references)
    if before != after:
        changes.append(FieldChange("References", word_diff(before, after)))
    return versions_apart(changes, unchanged=FieldChange(label_of("body"), [], "general"))
