"""The prose of a body as the writing rules read it: paragraphs and list items, each labelled
with the part of the PR/FAQ it stands in, their Markdown blanked out column for column.

Blocks come from the scanner's outline (`scan.scan`), so every offset still points at the
source. Headings, code, comments, raw HTML, tables, link targets and images are never prose.
The word-level rules (weasel words, future tense, acronyms) also skip quotations and block
quotes: a customer may say "will", the author may not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..body import faq_kind, has_word
from ..model import Document
from ..scan import PROSE, Heading, blank_all, blank_spans, mask_inline, scan, spaces
from ..scan import Block as Lines
from .wordlists import builtin_abbreviations

__all__ = ["QUOTES", "Block", "Prose", "read_prose", "sentences"]

# Possessive quantifiers (`*+`) wherever two runs could share characters: a line of spaces
# would otherwise be split between them in every possible way (quadratic time).
_TABLE_RULE = re.compile(r"^\s*+\|?+\s*+:?+-{3,}+:?+\s*+(?:\|\s*+:?+-{3,}+:?+\s*+)*+\|?+\s*+$")
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*\s*(?:—|–|--)\s*"
    r"(?:[^—–\n]{0,40}?\s*(?:—|–|--)\s*)?"
)
#: Quotations, each with the substring without which it cannot match.
QUOTES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"“[^”]*(?:”|$)"), ("“",)),
    (re.compile(r'"[^"]*(?:"|$)'), ('"',)),
    # Up to the next opening quote at most: on a run of `‘` each would scan 300 characters.
    (re.compile(r"(?<!\w)‘[^‘]{0,300}?’(?!\w)"), ("‘",)),
    (re.compile(r"(?<![\w'])'[^'\n]{1,200}?'(?![\w'])"), ("'",)),
)


@dataclass(slots=True)
class Block:
    """A paragraph or list item of prose, its markup replaced by spaces column for column."""

    #: "press", "external", "internal", "faq" (an FAQ section of no stated kind) or "other".
    section: str
    #: Source line numbers of the block's lines, and where each starts in the texts below.
    lines: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    #: Prose with markup blanked: what sentences, lengths and readability are measured on.
    text: str = ""
    #: `text` with quotations blanked too: what word-level rules scan.
    unquoted: str = ""
    #: `unquoted` with link texts blanked too: what the acronym rule scans.
    bare: str = ""
    #: Whether the block holds a link (a call to action may be one): found while blanking them.
    has_link: bool = False
    blockquote: bool = False
    list_item: bool = False
    _spans: list[tuple[int, int]] | None = field(default=None, repr=False)

    def sentence_spans(self) -> list[tuple[int, int]]:
        """The spans of the block's sentences in `text`, found once for every rule that needs them."""
        if self._spans is None:
            self._spans = sentences(self.text)
        return self._spans

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.offsets, offset) - 1
        return self.lines[index], offset - self.offsets[index] + 1


@dataclass(slots=True)
class Prose:
    blocks: list[Block]
    #: Acronyms defined with the abbreviation extension (`*[SLA]: Service-level agreement`).
    abbreviations: set[str]
    #: Heading texts with their line numbers (never scanned, but may spell out an acronym).
    headings: list[tuple[int, str]]


def read_prose(doc: Document) -> Prose:
    """The body's prose blocks, each labelled with the part of the PR/FAQ it stands in."""
    outline = doc.structure.outline or scan(doc.body, doc.body_line)
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    seen_faq = False
    section = "press"
    section_level = 0
    for part in outline.parts:
        if isinstance(part, Heading):
            headings.append((part.line, part.text))
            kind = faq_kind(part.text)
            if kind is not None:
                seen_faq = True
                section, section_level = kind, part.level
            elif seen_faq and section != "other" and part.level <= section_level:
                section = "other"
        elif part.kind == PROSE and (block := _block(part, section)) is not None:
            blocks.append(block)
    return Prose(blocks, outline.abbreviations, headings)


def _block(lines: Lines, section: str) -> Block | None:
    """The prose of a paragraph or list item, or None for a table or a block without text."""
    texts = lines.prose_lines()
    if any("|" in t and (_TABLE_RULE.match(t) or t.lstrip().startswith("|")) for t in texts):
        return None  # a table: cells are not sentences
    offsets: list[int] = []
    at = 0
    for text in texts:
        offsets.append(at)
        at += len(text) + 1
    text, link_texts, has_link = mask_inline("\n".join(texts))
    if section == "press":
        dateline = _DATELINE.match(text)
        if dateline:
            text = spaces(text[: dateline.end()]) + text[dateline.end() :]
    if not text.strip():
        return None
    unquoted = text if not lines.quote else spaces(text)
    for pattern, triggers in QUOTES:
        unquoted = blank_all(unquoted, pattern, triggers)
    bare = blank_spans(unquoted, sorted(link_texts))
    numbers = list(range(lines.line, lines.line + len(texts)))
    return Block(section, numbers, offsets, text, unquoted, bare, has_link, lines.quote, lines.item)


# -- sentences -------------------------------------------------------------------------------------
#: The end of a sentence: a stop (with closing quotes or brackets) followed by the end of the
#: text, or by a space and a capital or digit (perhaps after an opening quote or bracket).
#: A stop starts only where a run of stops starts, and its runs are possessive: on a run of `!?.`
#: that no capital follows, each position would otherwise rescan the rest of the run (quadratic).
#: The same matches, since what follows a shorter run is a stop or a closer, never a space.
#: The pattern opens with the stop and looks behind it after: a pattern that opens with a
#: look-behind is tried at every character, one that opens with a character class only where
#: that character is (a third of the time on prose, measured).
_STOP = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*+[\"”’')\]]*+(?=\s++[\"“‘'(\[]*+[A-Z0-9]|\s*+\Z)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in a block's text; spans holding no word are left out."""
    abbreviations = builtin_abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _STOP.finditer(text):
        stop = match.start()
        if text[stop] == ".":
            # The word before the stop (an abbreviation is short: 40 characters hold it whole).
            before = text[max(start, stop - 40) : stop].split()
            word = before[-1].lstrip("\"“‘'(").lower() if before else ""
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        end = match.end()
        _add_span(spans, text[start:end], end)
        start = end
    _add_span(spans, text[start:], len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], chunk: str, end: int) -> None:
    """Add the span of `chunk` (which ends at `end`) without its leading space, if it holds a word."""
    stripped = chunk.lstrip()
    # A sentence starts with a letter or digit, nearly always: `has_word` only for the others.
    if stripped[:1].isalnum() or has_word(stripped):
        spans.append((end - len(stripped), end))
