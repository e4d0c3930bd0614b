"""What changed between two revisions of an article, line by line, for the people deciding."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .content import REFERENCE_FIELDS
from .models import CONTENT_FIELDS, Reference, Revision


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed", "context" or "hunk"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: list[DiffLine]


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
    """Each content field that changed, and the references, as unified-diff lines."""
    changed = []
    for name in CONTENT_FIELDS:
        before, after = getattr(old, name) or "", getattr(new, name) or ""
        if before != after:
            label = Revision._meta.get_field(name).verbose_name
            changed.append(
                FieldDiff(label.capitalize(), _diff(before.splitlines(), after.splitlines()))
            )
    before, after = _reference_lines(old_references), _reference_lines(new_references)
    if before != after:
        changed.append(FieldDiff("References", _diff(before, after)))
    return changed
