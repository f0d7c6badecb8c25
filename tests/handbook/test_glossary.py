"""The glossary defines the words the handbook teaches with, and no others: every term it lists
appears in a page of the Learn, Practice or Contribute sections (in any case, with or without
articles, quotes and punctuation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
#: A definition list's term: a line followed by a line that opens with ":   ".
TERM = re.compile(r"^(\S[^\n]*)\n:   ", re.MULTILINE)


def _words(text: str) -> str:
    """Lower case, words only, without articles: `the "so what?" test` -> `so what test`."""
    words = re.findall(r"[a-z0-9/]+", text.lower().replace("-", " "))
    return " " + " ".join(w for w in words if w not in {"a", "an", "the"}) + " "


def _terms() -> list[str]:
    return TERM.findall((DOCS / "glossary.md").read_text(encoding="utf-8"))


TEACHING = _words(
    " ".join(p.read_text(encoding="utf-8") for part in ("learn", "practice", "contribute") for p in (DOCS / part).glob("*.md"))
)


def test_the_glossary_has_terms() -> None:
    assert len(_terms()) >= 20


@pytest.mark.parametrize("term", _terms())
def test_every_term_is_used_where_the_method_is_taught(term: str) -> None:
    # The last word may take an ending: "Supersede" is used as "superseded", "Appendix" as "appendices"
    # is not, so plurals are written in the glossary's own form.
    used = re.compile(re.escape(_words(term).rstrip()) + r"[a-z]* ")
    assert used.search(TEACHING), f"{term!r} is in the glossary but no Learn, Practice or Contribute page uses it"
