"""The writing rules, on fixture documents whose expected findings are written into them.

Each file in tests/fixtures/writing/ marks the lines a rule must flag with an HTML comment,
`<!-- expect: rule, rule -->` (or `<!-- expect below: rule -->` for the heading two lines down);
every other line must stay quiet. The `-clean` files hold real sentences that look like a
finding and are not one: quotations, code, link targets, headings, names, the FAQ.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mkdocs_prfaq.core.check import check_files, check_folder
from mkdocs_prfaq.core.findings import Severity
from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.model import Document
from mkdocs_prfaq.core.rules.registry import RULES, Category
from mkdocs_prfaq.core.rules.wordlists import WordLists, read_list, word_lists
from mkdocs_prfaq.core.rules.writing import (
    WRITING_RULES,
    guide_url,
    press_release_readability,
    syllables,
    writing_problems,
)
from mkdocs_prfaq.core.settings import Settings, load_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "writing"
REPO = Path(__file__).resolve().parents[2]
FILES = sorted(FIXTURES.glob("*.md"))
_EXPECT = re.compile(r"<!-- expect( below)?: ([a-z, -]+) -->")
EXTRA_WEASELS = ("synergy",)


def load(path: Path) -> Document:
    doc, problems = read_document(path, path.name, path.read_text(encoding="utf-8"))
    assert doc is not None, problems
    return doc


def expected(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        match = _EXPECT.search(line)
        if match:
            target = number + 2 if match.group(1) else number
            out.extend((target, rule.strip()) for rule in match.group(2).split(","))
    return sorted(out)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_fixture_findings_are_exactly_the_marked_ones(path: Path) -> None:
    found = sorted((p.line, p.rule) for p in writing_problems(load(path), EXTRA_WEASELS))
    assert found == expected(path)


@pytest.mark.parametrize("rule", WRITING_RULES)
def test_every_rule_has_a_flagged_and_a_clean_fixture(rule: str) -> None:
    flagged = [p for p in FILES if p.stem == f"{rule}-flagged"]
    clean = [p for p in FILES if p.stem.startswith(f"{rule}-clean")]
    assert flagged and clean
    assert any(r == rule for _, r in expected(flagged[0]))
    assert all(expected(p) == [] for p in clean)


def test_the_rules_are_registered_as_writing_warnings_with_a_guide() -> None:
    assert set(WRITING_RULES) == {
        "weasel-words",
        "long-sentence",
        "long-paragraph",
        "future-tense",
        "acronym",
        "customer-quote",
        "call-to-action",
        "internal-faq-risks",
        "readability",
    }
    handbook = REPO / "docs"
    for name in WRITING_RULES:
        rule = RULES[name]
        assert rule.category is Category.WRITING and rule.default is Severity.WARNING
        assert rule.guide is not None
        page, anchor = rule.guide.split("#")
        source = handbook / (page.rstrip("/") + ".md")
        headings = [
            re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
            for line in source.read_text(encoding="utf-8").splitlines()
            if line.startswith("## ")
        ]
        assert anchor in headings, (name, rule.guide)


def test_messages_are_one_line_and_end_with_the_handbook_link(tmp_path: Path) -> None:
    doc = FIXTURES / "weasel-words-flagged.md"
    settings = Settings(root=tmp_path, source_dir=tmp_path / "prfaqs", site_url="https://prfaq.example.com/")
    result = check_files(settings, [doc])
    writing = [f for f in result.findings if RULES[f.rule].category is Category.WRITING]
    assert writing and all("\n" not in f.message for f in writing)
    assert all(
        f.message.endswith("(handbook: https://prfaq.example.com/learn/writing-style/#weasel-words)") for f in writing
    )
    assert guide_url("acronym") == "learn/writing-style/#acronyms"


def test_weasel_words_extend_through_the_settings(tmp_path: Path) -> None:
    doc = FIXTURES / "weasel-words-flagged.md"
    plain = Settings(root=tmp_path, source_dir=tmp_path / "prfaqs")
    extended = Settings(root=tmp_path, source_dir=tmp_path / "prfaqs", weasel_words=["synergy"])
    count = [
        sum(f.rule == "weasel-words" for f in check_files(s, [doc]).findings) for s in (plain, extended)
    ]
    assert count[1] == count[0] + 1


def test_severities_apply_and_drafts_stay_warnings(tmp_path: Path) -> None:
    source = tmp_path / "prfaqs"
    source.mkdir()
    shutil.copy(FIXTURES / "future-tense-flagged.md", source / "PRFAQ-0107-weekend.md")
    settings = Settings(root=tmp_path, source_dir=source, rules={"future-tense": Severity.ERROR, "acronym": Severity.OFF})
    findings = check_folder(settings).findings
    future = [f for f in findings if f.rule == "future-tense"]
    assert future and all(f.severity is Severity.WARNING for f in future)  # a draft: capped
    text = (source / "PRFAQ-0107-weekend.md").read_text(encoding="utf-8").replace("status: draft", "status: in-review")
    (source / "PRFAQ-0107-weekend.md").write_text(text, encoding="utf-8")
    future = [f for f in check_folder(settings).findings if f.rule == "future-tense"]
    assert future and all(f.severity is Severity.ERROR for f in future)


def test_the_repository_examples_are_clean_but_the_first_draft() -> None:
    """PRFAQ-0012 is a draft that keeps a first draft's slips on purpose (the checks page shows its
    review panel); every other example is clean."""
    settings = load_settings(REPO / "mkdocs.yml")
    result = check_folder(settings)
    assert len(result.documents) >= 12
    writing = [(f.path, f.rule) for f in result.findings if RULES[f.rule].category is Category.WRITING]
    draft = "prfaqs/PRFAQ-0012-incident-review-first-drafts.md"
    assert sorted(rule for path, rule in writing if path == draft) == [
        "acronym", "future-tense", "long-sentence", "weasel-words", "weasel-words"
    ]  # fmt: skip
    assert [path for path, _ in writing if path != draft] == []


def test_syllables_come_from_the_bundled_dictionary() -> None:
    assert syllables("refund") == 2
    assert syllables("experience") == 4
    assert syllables("the") == 1
    assert syllables("well-known") == 2


def test_syllables_are_pyphens_own_count() -> None:
    """Syllables are counted from pyphen's patterns without pyphen (a check then never imports
    it): for every word of this repository's documents and of many made-up ones, the count is
    the one pyphen's hyphenation points give."""
    import random

    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US", left=1, right=1)
    texts = [path.read_text(encoding="utf-8") for path in [*REPO.glob("prfaqs/*.md"), *FILES]]
    words = {word for text in texts for word in re.findall(r"[^\W\d_]+", text.lower())}
    rng = random.Random(16)
    words |= {"".join(rng.choices("abcdefghijklmnopqrstuvwxyzéüß", k=rng.randint(1, 16))) for _ in range(3000)}
    assert len(words) > 4000
    assert {word: syllables(word) for word in words} == {word: len(hyphenator.positions(word)) + 1 for word in words}


def test_reading_ease_separates_plain_from_dense_prose() -> None:
    plain = press_release_readability(load(FIXTURES / "readability-clean.md"))
    dense = press_release_readability(load(FIXTURES / "readability-flagged.md"))
    assert plain.words >= 100 and plain.reading_ease > 60
    assert dense.words >= 100 and dense.reading_ease < 40


def test_the_panel_escapes_messages_and_links_the_handbook() -> None:
    from mkdocs_prfaq.core.findings import Problem
    from mkdocs_prfaq.core.render.html import Links
    from mkdocs_prfaq.core.render.review import review_panel

    doc = load(FIXTURES / "acronym-flagged.md")
    problems = [Problem("acronym", 3, 1, "'<script>alert(1)</script>' & more")]
    panel = review_panel(doc, problems, Links(True))
    assert "<script>" not in panel and "&lt;script&gt;" in panel and "&amp; more" in panel
    assert 'href="../../learn/writing-style/#acronyms"' in panel
    assert "How to fix it" not in review_panel(doc, problems, Links(True), has_page=lambda src: False)
    assert "\n" not in panel


LISTS = FIXTURES / "lists"


def test_word_lists_are_data_files_read_once() -> None:
    lists = word_lists()
    assert lists is word_lists()
    assert "significantly" in lists.weasel_words and "a lot of" in lists.weasel_words
    assert not [w for w in lists.weasel_words if "#" in w or w != w.strip() or not w]
    assert {"FAQ", "UTC"} <= lists.common_acronyms and "WA" in lists.state_codes
    assert read_list(LISTS / "weasel-words.txt") == ["synergy", "leverage"]


def test_a_site_extends_the_word_lists_with_files_of_its_own() -> None:
    weasel = load(FIXTURES / "weasel-words-flagged.md")
    acronym = load(FIXTURES / "acronym-flagged.md")
    extended = word_lists({"weasel-words": [LISTS / "weasel-words.txt"], "common-acronyms": [LISTS / "common-acronyms.txt"]})
    assert set(word_lists().weasel_words) < set(extended.weasel_words)

    def found(doc: Document, rule: str, lists: WordLists | None = None) -> list[str]:
        return [p.message.split("'")[1] for p in writing_problems(doc, lists=lists) if p.rule == rule]

    assert "synergy" in found(weasel, "weasel-words", extended) and "synergy" not in found(weasel, "weasel-words")
    assert found(acronym, "acronym") == ["SLA", "WMS", "RMA"]
    assert found(acronym, "acronym", extended) == ["WMS"]


def test_only_the_known_lists_can_be_extended() -> None:
    with pytest.raises(ValueError, match="no word list 'abbreviations' to extend"):
        word_lists({"abbreviations": [LISTS / "weasel-words.txt"]})
