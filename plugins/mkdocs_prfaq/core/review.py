"""`prfaq review`: one document's writing report, for a terminal or a pipe.

Word counts against the two limits of the format (a one-page press release, a six-page whole),
the reading time, the press release's readability, then every finding of the file with its line
and handbook link.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .check import check_files, named_files
from .findings import Finding, Severity, printable
from .lengths import DOCUMENT_WORDS, PRESS_RELEASE_WORDS
from .model import Document
from .rules.writing import MIN_READING_EASE, READABILITY_MIN_WORDS, Readability, press_release_readability
from .settings import Settings

__all__ = ["LEFT_OUT", "SIX_PAGE_WORDS", "WORDS_PER_MINUTE", "Review", "format_review", "review_files", "reviewable"]

#: Six pages: the whole PR/FAQ, press release included, appendices aside (core/lengths.py).
SIX_PAGE_WORDS = DOCUMENT_WORDS
WORDS_PER_MINUTE = 230


@dataclass(slots=True)
class Review:
    path: str
    document: Document | None
    findings: list[Finding]
    readability: Readability | None

    @property
    def reading_minutes(self) -> int:
        words = self.document.structure.words if self.document else 0
        return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


#: Why a file given to `prfaq review` is not reviewed.
LEFT_OUT = (
    "not a PR/FAQ; the catalog leaves it out (a README, a name that starts with `_` or `.`, an editor's"
    " backup, or the teams or tags file)"
)


def reviewable(settings: Settings, given: Sequence[str]) -> tuple[list[Path], list[str]]:
    """The files of `given` to review, and those the catalog leaves out (a README, `_notes.md`,
    the teams file), which a check of them names nothing about either."""
    kept = set(named_files(settings, given)[1])  # the files named one by one and not left out
    return [Path(name) for name in given if Path(name) in kept], [name for name in given if Path(name) not in kept]


def review_files(settings: Settings, paths: Sequence[Path]) -> list[Review]:
    """One review per file, from one check of them all (the writing rules run on each, whatever
    its status: the author asked)."""
    result = check_files(settings, paths)
    documents = {d.path: d for d in result.documents}
    reviews = []
    for shown in dict.fromkeys(result.named):  # a file named twice is reviewed once
        doc = documents.get(shown)
        findings = [f for f in result.findings if f.path == shown]
        reviews.append(Review(shown, doc, findings, press_release_readability(doc) if doc else None))
    return reviews


_STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_LINK = re.compile(r" \(handbook: ([^()\s]+)\)$")


def _paint(text: str, style: str, color: bool) -> str:
    return f"\033[{_STYLES[style]}m{text}\033[0m" if color else text


def _ease_label(score: float) -> str:
    for floor, label in ((80, "easy"), (60, "plain English"), (50, "fairly hard"), (30, "hard")):
        if score >= floor:
            return label
    return "very hard"


def format_review(review: Review, *, color: bool = False) -> str:
    lines: list[str] = []
    doc = review.document
    if doc is not None:
        heading = printable(f"{doc.id or '?'}  {doc.title}")
        lines.append(_paint(heading, "bold", color) + printable(f"  ({doc.status or 'no status'})"))
    lines.append(printable(review.path))
    lines.append("")
    if doc is not None:
        s = doc.structure

        def against(words: int, limit: int, what: str) -> str:
            verdict = _paint("ok", "green", color) if words <= limit else _paint("over", "yellow", color)
            return f"{words:,} words of {limit:,} ({what}): {verdict}"

        lines.append(f"  Press release   {against(s.press_release_words, PRESS_RELEASE_WORDS, 'one page')}")
        lines.append(f"  Whole document  {against(s.words, SIX_PAGE_WORDS, 'six pages')}")
        lines.append(f"  Reading time    about {review.reading_minutes} min at {WORDS_PER_MINUTE} words a minute")
        ease = review.readability
        if ease is not None and ease.words:
            score = ease.reading_ease
            judged = ease.words >= READABILITY_MIN_WORDS
            style = "green" if score >= MIN_READING_EASE or not judged else "yellow"
            shown = _paint(f"{score:.0f}", style, color)
            rule = (
                f"below {MIN_READING_EASE:.0f} is flagged"
                if judged
                else f"not judged under {READABILITY_MIN_WORDS} words of text"
            )
            lines.append(
                f"  Readability     Flesch reading ease {shown} ({_ease_label(score)}; the press release, "
                f"{ease.words / max(ease.sentences, 1):.0f} words a sentence; {rule})"
            )
        else:
            lines.append("  Readability     not scored: the press release has no prose")
        lines.append("")
    count = len(review.findings)
    lines.append(_paint(f"{count} finding{'s' * (count != 1)}" if count else "No findings", "bold", color))
    for f in review.findings:
        severity = _paint(f"{f.severity.value:<7}", "red" if f.severity is Severity.ERROR else "yellow", color)
        message, link = f.message, ""
        match = _LINK.search(message)
        if match:
            message, link = message[: match.start()], match.group(1)
        lines.append(f"  line {f.line:<4} {severity} {_paint(f.rule, 'cyan', color)}: {printable(message)}")
        if link:
            lines.append("             " + _paint(f"handbook: {link}", "dim", color))
    return "\n".join(lines)
