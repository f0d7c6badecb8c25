"""Writing rules: the parts of the style guide a program can check without crying wolf.

They read the body's prose (`prose.read_prose`: paragraphs and list items with their markup
blanked, quotations set apart) and the word lists in `words/` (`wordlists`). When in doubt a
rule stays quiet: a false alarm teaches authors to ignore the checker, a miss costs only the
reviewer's pencil.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from ..body import count_words
from ..findings import Problem
from ..forked import in_slices
from ..model import Document
from ..scan import spaces
from .prose import QUOTES, Block, Prose, read_prose
from .readability import (
    MEMO_KEY,
    MIN_READING_EASE,
    READABILITY_MIN_WORDS,
    Readability,
    keep_dictionary_in,
    load_dictionary,
    press_release_readability,
    syllables,
)
from .registry import RULES, Category
from .wordlists import WordLists, word_lists

__all__ = [
    "LONG_PARAGRAPH_WORDS",
    "LONG_SENTENCE_WORDS",
    "MIN_READING_EASE",
    "READABILITY_MIN_WORDS",
    "WRITING_RULES",
    "Readability",
    "guide_url",
    "keep_dictionary_in",
    "load_dictionary",
    "press_release_readability",
    "syllables",
    "warm_writing",
    "with_guide",
    "writing_problems",
]

LONG_SENTENCE_WORDS = 30
LONG_PARAGRAPH_WORDS = 120

#: Names of the writing rules, in the order the registry lists them.
WRITING_RULES: tuple[str, ...] = tuple(name for name, r in RULES.items() if r.category is Category.WRITING)


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


def _weasel(prose: Prose, words: tuple[str, ...]) -> list[Problem]:
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


def _spaces_of(match: re.Match[str]) -> str:
    return spaces(match.group(0))


def _unshouted(text: str) -> str:
    """`text` with its runs of capitalised words blanked, offsets kept (one scan, linear time)."""
    return _SHOUT.sub(_spaces_of, text) if _SHOUT.search(text) else text


def _after_comma(text: str, start: int) -> bool:
    """Whether `text[:start]` ends with a comma and white space ("Austin, TX"), read backwards."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] == ","


def _definitions(prose: Prose) -> dict[str, tuple[int, int]]:
    """Where each acronym is first spelled out ("Service Level Agreement (SLA)"), in document
    order: (line, col); a heading's at column 0."""
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
    return defined


def _acronyms(prose: Prose, lists: WordLists) -> list[Problem]:
    candidates = [block for block in prose.blocks if _TWO_CAPITALS.search(block.bare)]
    if not candidates:
        return []  # no run of capitals: nothing to look up (most documents, most of the time)
    defined = _definitions(prose)
    known = lists.common_acronyms
    seen: set[str] = set()
    out: list[Problem] = []
    for block in candidates:
        text = block.bare
        for match in _ACRONYM.finditer(_unshouted(text)):
            name = match.group(1)
            if name in seen or name in known or name in prose.abbreviations:
                continue
            if name in lists.state_codes and _after_comma(text, match.start()):
                continue
            seen.add(name)
            where = block.position(match.start(1))
            first_defined = defined.get(name)
            if first_defined is not None and first_defined <= where:
                continue
            message = f"'{name}' is not spelled out on first use: write the full term, then '({name})'"
            out.append(Problem("acronym", where[0], where[1], message))
    return out


def _press_release(doc: Document, prose: Prose) -> list[Problem]:
    press = [b for b in prose.blocks if b.section == "press"]
    if not press or doc.structure.press_release_words == 0:
        return []
    line = press[0].lines[0]
    out: list[Problem] = []
    quoted = any(
        _ATTRIBUTION.search(b.text)
        and (b.blockquote or any(count_words(m.group(0)) >= 3 for p, _ in QUOTES for m in p.finditer(b.text)))
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
    # A link anywhere first: most press releases have one, and then no paragraph is searched.
    acted = any(b.has_link for b in press) or any(_CALL_TO_ACTION.search(b.text) for b in press)
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


def _memo_key(weasel_words: Sequence[str], lists: WordLists | None) -> tuple[object, ...]:
    return ("writing", tuple(weasel_words), lists)


def writing_problems(doc: Document, weasel_words: Sequence[str] = (), lists: WordLists | None = None) -> list[Problem]:
    """Every writing finding of a document, with a plain message (no handbook link).

    `weasel_words` adds to the weasel words of `lists` (the built-in lists when None).
    """
    lists = lists or word_lists()
    key = _memo_key(weasel_words, lists)
    cached: list[Problem] | None = doc.memo.get(key)
    if cached is None:
        cached = doc.memo[key] = _writing_problems(doc, weasel_words, lists)
    return list(cached)


def warm_writing(
    documents: Sequence[Document], weasel_words: Sequence[str], jobs: int, lists: WordLists | None = None
) -> None:
    """Compute the writing findings of many documents in `jobs` forked processes, into each
    one's memo: the workers inherit the documents, and only the findings travel back."""
    load_dictionary()
    words = tuple(weasel_words)
    lists = lists or word_lists()

    def part(start: int, stop: int) -> list[tuple[list[Problem], Readability | None]]:
        return [(writing_problems(doc, words, lists), doc.memo.get(MEMO_KEY)) for doc in documents[start:stop]]

    for doc, (problems, ease) in zip(documents, in_slices(part, len(documents), jobs), strict=True):
        doc.memo[_memo_key(words, lists)] = problems
        if ease is not None:
            doc.memo[MEMO_KEY] = ease


def _writing_problems(doc: Document, weasel_words: Sequence[str], lists: WordLists) -> list[Problem]:
    prose = read_prose(doc)
    problems = [
        *_weasel(prose, (*lists.weasel_words, *weasel_words)),
        *_lengths(prose),
        *_future(prose),
        *_acronyms(prose, lists),
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

