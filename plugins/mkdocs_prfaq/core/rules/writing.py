"""Writing rules: the parts of the style guide a program can check without crying wolf.

The body is read into blocks of prose (paragraphs and list items) with the Markdown markup
blanked out column for column, so every offset still points at the source. Headings, fenced
and indented code, tables, HTML comments, link targets and images are never prose. The
word-level rules (weasel words, future tense, acronyms) also skip quotations and block quotes:
a customer may say "will", the author may not. When in doubt a rule stays quiet: a false
alarm teaches authors to ignore the checker, a miss costs only the reviewer's pencil.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..body import count_words, faq_kind, has_word
from ..findings import Problem
from ..forked import in_slices
from ..model import Document
from .registry import RULES, Category

if TYPE_CHECKING:
    import pyphen

LONG_SENTENCE_WORDS = 30
LONG_PARAGRAPH_WORDS = 120
MIN_READING_EASE = 40.0
#: Below this many words the Flesch score of a press release is noise, and is not judged.
READABILITY_MIN_WORDS = 100

#: Names of the writing rules, in the order the registry lists them.
WRITING_RULES: tuple[str, ...] = tuple(name for name, r in RULES.items() if r.category is Category.WRITING)

#: Built-in weasel words: only words and phrases that are vague in any context, so that a hit
#: is worth the author's time. The handbook's longer list (many, some, very, might...) holds
#: words with honest uses; `weasel_words` in `mkdocs.yml` adds more.
WEASEL_WORDS: tuple[str, ...] = (
    # vague intensity
    "significantly", "substantially", "dramatically", "drastically", "tremendously", "extremely",
    "incredibly", "exceptionally", "hugely", "massively", "vastly",
    # vague quantities
    "nearly all", "almost all", "the vast majority", "a majority of", "countless", "numerous", "various",
    "a lot of", "lots of",
    # hollow praise and unsupported superlatives
    "best-in-class", "best-of-breed", "world-class", "industry-leading", "market-leading", "state-of-the-art",
    "cutting-edge", "next-generation", "next-gen", "game-changing", "game-changer", "revolutionary",
    "revolutionize", "revolutionizes", "groundbreaking", "ground-breaking", "innovative", "seamless",
    "seamlessly", "robust", "unparalleled", "unprecedented", "unrivaled", "unrivalled", "top-notch",
    "blazing-fast", "lightning-fast", "effortless", "effortlessly", "intuitive", "best-ever",
    # hedges and hidden sources
    "arguably", "could potentially", "it is believed", "studies show", "experts agree", "it is widely known",
    # vague time
    "in the near future",
)  # fmt: skip

#: Acronyms every reader knows; never asked to be spelled out.
COMMON_ACRONYMS = frozenset(
    (
        "OK", "US", "USA", "UK", "EU", "UN", "ID", "FAQ", "PR", "PRFAQ", "URL", "API", "PDF", "HR",
        "IT", "CEO", "CFO", "CTO", "COO", "CIO", "CMO", "CPO", "VP", "SVP", "EVP", "TV", "PC", "PIN",
        "SMS", "GPS", "USB", "ATM", "DIY", "ASAP", "FYI", "AM", "PM", "UTC", "GMT", "HTML", "HTTP",
        "HTTPS", "CSV", "JSON", "XML", "AI", "QR", "LED", "DVD", "NYC", "MBA", "PHD", "TBD", "GB", "MB",
        "KB", "TB", "USD", "EUR", "GBP", "ET", "PT", "CT", "MT", "PST", "PDT", "EST", "EDT", "CET",
        "BST", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    )
)  # fmt: skip
#: Two-letter state codes, ignored after a comma ("Portland, OR").
_STATES = frozenset(
    (
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
        "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
        "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
        "WI", "WY", "DC",
    )
)  # fmt: skip
_ABBREVIATIONS = frozenset(
    (
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "co", "jr", "sr",
        "approx", "dept", "fig", "a.m", "p.m", "u.s", "u.k", "cf", "al",
    )
)  # fmt: skip

# -- block structure ---------------------------------------------------------------------------
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s+\[[ xX]\])?(?:\s+|$)")
_QUOTE_MARK = re.compile(r"^(\s*>)+\s?")
# Possessive quantifiers (`*+`) wherever two runs could share characters: a line of spaces
# would otherwise be split between them in every possible way (quadratic time).
_TABLE_RULE = re.compile(r"^\s*+\|?+\s*+:?+-{3,}+:?+\s*+(?:\|\s*+:?+-{3,}+:?+\s*+)*+\|?+\s*+$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_CONTAINER = re.compile(r"^\s*(?:!!!|\?\?\?\+?|===)\s")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]^]+\]:\s*\S")
_ABBR_DEF = re.compile(r"^ {0,3}\*\[([^\]]+)\]:")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:\s?")
_DEF_MARK = re.compile(r"^ {0,3}:\s{1,4}")
_MATH = re.compile(r"^\s*\$\$\s*$")

# -- inline markup, blanked in place -------------------------------------------------------------
_BACKTICKS = re.compile(r"`+")
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
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*\s*(?:—|–|--)\s*"
    r"(?:[^—–\n]{0,40}?\s*(?:—|–|--)\s*)?"
)

# -- quotations ----------------------------------------------------------------------------------
_QUOTES = (
    re.compile(r"“[^”]*(?:”|$)"),
    re.compile(r'"[^"]*(?:"|$)'),
    # Up to the next opening quote at most: on a run of `‘` each would scan 300 characters.
    re.compile(r"(?<!\w)‘[^‘]{0,300}?’(?!\w)"),
    re.compile(r"(?<![\w'])'[^'\n]{1,200}?'(?![\w'])"),
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


def _spaces(chunk: str) -> str:
    """`chunk` with every character but line ends made a space (a regex only when it spans lines)."""
    return _NOT_NEWLINE.sub(" ", chunk) if "\n" in chunk else " " * len(chunk)


def _spaces_of(match: re.Match[str]) -> str:
    return _spaces(match.group(0))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + _spaces(text[start:end]) + text[end:]


def _blank_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with the characters of every span (sorted, not overlapping) blanked, in one copy:
    a copy of the whole text per span is quadratic in a paragraph of many links."""
    if not spans:
        return text
    kept = [text[end:start] for (_, end), (start, _) in zip(((0, 0), *spans), spans, strict=False)]
    blanks = [
        " " * (end - start) if text.find("\n", start, end) < 0 else _NOT_NEWLINE.sub(" ", text[start:end])
        for start, end in spans
    ]
    return "".join([part for pair in zip(kept, blanks, strict=True) for part in pair]) + text[spans[-1][1] :]


def _blank_all(text: str, pattern: re.Pattern[str]) -> str:
    triggers = _TRIGGERS.get(pattern)
    if triggers is not None and not any(t in text for t in triggers):
        return text  # the pattern cannot match: skip the scan (most prose has no markup at all)
    return pattern.sub(_spaces_of, text)


_NOT_NEWLINE = re.compile(r"[^\n]")
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
    _QUOTES[0]: ("“",),
    _QUOTES[1]: ('"',),
    _QUOTES[2]: ("‘",),
    _QUOTES[3]: ("'",),
}


#: A character (or string) without which no inline markup below can match.
_ANY_MARKUP = re.compile(r"[`<\[{&\\*~=_@]|://|www\.")


def _blank_code_spans(text: str) -> str:
    """Blank CommonMark's code spans: a run of n backticks up to the next run of exactly n.

    In linear time: a lazy regex with a backreference (`(`+)[\\s\\S]*?\\1`) tries every
    shorter opening run against the rest of the text, quadratic on a long run of backticks.
    """
    if "`" not in text:
        return text
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
    return _blank_spans(text, spans)


def _mask_inline(text: str) -> tuple[str, list[tuple[int, int]], bool]:
    """Blank inline markup; return the text, the spans of link texts, and whether it had a link."""
    if not _ANY_MARKUP.search(text):
        return text, [], False  # plain prose, the common case: one scan instead of fifteen
    text = _blank_code_spans(text)
    for pattern in (_COMMENT, _IMAGE):
        text = _blank_all(text, pattern)
    link_texts: list[tuple[int, int]] = []
    has_link = False
    for pattern in (_LINK, _REF_LINK) if "[" in text else ():
        found = [(match.start(), match.span(1), match.end()) for match in pattern.finditer(text)]
        if found:
            has_link = True
            link_texts += [inner for _, inner, _ in found]
            text = _blank_spans(text, [span for start, (a, b), end in found for span in ((start, a), (b, end))])
    for pattern in (_AUTOLINK, _BARE_URL, _EMAIL):
        if pattern.search(text):
            has_link = has_link or pattern is not _EMAIL
            text = _blank_all(text, pattern)
    for pattern in (_TAG, _FOOTNOTE_REF, _ATTR_LIST, _ENTITY, _ESCAPE, _EMPHASIS):
        text = _blank_all(text, pattern)
    return text, link_texts, has_link


@dataclass(slots=True)
class _Builder:
    section: str
    lines: list[tuple[int, str]] = field(default_factory=list)
    blockquote: bool = False
    list_item: bool = False


def _finish(builder: _Builder | None, out: list[Block]) -> None:
    if builder is None or not builder.lines:
        return
    texts = [text for _, text in builder.lines]
    if any("|" in t and (_TABLE_RULE.match(t) or t.lstrip().startswith("|")) for t in texts):
        return  # a table: cells are not sentences
    joined = "\n".join(texts)
    offsets: list[int] = []
    at = 0
    for text in texts:
        offsets.append(at)
        at += len(text) + 1
    text, link_texts, has_link = _mask_inline(joined)
    if builder.section == "press":
        dateline = _DATELINE.match(text)
        if dateline:
            text = _blank(text, 0, dateline.end())
    if not text.strip():
        return
    unquoted = text if not builder.blockquote else re.sub(r"[^\n]", " ", text)
    for pattern in _QUOTES:
        unquoted = _blank_all(unquoted, pattern)
    bare = _blank_spans(unquoted, sorted(link_texts))
    out.append(
        Block(
            builder.section,
            [number for number, _ in builder.lines],
            offsets,
            text,
            unquoted,
            bare,
            has_link,
            builder.blockquote,
            builder.list_item,
        )
    )


def _indent(line: str) -> int:
    expanded = line.expandtabs(4) if "\t" in line else line
    return len(expanded) - len(expanded.lstrip(" "))


def read_prose(doc: Document) -> Prose:
    """The body's prose blocks, each labelled with the part of the PR/FAQ it stands in."""
    blocks: list[Block] = []
    abbreviations: set[str] = set()
    headings: list[tuple[int, str]] = []
    fence: str | None = None
    in_comment = False
    in_math = False
    in_code = False
    seen_faq = False
    section = "press"
    section_level = 0
    #: What the last unindented line opened: indented lines below a list item or an admonition
    #: are its content, elsewhere they are an indented code block.
    context: str | None = None
    previous_blank = True
    current: _Builder | None = None

    for offset, line in enumerate(doc.body.split("\n")):
        number = doc.body_line + offset
        if fence is not None:
            match = _FENCE.match(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if in_math:
            in_math = not _MATH.match(line)
            continue
        if line[:1].isalpha():
            # Plain prose, the common case: a line that opens with a letter starts no fence,
            # code, heading, list, quote or any other construct looked for below.
            in_code = False
            previous_blank = False
            context = None
            if current is None or current.blockquote:
                _finish(current, blocks)
                current = _Builder(section)
            current.lines.append((number, line))
            continue
        blank = not line.strip()
        if in_code:
            if blank or _indent(line) >= 4:
                continue
            in_code = False
        if blank:
            _finish(current, blocks)
            current = None
            previous_blank = True
            continue
        was_blank, previous_blank = previous_blank, False
        # Each construct below opens with one of a few characters: looking at the first one
        # skips the patterns that cannot match (a body of short lines is otherwise slow).
        first = line.lstrip()[0]
        fence_match = _FENCE.match(line) if first in "`~" else None
        if fence_match or (first == "$" and _MATH.match(line)):
            _finish(current, blocks)
            current = None
            if fence_match:
                fence = fence_match.group(1)
            else:
                in_math = True
            continue
        if first == "<" and line.lstrip().startswith("<!--") and "-->" not in line:
            _finish(current, blocks)
            current = None
            in_comment = True
            continue
        indent = _indent(line)
        if indent >= 4 and was_blank and context not in ("list", "container") and not _LIST_ITEM.match(line):
            _finish(current, blocks)
            current = None
            in_code = True
            continue
        if indent < 4:
            context = None
        if first == "#" and _HEADING.match(line):
            _finish(current, blocks)
            current = None
            text = line.strip().lstrip("#").strip().rstrip("#").strip()
            headings.append((number, text))
            level = len(line.strip()) - len(line.strip().lstrip("#"))
            kind = faq_kind(text)
            if kind is not None:
                seen_faq = True
                section, section_level = kind, level
            elif seen_faq and section != "other" and level <= section_level:
                section = "other"
            continue
        if (first in "-*_" and _THEMATIC.match(line)) or (first == "[" and _REF_DEF.match(line)):
            _finish(current, blocks)
            current = None
            continue
        abbr = _ABBR_DEF.match(line) if first == "*" else None
        if abbr:
            abbreviations.add(abbr.group(1).strip())
            _finish(current, blocks)
            current = None
            continue
        if first in "!?=" and _CONTAINER.match(line):
            _finish(current, blocks)
            current = None
            context = "container"
            continue
        quote = _QUOTE_MARK.match(line) if first == ">" else None
        is_quote = quote is not None
        if quote is not None:
            line = " " * quote.end() + line[quote.end() :]
            first = line.lstrip()[:1]
        item = _LIST_ITEM.match(line) if first in "-*+" or first.isdigit() else None
        footnote = (_FOOTNOTE_DEF.match(line) if first == "[" else None) or (_DEF_MARK.match(line) if first == ":" else None)
        if item is not None or footnote is not None or current is None or current.blockquote != is_quote:
            _finish(current, blocks)
            current = _Builder(section, blockquote=is_quote, list_item=item is not None)
            marker = item or footnote
            if marker is not None:
                line = " " * marker.end() + line[marker.end() :]
            if item is not None and indent < 4:
                context = "list"
        current.lines.append((number, line))
    _finish(current, blocks)
    return Prose(blocks, abbreviations, headings)


# -- sentences, words, syllables -------------------------------------------------------------------
#: The end of a sentence: a stop (with closing quotes or brackets) followed by the end of the
#: text, or by a space and a capital or digit (perhaps after an opening quote or bracket).
#: A stop starts only where a run of stops starts, and its runs are possessive: on a run of `!?.`
#: that no capital follows, each position would otherwise rescan the rest of the run (quadratic).
#: The same matches, since what follows a shorter run is a stop or a closer, never a space.
_STOP = re.compile(r"(?<![.!?])[.!?]++[\"”’')\]]*+(?=\s++[\"“‘'(\[]*+[A-Z0-9]|\s*+\Z)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in a block's text; spans holding no word are left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _STOP.finditer(text):
        stop = match.start()
        if text[stop] == ".":
            # The word before the stop (an abbreviation is short: 40 characters hold it whole).
            before = text[max(start, stop - 40) : stop].split()
            word = before[-1].lstrip("\"“‘'(").lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
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


_LETTER = re.compile(r"[^\W\d_]")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def load_dictionary() -> None:
    """Load the hyphenation dictionary now: before forking workers, so that each inherits it."""
    _hyphenator()


#: Where the parsed hyphenation dictionary is kept between runs; None: parsed on every run.
_dictionary_copy: Path | None = None


def keep_dictionary_in(path: Path) -> None:
    """Keep the parsed hyphenation dictionary in the file `path` between runs (a pickle: `path`
    must be somewhere only the user writes, never in a project's working tree).

    Parsing pyphen's patterns takes about 60 ms and loading a parsed copy 5: pre-commit's check
    of the one file a commit changes would otherwise pay it on every commit.
    """
    global _dictionary_copy
    _dictionary_copy = path


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    import pyphen  # here, not at the top: a check that counts no syllable starts 30 ms sooner

    key = (pyphen.__version__, "en_US", 1, 1)
    copy = _dictionary_copy
    if copy is not None:
        kept = _read_copy(copy, key)
        if kept is not None:
            return kept
    made = pyphen.Pyphen(lang="en_US", left=1, right=1)
    if copy is not None:
        _write_copy(copy, key, made)
    return made


def _read_copy(path: Path, key: tuple[object, ...]) -> pyphen.Pyphen | None:
    import pickle

    import pyphen

    try:
        kept_key, kept = pickle.loads(path.read_bytes())
    except Exception:  # a copy that cannot be read, whatever the reason, is parsed again
        return None
    return kept if kept_key == key and isinstance(kept, pyphen.Pyphen) else None


def _write_copy(path: Path, key: tuple[object, ...], made: pyphen.Pyphen) -> None:
    import os
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".hyphenation-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps((key, made), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)  # whole or not at all, should two checks run at once
    except OSError:
        with suppress(OSError):
            os.unlink(temporary)


def syllables(word: str) -> int:
    """Syllables in a word, from the bundled hyphenation dictionary (no download, no network)."""
    return _SYLLABLES[word]


def _count_syllables(word: str) -> int:
    dic = _hyphenator()
    total = 0
    for part in re.split(r"[-'’]", word.lower()):
        if part:
            total += len(dic.positions(part)) + 1
    return max(total, 1)


class _SyllableCounts(dict[str, int]):
    """Syllables by word, counted at the first lookup: a plain dictionary lookup after that (a
    press release's few hundred words are mostly the same few dozen)."""

    def __missing__(self, word: str) -> int:
        if len(self) >= 50_000:
            self.clear()  # bounded, should a huge corpus hold that many different words
        count = self[word] = _count_syllables(word)
        return count


_SYLLABLES = _SyllableCounts()


@dataclass(frozen=True, slots=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word."""
        if not self.words or not self.sentences:
            return 100.0
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)


def readability(blocks: Iterable[Block]) -> Readability:
    """Words (of letters; numbers are left out), sentences and syllables of the blocks' prose."""
    words = count = syll = 0
    for block in blocks:
        text = block.text
        # A word never spans two sentences (they part at a stop and a space): the block's words
        # are its sentences' words, and only the sentences without one need telling apart.
        found = _LETTER_WORD.findall(text)
        words += len(found)
        syll += sum(map(_SYLLABLES.__getitem__, found))
        count += sum(1 for start, end in block.sentence_spans() if _LETTER.search(text, start, end))
    return Readability(words, count, syll)


def press_release_readability(doc: Document, prose: Prose | None = None) -> Readability:
    """Readability of the press release; computed once per document (the check and the review
    panel both need it)."""
    cached: Readability | None = doc.memo.get(_READABILITY)
    if cached is None:
        blocks = (prose or read_prose(doc)).blocks
        cached = doc.memo[_READABILITY] = readability(b for b in blocks if b.section == "press")
    return cached


_READABILITY = ("readability",)


# -- the rules ---------------------------------------------------------------------------------
@lru_cache(maxsize=16)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = sorted({" ".join(w.split()).lower() for w in words if w.strip()}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = "|".join(r"[\s-]+".join(re.escape(p) for p in re.split(r"[\s-]+", part)) for part in parts)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


@lru_cache(maxsize=16)
def _key_words(words: tuple[str, ...]) -> frozenset[str]:
    """The longest (so the rarest) word of each phrase, lower case: a phrase cannot match where
    that word is absent ("lot" for "a lot of", "believed" for "it is believed")."""
    return frozenset(max(re.split(r"[\s-]+", w.strip().lower()), key=len) for w in words if w.strip())


_WORDS_IN = re.compile(r"\w+")


#: "will", "won't" and "we'll", but not the noun ("free will", "at will") nor a name ("Will Jones").
_FUTURE = re.compile(
    r"(?<![\w'’-])(?<!\bthe\s)(?<!\ba\s)(?<!\bat\s)(?<!\bfree\s)(?<!\bgood\s)(?<!\bill\s)(?<!\bown\s)"
    r"(?:will|won['’]t|Won['’]t|Will(?=\s+[a-z]))(?=\s+[A-Za-z])"
    r"|\b(?:[Ii]|[Yy]ou|[Ww]e|[Tt]hey|[Ii]t|[Hh]e|[Ss]he|[Tt]hat|[Tt]here)['’]ll\b",
)
_ACRONYM = re.compile(r"(?<![\w&'’./-])([A-Z]{2,})(?:s|['’]s)?(?![\w&'’/-])")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
_DEFINED_AFTER = re.compile(r"(?<![\w-])[A-Za-z][\w-]*+\s*+\(([A-Z]{2,})s?\)")
_DEFINED_BEFORE = re.compile(r"\b([A-Z]{2,})s?\s*\((?:an?\s+|the\s+)?[a-z]")
_ATTRIBUTION = re.compile(r"\b(?:said|says)\b", re.I)
#: A first step for the reader: a "get started" phrase, or a sentence that opens with an imperative
#: ("Visit ...", "To book a window, ..."), which in a press release is almost always one.
_CALL_TO_ACTION = re.compile(
    r"\b(?:get(?:s|ting)? started|sign(?:s|ing)? up|learn more|find out more|request access|"
    r"(?:available|on sale|live) (?:today|now)\b(?: (?:at|in|on|from))?)"
    r"|(?:^|[.!?][\"”’)]*\s)\s*(?:To [a-z]+(?: [\w-]+){0,4},|(?:Open|Visit|Download|Install|Sign|Go|Tap|"
    r"Click|Choose|Pick|Try|Start|Ask|Call|Email|Join|Book|Order|Register|Subscribe|Request|Find|Learn|Read|"
    r"Head|Look|Scan|Text|Reply|Update|Enable|Turn|Switch|Add|Connect|Search|Shop|Browse|Apply)\b)",
)
_RISK_QUESTION = re.compile(
    r"risk|cost|expens|budget|spend|invest|pric|afford|payback|pay back|business case|\broi\b|scope|"
    r"not (?:do|build|includ|cover|support|solv)|won['’]t|wrong|fail|downside|trade-?off|concern|worr|"
    r"threat|danger|mitigat|depend|resourc|headcount|unknown|assum|challeng|harm|abuse|fraud|privacy|"
    r"security|legal|complian|stop|kill|cancel",
    re.I,
)


def _press_matches(
    prose: Prose, pattern: re.Pattern[str], skip: Callable[[Block], bool] | None = None
) -> Iterator[tuple[Block, re.Match[str]]]:
    """Each match of `pattern` in the press release's prose outside quotations."""
    for block in prose.blocks:
        if block.section == "press" and not (skip is not None and skip(block)):
            for match in pattern.finditer(block.unquoted):
                yield block, match


def _weasel(prose: Prose, extra: Sequence[str]) -> list[Problem]:
    words = (*WEASEL_WORDS, *extra)
    pattern = _phrase_pattern(words)  # cached: the list is the same for every document
    if pattern is None:
        return []
    keys = _key_words(words)

    def cannot_match(block: Block) -> bool:
        # A phrase cannot match in a paragraph without its longest word: most are skipped unscanned.
        return keys.isdisjoint(_WORDS_IN.findall(block.unquoted.lower()))

    out: list[Problem] = []
    for block, match in _press_matches(prose, pattern, cannot_match if all(k.isalnum() for k in keys) else None):
        line, col = block.position(match.start())
        word = " ".join(match.group(0).split())
        out.append(
            Problem("weasel-words", line, col, f"'{word}' is a weasel word: give the number behind it, or cut it")
        )
    return out


def _simply_spaced(text: str) -> bool:
    """Whether only spaces, tabs and line ends can part the words of `text`."""
    return text.isascii() and "\v" not in text and "\f" not in text and "\r" not in text


def _at_most(text: str, words: int, start: int = 0, end: int | None = None) -> bool:
    """True when `text` (from `start` to `end`) surely holds no more than `words` words, decided
    by counting spaces, without splitting (most sentences are far below the limit); False when
    it may hold more. With `start` or `end`, `text` must be simply spaced."""
    if start == 0 and end is None and not _simply_spaced(text):
        return False  # other characters that split words: count them properly
    return text.count(" ", start, end) + text.count("\n", start, end) + text.count("\t", start, end) < words


def _lengths(prose: Prose) -> list[Problem]:
    out: list[Problem] = []
    for block in prose.blocks:
        text = block.text
        # A sentence is measured in place, without cutting it out, when spaces alone part words.
        simple = _simply_spaced(text)
        for start, end in block.sentence_spans():
            if simple and _at_most(text, LONG_SENTENCE_WORDS, start, end):
                continue
            sentence = text[start:end]
            if not simple and _at_most(sentence, LONG_SENTENCE_WORDS):
                continue
            words = count_words(sentence)
            if words > LONG_SENTENCE_WORDS:
                line, col = block.position(start)
                out.append(
                    Problem(
                        "long-sentence",
                        line,
                        col,
                        f"a sentence of {words} words, over {LONG_SENTENCE_WORDS}: split it; aim for about 20",
                    )
                )
        words = 0 if _at_most(block.text, LONG_PARAGRAPH_WORDS) else count_words(block.text)
        if words > LONG_PARAGRAPH_WORDS:
            start = len(block.text) - len(block.text.lstrip())
            line, col = block.position(start)
            out.append(
                Problem(
                    "long-paragraph",
                    line,
                    col,
                    f"a paragraph of {words} words, over {LONG_PARAGRAPH_WORDS}: split it where the topic changes",
                )
            )
    return out


def _future(prose: Prose) -> list[Problem]:
    press = " ".join(b.unquoted for b in prose.blocks if b.section == "press").lower()
    if not any(marker in press for marker in ("will", "won", "'ll", "’ll")):
        return []  # nothing the pattern could match
    out: list[Problem] = []
    for block, match in _press_matches(prose, _FUTURE):
        line, col = block.position(match.start())
        out.append(
            Problem(
                "future-tense",
                line,
                col,
                f"'{match.group(0)}' in the press release: write it as if the product has launched, in the present tense",
            )
        )
    return out


#: Two or more words in capitals in a row: a shout or a name in capitals, not acronyms.
_SHOUT = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,}\b)+")


def _unshouted(text: str) -> str:
    """`text` with its runs of capitalised words blanked, offsets kept (one scan, linear time)."""
    return _SHOUT.sub(_spaces_of, text) if _SHOUT.search(text) else text


def _after_comma(text: str, start: int) -> bool:
    """Whether `text[:start]` ends with a comma and white space ("Austin, TX"), read backwards."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] == ","


def _acronyms(prose: Prose) -> list[Problem]:
    candidates = [block for block in prose.blocks if _TWO_CAPITALS.search(block.bare)]
    if not candidates:
        return []  # no run of capitals: nothing to look up (most documents, most of the time)
    # Where each acronym is first spelled out, in document order: (line, col).
    defined: dict[str, tuple[int, int]] = {}

    def define(name: str, where: tuple[int, int]) -> None:
        if name not in defined or where < defined[name]:
            defined[name] = where

    for number, text in prose.headings:
        for pattern in (_DEFINED_AFTER, _DEFINED_BEFORE):
            for match in pattern.finditer(text):
                define(match.group(1), (number, 0))
    for block in prose.blocks:
        if "(" not in block.text:
            continue  # both ways of spelling out use parentheses
        for pattern in (_DEFINED_AFTER, _DEFINED_BEFORE):
            for match in pattern.finditer(block.text):
                define(match.group(1), block.position(match.start(1)))
    seen: set[str] = set()
    out: list[Problem] = []
    for block in candidates:
        text = block.bare
        for match in _ACRONYM.finditer(_unshouted(text)):
            name = match.group(1)
            if name in seen or name in COMMON_ACRONYMS or name in prose.abbreviations:
                continue
            if name in _STATES and _after_comma(text, match.start()):
                continue
            seen.add(name)
            where = block.position(match.start(1))
            first_defined = defined.get(name)
            if first_defined is not None and first_defined <= where:
                continue
            out.append(
                Problem(
                    "acronym",
                    where[0],
                    where[1],
                    f"'{name}' is not spelled out on first use: write the full term, then '({name})'",
                )
            )
    return out


def _press_release(doc: Document, prose: Prose) -> list[Problem]:
    press = [b for b in prose.blocks if b.section == "press"]
    if not press or doc.structure.press_release_words == 0:
        return []
    line = press[0].lines[0]
    out: list[Problem] = []
    quoted = any(
        _ATTRIBUTION.search(b.text)
        and (b.blockquote or any(count_words(m.group(0)) >= 3 for p in _QUOTES for m in p.finditer(b.text)))
        for b in press
    )
    if not quoted:
        out.append(
            Problem(
                "customer-quote",
                line,
                1,
                'the press release has no quote: add a customer\'s words, attributed with "said"',
            )
        )
    acted = any(b.has_link or _CALL_TO_ACTION.search(b.text) for b in press)
    if not acted:
        out.append(
            Problem(
                "call-to-action",
                line,
                1,
                "the press release does not say how to get started: end with the first step and a link",
            )
        )
    ease = press_release_readability(doc, prose)
    if ease.words >= READABILITY_MIN_WORDS and ease.reading_ease < MIN_READING_EASE:
        out.append(
            Problem(
                "readability",
                line,
                1,
                f"the press release scores {ease.reading_ease:.0f} for Flesch reading ease, under "
                f"{MIN_READING_EASE:.0f}: use shorter sentences and shorter words",
            )
        )
    return out


def _internal_faq(doc: Document) -> list[Problem]:
    internal = [heading for heading, kind in doc.structure.faq_sections if kind == "internal"]
    if not internal:
        return []
    questions = [q for q in doc.structure.questions if q.section == "internal"]
    if any(_RISK_QUESTION.search(h.text) for h in internal) or any(
        _RISK_QUESTION.search(q.heading.text) for q in questions
    ):
        return []
    heading = internal[0]
    return [
        Problem(
            "internal-faq-risks",
            heading.line,
            heading.col,
            "the internal FAQ asks nothing about risks, cost or what is out of scope: add that question",
        )
    ]


def writing_problems(doc: Document, weasel_words: Sequence[str] = ()) -> list[Problem]:
    """Every writing finding of a document, with a plain message (no handbook link)."""
    key = ("writing", tuple(weasel_words))
    cached: list[Problem] | None = doc.memo.get(key)
    if cached is None:
        cached = doc.memo[key] = _writing_problems(doc, weasel_words)
    return list(cached)


def warm_writing(documents: Sequence[Document], weasel_words: Sequence[str], jobs: int) -> None:
    """Compute the writing findings of many documents in `jobs` forked processes, into each
    one's memo: the workers inherit the documents, and only the findings travel back."""
    load_dictionary()
    words = tuple(weasel_words)

    def part(start: int, stop: int) -> list[tuple[list[Problem], Readability | None]]:
        return [(writing_problems(doc, words), doc.memo.get(_READABILITY)) for doc in documents[start:stop]]

    for doc, (problems, ease) in zip(documents, in_slices(part, len(documents), jobs), strict=True):
        doc.memo[("writing", words)] = problems
        if ease is not None:
            doc.memo[_READABILITY] = ease


def _writing_problems(doc: Document, weasel_words: Sequence[str]) -> list[Problem]:
    prose = read_prose(doc)
    problems = [
        *_weasel(prose, weasel_words),
        *_lengths(prose),
        *_future(prose),
        *_acronyms(prose),
        *_press_release(doc, prose),
        *_internal_faq(doc),
    ]
    problems.sort(key=lambda p: (p.line, p.col, p.rule))
    return problems


def guide_url(rule: str, base: str = "") -> str | None:
    """The handbook page teaching a rule: under `base` (the site's URL) when given."""
    guide = RULES[rule].guide
    if guide is None:
        return None
    return (base.rstrip("/") + "/" + guide) if base else guide


def with_guide(problem: Problem, base: str = "") -> Problem:
    url = guide_url(problem.rule, base)
    if url is None:
        return problem
    return Problem(problem.rule, problem.line, problem.col, f"{problem.message} (handbook: {url})")


def writing_check(weasel_words: Sequence[str] = (), guide_base: str = "") -> Callable[[Document], list[Problem]]:
    """The writing rules as one document check, each message ending with its handbook link."""

    def check(doc: Document) -> list[Problem]:
        return [with_guide(p, guide_base) for p in writing_problems(doc, weasel_words)]

    return check
