"""Hostile input (issue 7): every bad file gets a precise finding and nothing raises; good files
in unusual shapes (byte order mark, CRLF, non-ASCII names and text) simply work.

The cases are folders under tests/fixtures/hostile/, each with the findings it must give in its
`_expected.yml` (the checker skips names starting with `_`). Cases that cannot live in a
repository (binary, huge, links, names differing only in case) are made in the test's temporary
folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from corekit import CLEAN, CLEAN_NAME, FIXTURES, assert_findings, check, copy_fixture, expectations

from mkdocs_prfaq.core.findings import Finding

HOSTILE = FIXTURES / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
GOOD = [name for name in CASES if not expectations(HOSTILE / name)["findings"]]


@pytest.mark.parametrize("case", CASES)
def test_fixture_case_gives_exactly_its_findings(case: str, tmp_path: Path) -> None:
    folder = copy_fixture(f"hostile/{case}", tmp_path)
    result = check(folder)
    assert_findings(result, expectations(folder)["findings"])
    # Nothing lost: each file is a document, or has an error naming it.
    named = {d.path for d in result.documents} | {f.path for f in result.errors}
    assert set(result.files) <= named


@pytest.mark.parametrize("case", GOOD)
def test_good_cases_are_read_whole(case: str, tmp_path: Path) -> None:
    result = check(copy_fixture(f"hostile/{case}", tmp_path))
    assert len(result.documents) == len(result.files) > 0
    for doc in result.documents:
        assert doc.title and "\r" not in doc.title and not doc.title.startswith("\ufeff")
        assert doc.structure.faq_sections


def test_non_ascii_text_is_kept_exactly(tmp_path: Path) -> None:
    (doc,) = check(copy_fixture("hostile/non-ascii-everywhere", tmp_path)).documents
    assert doc.title == "Remboursements immédiats — 即時返金 🎁"
    assert [a.name for a in doc.authors] == ["Zoë Ñúñez-Łukasiewicz", "محمد الأحمد"]
    assert doc.decision is not None and doc.decision.by == "Επιτροπή πληρωμών"
    assert [h.text for h in doc.structure.headings][1] == "¿Cómo informo de un paquete dañado?"


def test_file_names_keep_their_spaces_and_accents(tmp_path: Path) -> None:
    result = check(copy_fixture("hostile/file-names", tmp_path))
    assert result.files == ["PRFAQ-0001-café crème.md", "PRFAQ-0002-東京 配達.md", "PRFAQ-0003-with  two spaces.md"]


# -- made here: binary, huge, nested, links, case --------------------------------------------------
def one_finding(tmp_path: Path, name: str, data: bytes, **options: int) -> Finding:
    (tmp_path / name).write_bytes(data)
    result = check(tmp_path, ".", options)
    assert result.documents == []
    (finding,) = result.findings
    assert (finding.path, finding.severity.value) == (name, "error")
    return finding


def test_a_binary_file_named_md(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    finding = one_finding(tmp_path, "PRFAQ-0001-diagram.md", png)
    assert (finding.rule, finding.line, finding.col) == ("file-encoding", 3, 1)
    assert "binary file (a NUL byte)" in finding.message


@pytest.mark.parametrize("size", [1_000_001, 10_000_000])
def test_a_file_over_the_default_limit_is_refused_unread(tmp_path: Path, size: int) -> None:
    data = CLEAN.encode() + b"x" * (size - len(CLEAN.encode()))
    finding = one_finding(tmp_path, CLEAN_NAME, data)
    assert (finding.rule, finding.line, finding.col) == ("file-size", 1, 1)
    assert f"file is {size:,} bytes, over the 1,000,000-byte limit" in finding.message


def test_the_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / CLEAN_NAME).write_text(CLEAN, encoding="utf-8")
    assert check(tmp_path, ".", {"max_file_size": len(CLEAN)}).findings == []
    assert [f.rule for f in check(tmp_path, ".", {"max_file_size": len(CLEAN) - 1}).findings] == ["file-size"]


@pytest.mark.parametrize(
    ("nesting", "line", "col", "fragment"),
    [
        ("extra: " + "[" * 100_000, 10, 19, "nested deeper than 12 levels"),
        ("extra: " + "{a: " * 50_000, 10, 52, "nested deeper than 12 levels"),
        ("extra:\n" + "".join("  " * i + "- \n" for i in range(1_000)), 22, 23, "nested deeper than 12 levels"),
        ("extra: " + "{" * 100_000, 10, 9, "a mapping key must be a plain word"),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "mapping-as-key"],
)
def test_deeply_nested_yaml_is_refused(tmp_path: Path, nesting: str, line: int, col: int, fragment: str) -> None:
    data = CLEAN.replace("\n---\n", f"\n{nesting}\n---\n", 1).encode()
    finding = one_finding(tmp_path, CLEAN_NAME, data, max_file_size=10_000_000)
    assert (finding.rule, finding.line, finding.col) == ("yaml-syntax", line, col)
    assert fragment in finding.message


def test_a_symbolic_link_outside_the_source_folder_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "prfaqs"
    source.mkdir()
    (tmp_path / "private.md").write_text(CLEAN, encoding="utf-8")
    os.symlink("../private.md", source / CLEAN_NAME)
    result = check(tmp_path, "prfaqs")
    assert [(f.path, f.rule, f.line, f.col) for f in result.findings] == [(f"prfaqs/{CLEAN_NAME}", "symlink", 1, 1)]
    assert result.documents == []


def test_names_differing_only_in_case(tmp_path: Path) -> None:
    (tmp_path / "PRFAQ-0001-REFUNDS.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "PRFAQ-0001-refunds.md").write_text(CLEAN, encoding="utf-8")
    if len(list(tmp_path.iterdir())) < 2:
        pytest.skip("case-insensitive file system")
    result = check(tmp_path)
    assert [(f.path, f.rule) for f in result.findings] == [("PRFAQ-0001-refunds.md", "file-name-case")]
    assert "differs from `PRFAQ-0001-REFUNDS.md` only in case" in result.findings[0].message
