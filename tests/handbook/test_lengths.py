"""One set of length limits (core/lengths.py): the handbook's pages, the checks page, the rules'
summaries and messages and `prfaq review` all state the same pages and the same words."""

from __future__ import annotations

from pathlib import Path

from mkdocs_prfaq.core.lengths import DOCUMENT_PAGES, DOCUMENT_WORDS, FAQ_PAGES, PRESS_RELEASE_WORDS, WORDS_PER_PAGE
from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.rules.body import check_body
from mkdocs_prfaq.core.rules.registry import RULES

DOCS = Path(__file__).resolve().parents[2] / "docs"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _read(page: str) -> str:
    return " ".join((DOCS / page).read_text(encoding="utf-8").split())


def test_the_handbook_states_the_limits_in_pages_and_words() -> None:
    assert "fits on one page, about 500 words" in _read("learn/press-release.md")
    faq = _read("learn/faq.md")
    assert "five pages or fewer" in faq and "six pages are 3,000 words" in faq
    assert (WORDS_PER_PAGE, FAQ_PAGES, DOCUMENT_PAGES) == (500, 5, 6)  # the numbers the pages above give


def test_the_checks_page_and_the_rules_say_the_same() -> None:
    checks = _read("contribute/checks.md")
    assert f"one page, which the checks count as {PRESS_RELEASE_WORDS} words" in checks
    assert f"six pages, {DOCUMENT_WORDS:,} words" in checks
    assert f"{PRESS_RELEASE_WORDS} words (one page)" in RULES["press-release-length"].summary
    assert f"{DOCUMENT_WORDS:,} words ({DOCUMENT_PAGES} pages)" in RULES["document-length"].summary


def test_the_findings_name_the_limit_in_words_and_pages() -> None:
    clean = FIXTURES / "check" / "clean" / "PRFAQ-0001-instant-refunds.md"
    front, body = clean.read_text(encoding="utf-8").split("---\n", 2)[1:]
    padded = f"---\n{front}---\n" + " ".join(["word"] * (DOCUMENT_WORDS + 1)) + "\n\n" + body
    doc, _ = read_document(clean, clean.name, padded)
    assert doc is not None
    messages = {p.rule: p.message for p in check_body(doc)}
    assert f"over {PRESS_RELEASE_WORDS} (one page)" in messages["press-release-length"]
    assert f"over {DOCUMENT_WORDS:,} ({DOCUMENT_PAGES} pages)" in messages["document-length"]
