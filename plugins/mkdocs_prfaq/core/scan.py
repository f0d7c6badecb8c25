"""The one Markdown scanner: a body's headings and blocks, read line by line without a parser.

Python-Markdown (with the extensions a MkDocs site commonly enables) is the reference: a
heading here is a heading of the page's table of contents, with the same text, in the same
order (a test compares them on every fixture and example). The scanner reads the block
structure only, in one pass and in linear time on any input:

* headings: `#` at the start of a line (no space needed, closing `#`s dropped even without one,
  as Python-Markdown does: `## Why C#` reads "Why C"), also after `>`, list marks and in the
  4-column indented content of a list item or a `!!!`/`???`/`===` block; and setext headings
  (a first line over `===` or `---`);
* code: fenced (``` or ~~~), indented by 4 columns after a blank line, and `$$` math;
* multi-line HTML comments and raw HTML blocks (never headings, never prose);
* everything else, as blocks of consecutive lines: paragraphs and list items (prose), and
  single lines that are not prose (thematic breaks, link and abbreviation definitions, the
  openers of admonitions).

Inline helpers below blank markup column for column, so an offset in the result still points
at the source: code spans, links, images, tags, comments and emphasis.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "CODE",
    "COMMENT",
    "HTML",
    "OTHER",
    "PROSE",
    "Block",
    "Heading",
    "Link",
    "Outline",
    "blank_all",
    "blank_code_spans",
    "blank_spans",
    "code_spans",
    "heading_text",
    "inline_text",
    "link_targets",
    "mask_inline",
    "plain",
    "position",
    "scan",
    "spaces",
    "unescape",
    "without_code",
]

#: Block kinds.
PROSE = "prose"
CODE = "code"
COMMENT = "comment"
HTML = "html"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    #: The heading's Markdown, without its `#` marks, closing `#`s and `{: attributes}`.
    text: str
    line: int
    col: int


@dataclass(slots=True)
class Block:
    """Consecutive source lines of one kind; for prose, a paragraph or list item."""

    kind: str
    #: The source line number of the first line.
    line: int
    #: The lines as written.
    texts: list[str] = field(default_factory=list)
    #: For each line, how many columns of block marks (`>`, `- `, `1. `, `[^1]: `) open it.
    marks: list[int] = field(default_factory=list)
    quote: bool = False
    item: bool = False

    def prose_lines(self) -> list[str]:
        """The lines with their block marks made spaces, columns kept."""
        return [" " * mark + text[mark:] if mark else text for text, mark in zip(self.texts, self.marks, strict=True)]


@dataclass(slots=True)
class Outline:
    """A body's headings and blocks in document order (`parts`), blank lines left out."""

    parts: list[Heading | Block] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    #: Terms defined with the abbreviation extension (`*[SLA]: Service-level agreement`).
    abbreviations: set[str] = field(default_factory=set)


# -- block patterns -------------------------------------------------------------------------------
_FENCE = re.compile(r"[ \t]*+(`{3,}|~{3,})")
_MATH = re.compile(r"\s*\$\$\s*$")
_LIST_ITEM = re.compile(r"(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+\[[ xX]\])?(?:\s+|$)")
_QUOTE_MARK = re.compile(r"(?:\s*>)+\s?")
_THEMATIC = re.compile(r" {0,3}([-*_])(\s*\1){2,}\s*$")
_SETEXT = re.compile(r"(?:=+|-+) *$")
_CONTAINER = re.compile(r"\s*(?:!!!|\?\?\?\+?|===)\s")
_REF_DEF = re.compile(r" {0,3}\[[^\]^]+\]:\s*\S")
_ABBR_DEF = re.compile(r" {0,3}\*\[([^\]]+)\]:")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^[^\]]+\]:\s?")
_DEF_MARK = re.compile(r" {0,3}:\s{1,4}")
#: An HTML block element opening a line, its content raw unless it asks for Markdown.
_HTML_OPEN = re.compile(
    r"<(address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer|form|header|hr|"
    r"main|nav|ol|p|pre|section|table|ul|video|audio|canvas|iframe|noscript|script|style)(?=[\s>/])([^<>]*+)>?",
    re.IGNORECASE,
)
_MARKDOWN_ATTRIBUTE = re.compile(r"\bmarkdown\b", re.IGNORECASE)
#: `{: #id .class }` closing a heading (attr_list): not the heading's text.
_ATTRIBUTES = re.compile(r"[ ]+\{:?[ ]*[^\}\n ][^\n]*\}[ ]*$")


def heading_text(rest: str) -> str:
    """A hash heading's text from what follows its opening `#`s, as Python-Markdown reads it.

    The closing run of `#` goes, space before it or not (`C#` reads `C`), unless a backslash
    escapes its first `#`; then surrounding white space, then an attribute list.
    """
    bare = rest.rstrip("#")
    if bare != rest:
        slashes = len(bare) - len(bare.rstrip("\\"))
        if slashes % 2:
            bare += "#"
    text = bare.strip()
    if text.endswith("}") and "{" in text:
        text = _ATTRIBUTES.sub("", text)
    return text


def _hash_heading(content: str, number: int, col: int) -> Heading:
    level = len(content) - len(content.lstrip("#"))
    if level > 6:
        level = 6
    return Heading(level, heading_text(content[level:]), number, col)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4) if "\t" in line else line
    return len(expanded) - len(expanded.lstrip(" "))


@dataclass(slots=True)
class _State:
    """What the lines read so far leave open."""

    outline: Outline
    current: Block | None = None
    fence: str | None = None
    fence_indent: int = 0
    comment: bool = False
    math: bool = False
    #: A fence, comment, math or raw HTML block is open: lines go to `_inside`.
    inside: bool = False
    #: The raw HTML element open (lower case) and how many of it are open.
    html: str | None = None
    html_depth: int = 0
    code: bool = False
    previous_blank: bool = True
    #: The previous line ended a block (blank, heading, code): a setext heading may start.
    block_start: bool = True
    #: What the last unindented line opened: "list" or "container" (their content is indented).
    context: str | None = None
    #: Whether the line being read starts a block, and the one-line block it started, if any:
    #: the text of a setext heading when the next line underlines it.
    at_start: bool = True
    fresh: Block | None = None

    def close(self) -> None:
        self.current = None

    def start(self, kind: str, number: int, *, quote: bool = False, item: bool = False) -> Block:
        block = Block(kind, number, [], [], quote, item)
        self.outline.parts.append(block)
        self.current = block
        self.fresh = block if self.at_start else None
        return block

    def add(self, kind: str, number: int, text: str, mark: int = 0) -> None:
        block = self.current
        if block is None or block.kind != kind:
            block = self.start(kind, number)
        block.texts.append(text)
        block.marks.append(mark)

    def heading(self, heading: Heading) -> None:
        self.outline.parts.append(heading)
        self.outline.headings.append(heading)
        self.current = None
        self.block_start = True


def scan(body: str, first_line: int = 1) -> Outline:
    """The headings and blocks of a Markdown body whose first line is `first_line`."""
    state = _State(Outline())
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if state.inside:
            _inside(state, line, number)
        elif line[:1].isalpha():
            # Plain prose, the common case: a line that opens with a letter starts nothing below.
            _prose_line(state, line, number)
        elif (not line or line.isspace()) and not state.code:
            state.current = None
            state.previous_blank = state.block_start = True
        else:
            _line(state, line, number)
    return state.outline


def _inside(state: _State, line: str, number: int) -> None:
    """Read `line` into the open code block, comment, math or raw HTML block; close it at its end."""
    if state.fence is not None:
        state.add(CODE, number, line)
        match = _FENCE.match(line)
        fence = match.group(1) if match else ""
        if fence[:1] == state.fence[0] and len(fence) >= len(state.fence) and _indent(line) <= state.fence_indent + 3:
            state.fence = None
            state.inside = False
            state.close()
            state.block_start = True
    elif state.comment:
        state.add(COMMENT, number, line)
        if "-->" in line:
            state.comment = state.inside = False
            state.close()
    elif state.math:
        state.add(CODE, number, line)
        if _MATH.match(line):
            state.math = state.inside = False
            state.close()
    else:
        state.add(HTML, number, line)
        _html_count(state, line)


def _html_count(state: _State, line: str) -> None:
    """Count the raw HTML element's openings and closings in `line`; closed at zero."""
    assert state.html is not None
    lower = line.lower()
    state.html_depth += lower.count("<" + state.html) - lower.count("</" + state.html)
    if state.html_depth <= 0:
        state.html = None
        state.inside = False
        state.close()
        state.block_start = True


def _prose_line(state: _State, line: str, number: int) -> None:
    state.code = False
    state.previous_blank = False
    state.at_start, state.block_start = state.block_start, False
    state.context = None
    current = state.current
    if current is None or current.kind != PROSE or current.quote:
        current = state.start(PROSE, number)
    current.texts.append(line)
    current.marks.append(0)


def _line(state: _State, line: str, number: int) -> None:
    """Any line but plain prose outside code: blank, code, heading, mark or prose."""
    blank = not line.strip()
    if state.code:
        if blank or _indent(line) >= 4:
            state.add(CODE, number, line)
            return
        state.code = False
        state.close()
    if blank:
        state.close()
        state.previous_blank = state.block_start = True
        return
    was_blank, state.previous_blank = state.previous_blank, False
    state.at_start, state.block_start = state.block_start, False
    content = line.lstrip()
    first = content[0]
    if _opens(state, line, content, number):
        return
    indent = _indent(line)
    if indent >= 4 and was_blank and state.context not in ("list", "container") and not _LIST_ITEM.match(line):
        state.close()
        state.code = True
        state.add(CODE, number, line)
        return
    if indent < 4:
        state.context = None
    if first == "#" and (indent == 0 or (state.context is not None and indent % 4 == 0)):
        # At column 0, or in a list item's or admonition's content, 4 columns in.
        state.heading(_hash_heading(content, number, line.index("#") + 1))
        return
    if first in "=-" and _setext(state, line):
        return
    if _single(state, line, first, number):
        return
    _marked(state, line, first, indent, number)


def _opens(state: _State, line: str, content: str, number: int) -> bool:
    """Open a fence, math block, multi-line comment or raw HTML block at `line`, if it opens one."""
    first = content[0]
    if first in "`~":
        match = _FENCE.match(line)
        indent = _indent(line)
        if match is not None and (indent <= 3 or state.context is not None):
            state.close()
            state.fence, state.fence_indent = match.group(1), indent
            state.inside = True
            state.add(CODE, number, line)
            return True
    elif first == "$" and _MATH.match(line):
        state.close()
        state.math = state.inside = True
        state.add(CODE, number, line)
        return True
    elif first == "<":
        if content.startswith("<!--"):
            if "-->" in content:
                return False  # a comment of one line: inline markup, blanked in the prose
            state.close()
            state.comment = state.inside = True
            state.add(COMMENT, number, line)
            return True
        match = _HTML_OPEN.match(line)
        if match is not None and not _MARKDOWN_ATTRIBUTE.search(match.group(2)):
            state.close()
            state.html, state.html_depth = match.group(1).lower(), 0
            state.inside = True
            state.add(HTML, number, line)
            _html_count(state, line)
            return True
    return False


def _setext(state: _State, line: str) -> bool:
    """Make the one-line block above `line` a heading if `line` underlines it (`===`, `---`)."""
    current = state.current
    if current is None or current is not state.fresh or len(current.texts) != 1 or not _SETEXT.match(line):
        return False
    if current.quote or current.item:
        return False
    state.outline.parts.pop()
    text = current.texts[0]
    state.heading(Heading(1 if line[0] == "=" else 2, text.strip(), current.line, _indent(text) + 1))
    return True


def _single(state: _State, line: str, first: str, number: int) -> bool:
    """A line that is a block of its own and no prose: a rule, a definition, an admonition's opener."""
    if (first in "-*_" and _THEMATIC.match(line)) or (first == "[" and _REF_DEF.match(line)):
        pass
    elif first == "*" and (abbreviation := _ABBR_DEF.match(line)):
        state.outline.abbreviations.add(abbreviation.group(1).strip())
    elif first in "!?=" and _CONTAINER.match(line):
        state.context = "container"
    else:
        return False
    state.close()
    state.add(OTHER, number, line)
    state.close()
    state.block_start = first not in "!?="
    return True


def _marked(state: _State, line: str, first: str, indent: int, number: int) -> None:
    """A prose line, perhaps opened by block-quote, list, footnote or definition marks."""
    mark = 0
    quote = _QUOTE_MARK.match(line) if first == ">" else None
    if quote is not None:
        mark = quote.end()
        first = line[mark:].lstrip()[:1]
    item = _LIST_ITEM.match(line, mark) if first in "-*+" or first.isdigit() else None
    footnote = (_FOOTNOTE_DEF.match(line, mark) if first == "[" else None) or (
        _DEF_MARK.match(line, mark) if first == ":" else None
    )
    marker = item or footnote
    if marker is not None:
        mark = marker.end()
    rest = line[mark:]
    if mark and rest.startswith("#"):
        state.heading(_hash_heading(rest, number, mark + 1))
        if item is not None and indent < 4:
            state.context = "list"
        return
    current = state.current
    is_quote = quote is not None
    if marker is not None or current is None or current.kind != PROSE or current.quote != is_quote:
        current = state.start(PROSE, number, quote=is_quote, item=item is not None)
        if item is not None and indent < 4:
            state.context = "list"
    current.texts.append(line)
    current.marks.append(mark)


# -- inline markup ----------------------------------------------------------------------------------
_NOT_NEWLINE = re.compile(r"[^\n]")
_BACKTICKS = re.compile(r"`+")


def spaces(chunk: str) -> str:
    """`chunk` with every character but line ends made a space (a regex only when it spans lines)."""
    return _NOT_NEWLINE.sub(" ", chunk) if "\n" in chunk else " " * len(chunk)


def blank_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with the characters of every span (sorted, not overlapping) blanked, in one copy:
    a copy of the whole text per span is quadratic in a paragraph of many links."""
    if not spans:
        return text
    kept = [text[end:start] for (_, end), (start, _) in zip(((0, 0), *spans), spans, strict=False)]
    blanks = [spaces(text[start:end]) for start, end in spans]
    return "".join([part for pair in zip(kept, blanks, strict=True) for part in pair]) + text[spans[-1][1] :]


def code_spans(text: str) -> list[tuple[int, int]]:
    """CommonMark's code spans: a run of n backticks up to the next run of exactly n.

    In linear time: a lazy regex with a backreference (`(`+)[\\s\\S]*?\\1`) tries every
    shorter opening run against the rest of the text, quadratic on a long run of backticks.
    """
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closing][1]))
        index = closing + 1
    return spans


def blank_code_spans(text: str) -> str:
    """`text` with its code spans blanked, offsets kept."""
    return blank_spans(text, code_spans(text)) if "`" in text else text


def without_code(body: str) -> str:
    """`body` with its code blocks (fenced, indented, math) and code spans blanked, offsets kept."""
    lines = body.split("\n")
    for part in scan(body).parts:
        if isinstance(part, Block) and part.kind == CODE:
            for index in range(part.line - 1, part.line - 1 + len(part.texts)):
                lines[index] = " " * len(lines[index])
    return blank_code_spans("\n".join(lines))


def position(body: str, offset: int, first_line: int) -> tuple[int, int]:
    """The file's line and column of an offset in a body that starts on line `first_line`."""
    start = body.rfind("\n", 0, offset) + 1
    return first_line + body.count("\n", 0, start), offset - start + 1


# -- inline markup blanked in place (the writing rules read prose through it) ---------------------
_COMMENT = re.compile(r"<!--[\s\S]*?(?:-->|$)")
# Link and image texts hold no `[`: on a run of `[`, each attempt stops at the next one instead of
# scanning to the end of the text (quadratic). Nested brackets in a link text are rare in prose.
_IMAGE = re.compile(r"!\[[^\[\]]*\]\((?:[^()]++|\([^()]*+\))*+\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()]++|\([^()]*+\))*+\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][\w+.-]*:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
# Runs start where no run character precedes (not at every `\b` of `a-a-a-...`): linear time.
_BARE_URL = re.compile(r"(?:(?<![\w+.-])[a-zA-Z][\w+.-]*://|\bwww\.)[^\s<>()\"“”]*[^\s<>().,;:!?'\"“”’]")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]]+\]")
_ATTR_LIST = re.compile(r"\{\s*:?\s*[#.][^{}]*\}")
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9a-fA-F]+);")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])")
_EMPHASIS = re.compile(r"\*+|~~|==|(?<!\w)_+|(?<!_)_++(?!\w)")
#: A character (or string) without which no inline markup below can match.
_ANY_MARKUP = re.compile(r"[`<\[{&\\*~=_@]|://|www\.")
#: Substrings without which a pattern cannot match, checked before running it.
_TRIGGERS: dict[re.Pattern[str], tuple[str, ...]] = {
    _COMMENT: ("<!--",),
    _IMAGE: ("![",),
    _AUTOLINK: ("<",),
    _BARE_URL: ("://", "www."),
    _EMAIL: ("@",),
    _TAG: ("<",),
    _FOOTNOTE_REF: ("[^",),
    _ATTR_LIST: ("{",),
    _ENTITY: ("&",),
    _ESCAPE: ("\\",),
    _EMPHASIS: ("*", "~~", "==", "_"),
}


def _spaces_of(match: re.Match[str]) -> str:
    return spaces(match.group(0))


def blank_all(text: str, pattern: re.Pattern[str], triggers: tuple[str, ...] | None = None) -> str:
    """`text` with every match of `pattern` blanked; unscanned when none of `triggers` is in it."""
    triggers = triggers or _TRIGGERS.get(pattern)
    if triggers is not None and not any(t in text for t in triggers):
        return text  # the pattern cannot match: skip the scan (most prose has no markup at all)
    return pattern.sub(_spaces_of, text)


def mask_inline(text: str) -> tuple[str, list[tuple[int, int]], bool]:
    """Blank inline markup; return the text, the spans of link texts, and whether it had a link."""
    if not _ANY_MARKUP.search(text):
        return text, [], False  # plain prose, the common case: one scan instead of fifteen
    text = blank_code_spans(text)
    for pattern in (_COMMENT, _IMAGE):
        text = blank_all(text, pattern)
    link_texts: list[tuple[int, int]] = []
    has_link = False
    for pattern in (_LINK, _REF_LINK) if "[" in text else ():
        found = [(match.start(), match.span(1), match.end()) for match in pattern.finditer(text)]
        if found:
            has_link = True
            link_texts += [inner for _, inner, _ in found]
            text = blank_spans(text, [span for start, (a, b), end in found for span in ((start, a), (b, end))])
    for pattern in (_AUTOLINK, _BARE_URL, _EMAIL):
        if pattern.search(text):
            has_link = has_link or pattern is not _EMAIL
            text = blank_all(text, pattern)
    for pattern in (_TAG, _FOOTNOTE_REF, _ATTR_LIST, _ENTITY, _ESCAPE, _EMPHASIS):
        text = blank_all(text, pattern)
    return text, link_texts, has_link


# -- links and plain text ---------------------------------------------------------------------------
_LINK_HEAD = re.compile(r"\]\(\s*<?([^)\s>]*)")
# A link's optional title runs to its own closing quote, not to the next `)`: `](x "` repeated
# would make every link scan to the end of the line (quadratic).
_LINK_END = re.compile(r">?(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?\s*+\)")


@dataclass(frozen=True, slots=True)
class Link:
    target: str
    line: int
    col: int


def link_targets(line: str, number: int) -> list[Link]:
    """The targets of `[text](target)` links and images in a line. Each search resumes where the
    last one stopped, so a line of many unclosed `](` takes linear time, not quadratic as one regex does."""
    links: list[Link] = []
    end = line.rfind(")") + 1
    pos = 0
    while (head := _LINK_HEAD.search(line, pos, end)) is not None:
        tail = _LINK_END.match(line, head.end(), end)
        if tail is not None:
            links.append(Link(head.group(1), number, head.start(1) + 1))
            pos = tail.end()
        else:  # every `](` before where this one stopped fails too, but one just before it may not
            pos = max(head.end() - 2, head.start() + 1)
    return links


_PLAIN_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^)\[]*\)")
_PLAIN_MARKS = re.compile(r"[*_`]+")
#: A link's text (`match[1]`), taken in C: a template (`\1`) is expanded in Python for each link.
_LINK_TEXT = operator.itemgetter(1)


def plain(line: str) -> str:
    """`line` without the commonest inline Markdown (links and images keep their text), to read as text."""
    line = _PLAIN_LINK.sub(_LINK_TEXT, line)
    return _PLAIN_MARKS.sub("", line).strip()


_SHOWN_LINK = re.compile(r"(!?)\[([^\[\]]*)\](?:\((?:[^()]++|\([^()]*+\))*+\)|\[[^\[\]]*\])")
_HIDDEN = re.compile(r"\[\^[^\[\]]+\]|</?[A-Za-z][^<>]*>")
#: Emphasis by pairs of marks (one, two or three); `_` only at word boundaries. Each try ends at
#: the next mark of its kind: linear time.
_STARS = re.compile(r"(\*{1,3})(?=[^\s*])([^*\n]+?)(?<=\S)\1")
_UNDERSCORES = re.compile(r"(?<!\w)(_{1,3})(?=[^\s_])([^_\n]+?)(?<=\S)\1(?!\w)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """Markdown's backslash escapes (of ASCII punctuation) resolved: `\\#` is `#`."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def _shown_link(match: re.Match[str]) -> str:
    return "" if match.group(1) else match.group(2)


def _shown(text: str) -> str:
    text = _SHOWN_LINK.sub(_shown_link, text) if "[" in text else text
    text = _HIDDEN.sub("", text)
    if "*" in text:
        text = _STARS.sub(r"\2", text)
    if "_" in text:
        text = _UNDERSCORES.sub(r"\2", text)
    return unescape(text)


def inline_text(text: str) -> str:
    """What a reader sees of a line of inline Markdown (as a table of contents shows a heading):
    code spans keep their content, links their text; images, footnote marks, tags, emphasis
    marks and escapes go. Entities are left as written."""
    if "`" not in text:
        return " ".join(_shown(text).split())
    parts: list[str] = []
    at = 0
    for start, end in code_spans(text):
        parts.append(_shown(text[at:start]))
        ticks = len(text) - len(text[start:].lstrip("`")) - start
        parts.append(text[start + ticks : end - ticks].strip())
        at = end
    parts.append(_shown(text[at:]))
    return " ".join("".join(parts).split())
