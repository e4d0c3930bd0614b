"""How hard a revision's texts are to read: the body (audience "general") and, for each
audience, the version of the body written for it or, where there is none, its summary,
measured with textstat on plain text, beside the publisher's target grade for that audience
(settings EDITORIAL["READING_TARGETS"]). Missing a target is a warning for the board, never
a refusal.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.conf import settings

from .content import CITATION_RE, sanitised_html
from .models import Revision

# The texts measured, by audience, the first written of each: the body is what everyone
# reads ("general"); an audience reads its own version of the body where there is one.
MEASURED_FIELDS = {
    "general": ("body",),
    "patient": ("body_patient", "summary_patient"),
    "caregiver": ("body_caregiver", "summary_caregiver"),
    "clinician": ("body_clinician", "summary_clinician"),
}
MEASURED_TEXT_FIELDS = tuple(f for fields in MEASURED_FIELDS.values() for f in fields)
# A section under one of these headings is the reference list, not prose to read.
REFERENCE_HEADINGS = frozenset({"references", "bibliography", "sources", "citations"})
BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote"})
HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _PlainText(HTMLParser):
    """The words of sanitised HTML, one block at a time; a block without a closing stop (a
    heading, a list item) gets one, so it does not run into the next sentence."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._pre = 0
        self._skip_below: int | None = None  # inside a reference list under this heading level

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "pre":
            self._pre += 1
        level = HEADINGS.get(tag)
        if level is not None and self._skip_below is not None and level <= self._skip_below:
            self._skip_below = None
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        level = HEADINGS.get(tag)
        if level is not None:
            heading = " ".join(self._current).strip(" .:").lower()
            if heading in REFERENCE_HEADINGS:
                self._current, self._skip_below = [], level
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._pre and self._skip_below is None:
            self._current.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        text = re.sub(r" ([.,;:!?])", r"\1", text)  # where a citation stood before a stop
        self._current = []
        if text:
            self.blocks.append(text if text[-1] in ".!?:;" else f"{text}.")


def plain_text(markdown: str) -> str:
    """The prose of an author's Markdown: no markup, citations, code or reference list."""
    if not markdown.strip():
        return ""
    parser = _PlainText()
    parser.feed(sanitised_html(CITATION_RE.sub("", markdown)))
    parser.close()
    parser._flush()
    return " ".join(parser.blocks)


def reading_targets() -> dict[str, float | None]:
    """The highest grade level wanted for each audience (None: no target)."""
    return dict(settings.EDITORIAL["READING_TARGETS"])


def measure(text: str) -> dict[str, Any] | None:
    """Flesch reading ease, Flesch-Kincaid grade, words per sentence and the average word
    length of plain text; None for no words."""
    import textstat  # loads its pronouncing dictionary on first use: only when measuring

    words = textstat.lexicon_count(text)
    if not words:
        return None
    return {
        "flesch_reading_ease": round(textstat.flesch_reading_ease(text), 1),
        "grade": round(textstat.flesch_kincaid_grade(text), 1),
        "words_per_sentence": round(textstat.words_per_sentence(text), 1),
        "syllables_per_word": round(textstat.avg_syllables_per_word(text), 2),
        "letters_per_word": round(textstat.avg_letter_per_word(text), 2),
        "words": words,
        "sentences": textstat.sentence_count(text),
    }


def reading_levels(revision: Revision) -> dict[str, dict[str, Any]]:
    """The figures of each text the revision has, by audience, beside its target."""
    targets = reading_targets()
    levels = {}
    for audience, fields in MEASURED_FIELDS.items():
        field = next((f for f in fields if (getattr(revision, f) or "").strip()), None)
        figures = measure(plain_text(getattr(revision, field))) if field else None
        if figures is None:
            continue
        target = targets.get(audience)
        levels[audience] = {
            "text": field,
            **figures,
            "target_grade": target,
            "meets_target": None if target is None else figures["grade"] <= target,
        }
    return levels
