"""The structure of a PR/FAQ body, found in one pass over its lines without a Markdown parser.

The press release is the text before the first FAQ heading; each FAQ heading opens a section
(external, internal, or unspecified), and the headings below it are its questions.
"""

from __future__ import annotations

import operator
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

#: Levels of nesting a body may hold: lists, block quotes, indented blocks under them, and HTML
#: blocks whose Markdown is read (`markdown="1"`). Python-Markdown recurses for each level and
#: stops the build with RecursionError at a few hundred; no PR/FAQ needs more than a handful.
NESTING_LIMIT = 20
#: The block quote marks that open a line, each one a level (as Python-Markdown reads them).
_QUOTE_MARKS = re.compile(r"(?: {0,3}> ?)++")
_LIST_MARK = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
#: An HTML tag asking for its content to be read as Markdown (the md_in_html extension).
_MARKDOWN_TAG = re.compile(r"<[A-Za-z][\w-]*+\s[^<>]*?\bmarkdown\b")
_CLOSING_TAG = re.compile(r"</[A-Za-z]")
#: The first characters of a line that can be nested: any other line is at depth `html`.
_NESTING_STARTS = frozenset(" \t>-*+<0123456789")


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
    #: The deepest nesting of a line (see `nesting`), and where the first line past
    #: NESTING_LIMIT starts (line, column), if one is.
    depth: int = 0
    too_deep: tuple[int, int] | None = None


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


def nesting(line: str, html: int = 0) -> tuple[int, int]:
    """How deep `line` is nested, as Python-Markdown reads it, and where its content starts.

    Each leading `>` is a level, each 4 columns of indentation after them another, a list mark
    one more, and `html` counts the open HTML blocks read as Markdown around the line. Linear in
    the line: the measure for a body that would make the converter recurse too deep.
    """
    quotes = _QUOTE_MARKS.match(line)
    at = quotes.end() if quotes else 0
    depth = html + (line.count(">", 0, at) if at else 0)
    rest = line[at:]
    content = rest.lstrip(" \t")
    indent = len(rest) - len(content)
    if indent:
        head = rest[:indent]
        depth += len(head.expandtabs(4) if "\t" in head else head) // 4
    if _LIST_MARK.match(content):
        depth += 1
    return depth, at + indent + 1


_PLAIN_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^)\[]*\)")
_PLAIN_MARKS = re.compile(r"[*_`]+")
#: A link's text (`match[1]`), taken in C: a template (`\1`) is expanded in Python for each link.
_LINK_TEXT = operator.itemgetter(1)


def _plain(line: str) -> str:
    """Strip the commonest inline Markdown so a summary reads as text."""
    line = _PLAIN_LINK.sub(_LINK_TEXT, line)
    return _PLAIN_MARKS.sub("", line).strip()


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
    # HTML blocks open around the line whose content is read as Markdown.
    html = 0

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
        if first in _NESTING_STARTS and first:
            # Code blocks too: where the site has no fenced-code extension, a fence is text and
            # what it holds is read as Markdown; code indented 80 columns deep is rare.
            html = _nest(result, line, number, html)
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


def _nest(result: BodyStructure, line: str, number: int, html: int) -> int:
    """Measure how deep a line is nested (see `nesting`) into `result`; the open HTML blocks after it."""
    depth, col = nesting(line, html)
    if "<" in line:
        html = max(0, html + len(_MARKDOWN_TAG.findall(line)) - len(_CLOSING_TAG.findall(line)))
        depth = max(depth, html)  # the block it opens holds the lines below
    if depth > result.depth:
        result.depth = depth
        if depth > NESTING_LIMIT and result.too_deep is None:
            result.too_deep = (number, col)
    return html


def press_lines_have_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)
