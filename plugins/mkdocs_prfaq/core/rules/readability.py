"""Readability: Flesch reading ease of the press release, with syllables from pyphen's bundled
hyphenation dictionary (no download, no network).

The parsed dictionary may be kept between runs in the user's cache folder (`keep_dictionary_in`):
a pickle, so never in a project's working tree, where a pull request could put one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Document
from .prose import Block, Prose, read_prose

if TYPE_CHECKING:
    import pyphen

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
    cached: Readability | None = doc.memo.get(MEMO_KEY)
    if cached is None:
        blocks = (prose or read_prose(doc)).blocks
        cached = doc.memo[MEMO_KEY] = readability(b for b in blocks if b.section == "press")
    return cached
