"""The structure of a PR/FAQ body, found in one pass over its lines without a Markdown parser.

The press release is the text before the first FAQ heading; each FAQ heading opens a section
(external, internal, or unspecified), and the headings below it are its questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
# A link's optional title runs to its own closing quote, not to the next `)`: `](x "` repeated
# would make every link scan to the end of the line (quadratic).
_LINK_END = re.compile(r">?(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?\s*+\)")
_HAS_WORD = re.compile(r"[^\W_]")
_NOT_A_WORD = re.compile(r"\s[^\w\s]+(?=\s)")
_FENCE_STARTS = frozenset(" `~")
_HEADING_STARTS = frozenset(" #")
_FAQ_WORDS = re.compile(r"\b(faqs?|frequently asked questions|questions and answers|q&a)\b", re.I)
_EXTERNAL = re.compile(r"\b(external|customer|public)\b", re.I)
_INTERNAL = re.compile(r"\b(internal|stakeholder|business)\b", re.I)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Question:
    heading: Heading
    answer_words: int
    #: "external", "internal" or "faq": the kind of FAQ section it stands in.
    section: str


@dataclass(frozen=True, slots=True)
class Link:
    target: str
    line: int
    col: int


@dataclass(slots=True)
class BodyStructure:
    headings: list[Heading] = field(default_factory=list)
    faq_sections: list[tuple[Heading, str]] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    press_release: str = ""
    press_release_line: int = 1
    words: int = 0
    press_release_words: int = 0
    first_paragraph: str = ""
    #: The body opens with a level-1 heading of its own (the headline).
    leading_h1: Heading | None = None


def faq_kind(text: str) -> str | None:
    """`external`, `internal` or `faq` for an FAQ heading; None for any other heading."""
    lower = text.lower()
    if "faq" not in lower and "question" not in lower and "q&a" not in lower:
        return None  # the common case, decided without a regex
    if not _FAQ_WORDS.search(text):
        return None
    if _INTERNAL.search(text):
        return "internal"
    if _EXTERNAL.search(text):
        return "external"
    return "faq"


def has_word(text: str) -> bool:
    """Whether `text` holds a word: the same as `count_words(text) > 0`, without counting."""
    return _HAS_WORD.search(text) is not None


def count_words(text: str) -> int:
    """Words as `wc -w` counts them, less tokens without a letter or digit (list marks, pipes)."""
    return len(text.split()) - len(_NOT_A_WORD.findall(f" {text} "))


def _heading_text(text: str) -> str:
    """A heading's text without its closing `#`s, if any (in code: a regex for it backtracks badly)."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        text = bare
    return text.strip()


def _links(line: str, number: int) -> list[Link]:
    """The targets of `[text](target)` links in a line. Each search resumes where the last one
    stopped, so a line of many unclosed `](` takes linear time, not quadratic as one regex does."""
    links: list[Link] = []
    end = line.rfind(")") + 1
    pos = 0
    while (head := _LINK.search(line, pos, end)) is not None:
        tail = _LINK_END.match(line, head.end(), end)
        if tail is not None:
            links.append(Link(head.group(1), number, head.start(1) + 1))
            pos = tail.end()
        else:  # every `](` before where this one stopped fails too, but one just before it may not
            pos = max(head.end() - 2, head.start() + 1)
    return links


def _plain(line: str) -> str:
    """Strip the commonest inline Markdown so a summary reads as text."""
    line = re.sub(r"!?\[([^\[\]]*)\]\([^)\[]*\)", r"\1", line)
    return re.sub(r"[*_`]+", "", line).strip()


def analyse(body: str, first_line: int) -> BodyStructure:
    """Read headings, FAQ sections, questions, links and word counts from a Markdown body."""
    result = BodyStructure(press_release_line=first_line)
    lines = body.split("\n")
    fence: str | None = None
    in_faq = False
    section_kind = "faq"
    section_level = 0
    press_lines: list[str] = []
    #: Prose lines (no headings, no code) after the press release, and of the press release.
    text_lines: list[str] = []
    press_text: list[str] = []
    paragraph: list[str] = []
    paragraph_done = False
    # The open question: its heading and the words seen under it so far.
    open_question: Heading | None = None
    open_words = 0
    open_section = "faq"

    def close_question(next_level: int | None) -> None:
        nonlocal open_question
        if open_question is None:
            return
        # A heading followed directly by a deeper heading is a group, not an unanswered question.
        if open_words == 0 and next_level is not None and next_level > open_question.level:
            open_question = None
            return
        result.questions.append(Question(open_question, open_words, open_section))
        open_question = None

    for offset, line in enumerate(lines):
        number = first_line + offset
        first = line[:1]
        fence_match = _FENCE.match(line) if first in _FENCE_STARTS else None
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            if open_question is not None:
                open_words += 1  # a code block is an answer too
            continue
        heading = _HEADING.match(line) if first in _HEADING_STARTS else None
        if heading:
            level = len(heading.group(1))
            text = _heading_text(heading.group(2))
            item = Heading(level, text, number, line.index("#") + 1)
            result.headings.append(item)
            if not paragraph_done and paragraph:
                paragraph_done = True
            if len(result.headings) == 1 and level == 1 and not press_lines_have_text(press_lines):
                result.leading_h1 = item
            kind = faq_kind(text)
            if kind is not None:
                close_question(None)
                in_faq = True
                section_kind, section_level = kind, level
                result.faq_sections.append((item, kind))
                continue
            if in_faq:
                if level <= section_level:
                    close_question(None)
                    in_faq = False
                else:
                    close_question(level)
                    open_question, open_words, open_section = item, 0, section_kind
                    continue
            if not in_faq and not result.faq_sections:
                press_lines.append(text)
            continue
        if result.faq_sections:
            text_lines.append(line)
        if "](" in line:
            result.links.extend(_links(line, number))
        if open_question is not None and not open_words and has_word(line):
            open_words = 1
        if not result.faq_sections:
            press_lines.append(line)
            press_text.append(line)
        if not paragraph_done:
            if line.strip():
                paragraph.append(_plain(line))
            elif paragraph:
                paragraph_done = True
    close_question(None)
    # Counted once each: the press release, and the prose after it (the body is their sum).
    result.press_release_words = count_words("\n".join(press_text))
    result.words = result.press_release_words + count_words("\n".join(text_lines))
    result.press_release = "\n".join(press_lines)
    result.first_paragraph = " ".join(p for p in paragraph if p)
    return result


def press_lines_have_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)
