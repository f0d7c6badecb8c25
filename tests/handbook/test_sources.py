"""Every source the handbook cites is listed in Further reading, and every entry there gives its
address or says why it gives none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
READING = (DOCS / "further-reading.md").read_text(encoding="utf-8")
#: How the handbook's pages name each source.
SOURCES = [
    "Bryar",
    "McAllister",
    "Carlos Lau",
    "Midas Exchange",
    "Business Systems News",
    "Fuel a Culture of Customer Obsession",
    "workingbackwards.com",
    "Green Software Foundation",
    "Podium",
]


def _pages() -> dict[str, str]:
    return {
        p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8")
        for p in DOCS.rglob("*.md")
        if p.name != "further-reading.md"
    }


@pytest.mark.parametrize("source", SOURCES)
def test_each_cited_source_is_in_further_reading(source: str) -> None:
    citing = [name for name, text in _pages().items() if source in text]
    assert citing, f"{source!r} is cited nowhere: remove it from this list"
    assert source in READING, f"{source!r} is cited in {citing} but not listed in Further reading"


def test_each_entry_gives_its_address_or_says_why_not() -> None:
    entries = re.findall(r"^\*\*([\s\S]+?)\*\*\n(.*?)(?=^\*\*|^## |\Z)", READING, re.MULTILINE | re.DOTALL)
    assert len(entries) >= 8
    without = [
        title
        for title, text in entries
        if "<https://" not in title + text and "none is given" not in title + text and "Not a single source" not in text
        and "Amazon" not in title
    ]
    assert not without, f"entries without an address or a reason: {without}"
