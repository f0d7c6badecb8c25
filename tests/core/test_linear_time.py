"""Every rule runs in time linear in the document's size, whatever the text (issue 14).

A pull request can hold up to the file-size limit of text built to make a regex backtrack or a
loop rescan: runs of capitals, punctuation, brackets, `@`, `-`, `>`, backticks. Each such body
of half a megabyte must be checked, writing rules included (a draft), within three times the time of
a plain document of the same shape (prose of the same size wrapped at 80 columns, or, for
attacks made of very short lines, as many lines of one plain word each), measured in the same run on the same machine: a
ratio, not a timing, so a loaded machine slows both alike. Before the fix, 20 KB of runs of `[`
took 8.9 s and the review measured 40 KB of some of these at over a minute.
"""

from __future__ import annotations

import random
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from corekit import CLEAN, CLEAN_NAME, check

SIZE = 500_000
HEAD = CLEAN.split("\n---\n", 1)[0].replace("status: in-review", "status: draft") + "\n---\n\n"
FAQ = "\n\n## External FAQ\n\n### Who can use it?\n\nEveryone.\n\n## Internal FAQ\n\n### What does it cost?\n\nNothing.\n"
WORDS = ["the", "shopper", "reported", "a", "damaged", "parcel", "and", "the", "refund", "reached", "the", "card", "before", "the", "courier", "left", "our", "team", "measured", "how", "long", "each", "refund", "took", "across", "four", "weeks", "in", "three", "cities"]


def repeated(unit: str) -> Callable[[], str]:
    return lambda: (unit * (SIZE // len(unit) + 1))[:SIZE]


def prose() -> str:
    """Ordinary prose as people write it in Markdown: paragraphs of sentences, wrapped at 80."""
    rng = random.Random(7)
    paragraphs: list[str] = []
    size = 0
    while size < SIZE:
        sentences = (
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "."
            for _ in range(rng.randint(2, 6))
        )
        paragraphs.append(textwrap.fill(" ".join(sentences), 80))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def random_mix(alphabet: str, seed: int) -> Callable[[], str]:
    def make() -> str:
        rng = random.Random(seed)
        return "".join(rng.choice(alphabet) for _ in range(SIZE))

    return make


HOSTILE = "[]()!?.,;:@-_*`'\"<>{}#=~|\\&^ ABCZaez09\n"
ATTACKS: dict[str, Callable[[], str]] = {
    "capital-pairs": repeated("AB CD "),
    "capitals-with-parentheses": repeated("Acme Corp (AC) AB (a "),
    "capitals-lines": repeated("AB\n"),
    "sentence-punctuation": repeated("!?."),
    "sentence-punctuation-then-a-word": lambda: repeated("!?.")()[: SIZE - 2] + " x",
    "spaced-punctuation": repeated("Word! Word? Word. "),
    "brackets": repeated("["),
    "image-brackets": repeated("!["),
    "link-heads": repeated('](x "'),
    "links": repeated("the [refund](https://example.com/r) and [card][c] "),
    "single-quote-openers": repeated("‘"),
    "at-signs": repeated("a@"),
    "hyphen-words": repeated("a-"),
    "footnote-marks": repeated("[^"),
    "abbreviation-marks": repeated("*["),
    "dotted-words-and-an-at": lambda: repeated("a.")()[:-1] + "@",
    "quote-marks": repeated("> "),
    "quote-lines": repeated(">\n"),
    "quote-run": repeated(">"),
    "backticks": lambda: "a " + "`" * (SIZE - 4) + " a",
    "underscores": lambda: "a " + "_" * (SIZE - 3) + "a",
    "spaces-then-dashes": lambda: " " * (SIZE - 10) + "--- x",
    "url-schemes": repeated("a://"),
    "random-hostile-1": random_mix(HOSTILE, 1),
    "random-hostile-2": random_mix(HOSTILE, 2),
    "random-brackets-and-capitals": random_mix("[]()AB !.-@>`\n", 3),
}


def document(folder: Path, body: str) -> Path:
    folder.mkdir()
    (folder / CLEAN_NAME).write_text(HEAD + body + FAQ, encoding="utf-8")
    return folder


def seconds(folder: Path) -> float:
    """One full check of the draft in `folder`, in seconds."""
    start = time.perf_counter()
    result = check(folder, ".", {"max_file_size": 4 * SIZE, "cache": False})
    taken = time.perf_counter() - start
    assert result.documents, [f.format() for f in result.findings]
    return taken


def word_lines(count: int) -> str:
    """`count` lines of one plain word each, every fifth a list item: a plain document as rich in
    lines, and in blocks, as an attack of short lines (each block costs more than a line)."""
    return "\n".join(("- " if i % 5 == 0 else "") + WORDS[i % len(WORDS)] for i in range(count))


@pytest.fixture(scope="module")
def wrapped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return document(tmp_path_factory.mktemp("reference") / "wrapped", prose())


@pytest.mark.parametrize("attack", ATTACKS)
def test_adversarial_text_is_checked_in_linear_time(tmp_path: Path, wrapped: Path, attack: str) -> None:
    body = ATTACKS[attack]()
    # The checker reads a document line by line: half a megabyte of two-character lines costs
    # what as many lines of plain words cost, and that is its plain counterpart.
    lines = body.count("\n") + 1
    short = len(body) / lines < 20
    reference = document(tmp_path / "plain", word_lines(lines)) if short else wrapped
    hostile = document(tmp_path / attack, body)
    # Alternated, best of three each: a machine that gets busier slows both sides alike. Over
    # budget, three more rounds, in case a burst of load fell on one side only: a quadratic rule
    # is ten times over at this size, not a little.
    plain = taken = float("inf")
    for round_ in range(6):
        plain = min(plain, seconds(reference))
        taken = min(taken, seconds(hostile))
        if round_ >= 2 and taken <= 3 * plain:
            break
    kind = f"{lines:,} lines of one word" if short else "prose wrapped at 80"
    assert taken <= 3 * plain, f"{attack}: {taken:.2f} s against {plain:.2f} s for {kind}"
