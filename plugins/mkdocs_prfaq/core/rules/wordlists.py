"""The writing rules' word lists: data files shipped in `words/`, one word or phrase a line.

A `#` starts a comment (to the end of the line); blank lines are skipped. A site extends a list
with files of its own in the same format, named by list (`extra={"weasel-words": [path]}`):
their entries are added to the built-in ones, never replace them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["EXTENSIBLE", "LISTS", "WordLists", "builtin_abbreviations", "read_list", "word_lists"]

_FOLDER = Path(__file__).with_name("words")
#: Every list, by the name of its file in `words/` (without `.txt`).
LISTS = ("weasel-words", "common-acronyms", "state-codes", "abbreviations")
#: The lists a site may extend. Abbreviations decide where sentences end, which is found once
#: per document for the check and the review panel alike: they are built in only.
EXTENSIBLE = ("weasel-words", "common-acronyms", "state-codes")


@dataclass(frozen=True, slots=True)
class WordLists:
    """The lists the writing rules read; hashable, so that results can be kept per lists."""

    weasel_words: tuple[str, ...]
    common_acronyms: frozenset[str]
    state_codes: frozenset[str]


def read_list(path: Path) -> list[str]:
    """The entries of a word-list file: each line without its comment, stripped, if not empty."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries


@cache
def _builtin(name: str) -> tuple[str, ...]:
    return tuple(read_list(_FOLDER / f"{name}.txt"))


@cache
def builtin_abbreviations() -> frozenset[str]:
    """The abbreviations whose stop ends no sentence, lower case."""
    return frozenset(_builtin("abbreviations"))


def word_lists(extra: Mapping[str, Sequence[Path]] | None = None) -> WordLists:
    """The built-in lists, each extended by the files `extra` names for it (read once per set)."""
    key = tuple(sorted((name, tuple(paths)) for name, paths in (extra or {}).items()))
    return _word_lists(key)


@cache
def _word_lists(extra: tuple[tuple[str, tuple[Path, ...]], ...]) -> WordLists:
    added: dict[str, list[str]] = {name: [] for name in EXTENSIBLE}
    for name, paths in extra:
        if name not in added:
            raise ValueError(f"no word list '{name}' to extend: the lists are {', '.join(EXTENSIBLE)}")
        for path in paths:
            added[name] += read_list(path)

    def merged(name: str) -> Iterable[str]:
        return (*_builtin(name), *added[name])

    return WordLists(
        tuple(dict.fromkeys(merged("weasel-words"))),
        frozenset(merged("common-acronyms")),
        frozenset(merged("state-codes")),
    )
