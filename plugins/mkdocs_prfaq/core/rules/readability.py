"""Readability: Flesch reading ease of the press release, with syllables from pyphen's bundled
hyphenation dictionary (no download, no network).

The parsed dictionary may be kept between runs in the user's cache folder (`keep_dictionary_in`):
a pickle, so never in a project's working tree, where a pull request could put one. It holds
pyphen's patterns as plain data, and syllables are counted from them here (pyphen's own
`positions`, for the one case the rule needs): a check that finds the copy does not import
pyphen, 8-10 ms of each pre-commit check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Document
from .prose import Block, Prose, read_prose

__all__ = [
    "MEMO_KEY",
    "MIN_READING_EASE",
    "READABILITY_MIN_WORDS",
    "Readability",
    "keep_dictionary_in",
    "load_dictionary",
    "press_release_readability",
    "readability",
    "syllables",
]

MIN_READING_EASE = 40.0
#: Below this many words the Flesch score of a press release is noise, and is not judged.
READABILITY_MIN_WORDS = 100
#: The key of a document's readability in its memo.
MEMO_KEY = ("readability",)

_LETTER = re.compile(r"[^\W\d_]")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: The same words in ASCII text, where a letter is `[a-zA-Z]`: a range is tested faster than the
#: Unicode categories (a third less time on a press release, measured).
_ASCII_LETTER_WORD = re.compile(r"[a-zA-Z]+(?:['-][a-zA-Z]+)*")


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


#: pyphen's hyphenation patterns: the letters of each, where its values start and its values.
Patterns = dict[str, tuple[int, tuple[int, ...]]]


@dataclass(frozen=True, slots=True)
class _Hyphenation:
    """The patterns of pyphen's `en_US` dictionary and the longest pattern's length."""

    patterns: Patterns
    longest: int

    def inner_points(self, word: str) -> int:
        """How many hyphenation points pyphen finds in `word` (lower case) with at least one
        letter on either side: `Pyphen(left=1, right=1).positions(word)`, counted."""
        pointed = f".{word}."
        size = len(pointed)
        points = [0] * (size + 1)
        patterns, longest = self.patterns, self.longest
        for i in range(size - 1):
            for j in range(i + 1, min(i + longest, size) + 1):
                pattern = patterns.get(pointed[i:j])
                if pattern:
                    offset, values = pattern
                    where = slice(i + offset, i + offset + len(values))
                    points[where] = map(max, values, points[where])
        # Point k of `pointed` lies before letter k - 1 of the word: keep those from 1 to len - 1.
        return sum(1 for k in range(2, len(word) + 1) if points[k] % 2)


@lru_cache(maxsize=1)
def _hyphenator() -> _Hyphenation:
    copy = _dictionary_copy
    if copy is not None:
        kept = _read_copy(copy)
        if kept is not None:
            return kept
    import pyphen  # only to parse the dictionary: a check that finds the copy never imports it

    parsed = pyphen.Pyphen(lang="en_US", left=1, right=1).hd
    made = _Hyphenation(
        {letters: (start, tuple(map(int, values))) for letters, (start, values) in parsed.patterns.items()},
        parsed.maxlen,
    )
    if copy is not None:
        _write_copy(copy, (_copy_key(), made.patterns, made.longest))
    return made


def _copy_key() -> tuple[object, ...]:
    """What the copy was made from: pyphen's code and its `en_US` dictionary, by their sizes and
    modification times, found without importing pyphen (nor `importlib.metadata`: 50 ms)."""
    import os
    from importlib.util import find_spec

    spec = find_spec("pyphen")
    origin = None if spec is None else spec.origin
    if origin is None:
        return ("pyphen", None)
    stamps: list[object] = ["pyphen", origin, 2]
    for name in ("__init__.py", os.path.join("dictionaries", "hyph_en_US.dic")):
        try:
            found = os.stat(os.path.join(os.path.dirname(origin), name))
        except OSError:
            return ("pyphen", None)
        stamps.append((found.st_size, found.st_mtime_ns))
    return tuple(stamps)


def _read_copy(path: Path) -> _Hyphenation | None:
    import pickle

    try:
        kept_key, patterns, longest = pickle.loads(path.read_bytes())
    except Exception:  # a copy that cannot be read, whatever the reason, is parsed again
        return None
    if kept_key != _copy_key() or not isinstance(patterns, dict) or not isinstance(longest, int):
        return None
    return _Hyphenation(patterns, longest)


def _write_copy(path: Path, kept: tuple[object, ...]) -> None:
    import pickle

    from ..files import write_whole

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))  # two checks may run at once
    except OSError:
        return


def syllables(word: str) -> int:
    """Syllables in a word, from the bundled hyphenation dictionary (no download, no network)."""
    return _SYLLABLES[word]


def _count_syllables(word: str) -> int:
    hyphenation = _hyphenator()
    total = 0
    for part in re.split(r"[-'’]", word.lower()):
        if part:
            total += hyphenation.inner_points(part) + 1
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
        found = (_ASCII_LETTER_WORD if text.isascii() else _LETTER_WORD).findall(text)
        words += len(found)
        syll += sum(map(_SYLLABLES.__getitem__, found))
        count += sum(1 for start, end in block.sentence_spans() if _LETTER.search(text, start, end))
    return Readability(words, count, syll)


def press_release_readability(doc: Document, prose: Prose | None = None) -> Readability:
    """Readability of the press release; computed once per document (the check and the review
    panel both need it)."""
    cached: Readability | None = doc.memo.get(MEMO_KEY)
    if cached is None:
        blocks = (prose or read_prose(doc)).blocks
        cached = doc.memo[MEMO_KEY] = readability(b for b in blocks if b.section == "press")
    return cached
