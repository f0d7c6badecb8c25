"""The structure of a PR/FAQ body, read from the scanner's outline (`scan.scan`).

The press release is the text before the first FAQ heading; each FAQ heading opens a section
(external, internal, or unspecified), and the headings below it are its questions. Code blocks
and HTML comments are not text: a `## FAQ` in a comment is no FAQ section, as on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .scan import CODE, COMMENT, Block, Heading, Link, Outline, link_targets, plain, scan

__all__ = [
    "EXTERNAL_WORDS",
    "INTERNAL_WORDS",
    "NESTING_LIMIT",
    "BodyStructure",
    "Heading",
    "Link",
    "Question",
    "analyse",
    "count_words",
    "faq_kind",
    "has_word",
    "nesting",
    "surely_at_most",
]

_HAS_WORD = re.compile(r"[^\W_]")
_NOT_A_WORD = re.compile(r"\s[^\w\s]+(?=\s)")
_FAQ_WORDS = re.compile(r"\b(faqs?|frequently asked questions|questions and answers|q&a)\b", re.I)
#: The words that make an FAQ heading the external part, or the internal one.
EXTERNAL_WORDS = ("external", "customer", "public")
INTERNAL_WORDS = ("internal", "stakeholder", "business")
_EXTERNAL = re.compile(rf"\b({'|'.join(EXTERNAL_WORDS)})\b", re.I)
_INTERNAL = re.compile(rf"\b({'|'.join(INTERNAL_WORDS)})\b", re.I)

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
class Question:
    heading: Heading
    answer_words: int
    #: "external", "internal" or "faq": the kind of FAQ section it stands in.
    section: str


@dataclass(slots=True)
class BodyStructure:
    headings: list[Heading] = field(default_factory=list)
    faq_sections: list[tuple[Heading, str]] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    press_release_line: int = 1
    first_paragraph: str = ""
    #: The body opens with a level-1 heading of its own (the headline).
    leading_h1: Heading | None = None
    #: The deepest nesting of a line (see `nesting`), and where the first line past
    #: NESTING_LIMIT starts (line, column), if one is.
    depth: int = 0
    too_deep: tuple[int, int] | None = None
    #: The scanner's reading of the body, which the writing rules read again (None: not analysed).
    outline: Outline | None = None
    #: The text lines of the press release and of the rest (the lines of `outline`, not copies).
    #: Their words are counted when first asked for: most checks need only know that they are
    #: under a limit (`words_over`), which a count of spaces tells (a first check of 10,000
    #: documents spent a tenth of its time counting words).
    press_lines: list[str] = field(default_factory=list, repr=False)
    other_lines: list[str] = field(default_factory=list, repr=False)
    _press_words: int | None = field(default=None, repr=False, compare=False)
    _other_words: int | None = field(default=None, repr=False, compare=False)

    @property
    def press_release_words(self) -> int:
        """The press release's words (see `count_words`)."""
        if self._press_words is None:
            self._press_words = count_words("\n".join(self.press_lines))
        return self._press_words

    @property
    def words(self) -> int:
        """The body's words: the press release's and the rest's."""
        if self._other_words is None:
            self._other_words = count_words("\n".join(self.other_lines))
        return self.press_release_words + self._other_words

    def press_release_over(self, limit: int) -> bool:
        """Whether the press release has more than `limit` words (`press_release_words > limit`)."""
        if self._press_words is None and surely_at_most("\n".join(self.press_lines), limit):
            return False
        return self.press_release_words > limit

    def words_over(self, limit: int) -> bool:
        """Whether the body has more than `limit` words (`words > limit`)."""
        if self._other_words is None and surely_at_most("\n".join([*self.press_lines, *self.other_lines]), limit):
            return False
        return self.words > limit


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


#: What `str.split` splits ASCII text at besides spaces, tabs and line ends.
_OTHER_ASCII_SPACES = "\v\f\r\x1c\x1d\x1e\x1f"


def surely_at_most(text: str, words: int) -> bool:
    """Whether `text` holds no more than `words` words (`count_words(text) <= words`), told without
    counting when a count of the spaces shows it: words are parted by white space, so there are no
    more of them than spaces, tabs and line ends plus one. False when it may hold more."""
    if text.isascii() and not any(space in text for space in _OTHER_ASCII_SPACES):
        return text.count(" ") + text.count("\n") + text.count("\t") < words
    return len(text.split()) <= words


def count_words(text: str) -> int:
    """Words as `wc -w` counts them, less tokens without a letter or digit (list marks, pipes)."""
    return len(text.split()) - len(_NOT_A_WORD.findall(f" {text} "))


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


def analyse(body: str, first_line: int) -> BodyStructure:
    """Read headings, FAQ sections, questions, links and word counts from a Markdown body."""
    outline = scan(body, first_line)
    result = BodyStructure(headings=outline.headings, press_release_line=first_line, outline=outline)
    _depth(result, body, first_line)
    _Sections(result).read(outline)
    _text(result, outline)
    return result


def _is_text(part: Heading | Block) -> bool:
    """Whether `part` is text a reader reads: not a heading, code block or comment."""
    return isinstance(part, Block) and part.kind != CODE and part.kind != COMMENT


class _Sections:
    """FAQ sections and their questions, from the headings and what stands under each."""

    def __init__(self, result: BodyStructure) -> None:
        self.result = result
        self.in_faq = False
        self.kind = "faq"
        self.level = 0
        # The open question: its heading and whether an answer has been seen under it.
        self.question: Heading | None = None
        self.answered = 0
        self.section = "faq"
        self.text_seen = False

    def read(self, outline: Outline) -> None:
        for part in outline.parts:
            if isinstance(part, Heading):
                self.heading(part)
            elif part.kind == CODE:
                self.answered = self.answered or int(self.question is not None)  # a code block is an answer too
            elif part.kind != COMMENT:
                self.text(part)
        self.close(None)

    def text(self, block: Block) -> None:
        if not self.text_seen:
            self.text_seen = any(line.strip() for line in block.texts)
        if self.question is not None and not self.answered and any(map(has_word, block.texts)):
            self.answered = 1

    def close(self, next_level: int | None) -> None:
        question = self.question
        if question is None:
            return
        self.question = None
        # A heading followed directly by a deeper heading is a group, not an unanswered question.
        if not self.answered and next_level is not None and next_level > question.level:
            return
        self.result.questions.append(Question(question, self.answered, self.section))

    def heading(self, heading: Heading) -> None:
        result = self.result
        if heading is result.headings[0] and heading.level == 1 and not self.text_seen:
            result.leading_h1 = heading
        kind = faq_kind(heading.text)
        if kind is not None:
            self.close(None)
            self.in_faq, self.kind, self.level = True, kind, heading.level
            result.faq_sections.append((heading, kind))
        elif self.in_faq and heading.level <= self.level:
            self.close(None)
            self.in_faq = False
        elif self.in_faq:
            self.close(heading.level)
            self.question, self.answered, self.section = heading, 0, self.kind


def _text(result: BodyStructure, outline: Outline) -> None:
    """Word counts, links and the first paragraph, from the text outside headings and code."""
    press: list[str] = []
    after: list[str] = []
    lines = press
    first_faq = result.faq_sections[0][0] if result.faq_sections else None
    paragraph: list[str] = []
    end = 0  # 0 before the first paragraph; then the line after its last, while it may go on; -1 after it
    for part in outline.parts:
        if part is first_faq:
            lines = after
        if not isinstance(part, Block) or not _is_text(part):
            end = -1 if end else 0
            continue
        texts = part.texts
        lines.extend(texts)
        for offset, line in enumerate(texts):
            if "](" in line:
                result.links.extend(link_targets(line, part.line + offset))
        if end == 0 or part.line == end:
            paragraph.extend(plain(line) for line in texts)
            end = part.line + len(texts)
        elif end > 0:
            end = -1
    # Counted when asked for: the press release, and the prose after it (the body is their sum).
    result.press_lines, result.other_lines = press, after
    result.first_paragraph = " ".join(p for p in paragraph if p)


def _depth(result: BodyStructure, body: str, first_line: int) -> None:
    """How deep the body's lines are nested (see `nesting`), code and comments included: where
    the site has no fenced-code extension, a fence is text and what it holds is read as Markdown."""
    html = 0
    for offset, line in enumerate(body.split("\n")):
        first = line[:1]
        if not first or first not in _NESTING_STARTS:
            continue
        depth, col = nesting(line, html)
        if "<" in line:
            html = max(0, html + len(_MARKDOWN_TAG.findall(line)) - len(_CLOSING_TAG.findall(line)))
            depth = max(depth, html)  # the block it opens holds the lines below
        if depth > result.depth:
            result.depth = depth
            if depth > NESTING_LIMIT and result.too_deep is None:
                result.too_deep = (first_line + offset, col)
