"""Findings and their three printed forms: text lines, GitHub workflow commands, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_prfaq.core.findings import Finding, Severity, format_github, render, seen_from, summary_line

STATUS = Finding(
    "prfaqs/PRFAQ-0042-refunds.md",
    7,
    9,
    Severity.ERROR,
    "status-enum",
    "status 'in review' is not one of draft, in-review (did you mean `in-review`?)",
)
SPLIT = Finding("prfaqs/PRFAQ-0007-photos.md", 18, 1, Severity.WARNING, "faq-split", "the FAQ lacks an internal part")


def test_text_line_is_path_line_col_severity_rule_message() -> None:
    assert STATUS.format() == (
        "prfaqs/PRFAQ-0042-refunds.md:7:9: error status-enum: "
        "status 'in review' is not one of draft, in-review (did you mean `in-review`?)"
    )


def test_github_commands_carry_file_line_col_and_the_rule_as_title() -> None:
    assert format_github(STATUS) == (
        "::error file=prfaqs/PRFAQ-0042-refunds.md,line=7,col=9,title=status-enum::"
        "status 'in review' is not one of draft, in-review (did you mean `in-review`?)"
    )
    assert format_github(SPLIT).startswith("::warning file=prfaqs/PRFAQ-0007-photos.md,line=18,col=1,title=faq-split::")


def test_github_commands_escape_what_would_break_them() -> None:
    odd = Finding("a,b:c%d.md", 1, 2, Severity.ERROR, "yaml-syntax", "50% done\r\nnext line: ok")
    assert (
        format_github(odd)
        == "::error file=a%2Cb%3Ac%25d.md,line=1,col=2,title=yaml-syntax::50%25 done%0D%0Anext line: ok"
    )


def test_json_is_a_list_of_objects_sorted_by_file_line_and_column() -> None:
    data = json.loads(render([STATUS, SPLIT], "json"))
    assert data == [
        {
            "path": "prfaqs/PRFAQ-0007-photos.md",
            "line": 18,
            "col": 1,
            "severity": "warning",
            "rule": "faq-split",
            "message": "the FAQ lacks an internal part",
        },
        STATUS.as_dict(),
    ]
    assert STATUS.as_dict()["severity"] == "error"
    assert json.loads(render([], "json")) == []


def test_json_keeps_non_ascii_as_is() -> None:
    finding = Finding("prfaqs/PRFAQ-0001-café.md", 1, 1, Severity.ERROR, "front-matter", "東京 — empty")
    assert "café" in render([finding], "json") and "東京" in render([finding], "json")
    assert json.loads(render([finding], "json"))[0]["message"] == "東京 — empty"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_text_and_github_print_one_sorted_line_per_finding(fmt: str) -> None:
    first = Finding("a.md", 3, 1, Severity.ERROR, "b-rule", "m")
    second = Finding("a.md", 3, 1, Severity.ERROR, "c-rule", "m")
    third = Finding("a.md", 10, 1, Severity.ERROR, "a-rule", "m")
    lines = render([third, second, first], fmt).split("\n")
    assert [next(r for r in ("a-rule", "b-rule", "c-rule") if r in line) for line in lines] == [
        "b-rule",
        "c-rule",
        "a-rule",
    ]
    assert render([], fmt) == ""


@pytest.mark.parametrize(
    ("findings", "documents", "line"),
    [
        ([], 0, "0 documents checked: 0 errors, 0 warnings"),
        ([STATUS], 1, "1 document checked: 1 error, 0 warnings"),
        ([STATUS, STATUS, SPLIT], 12, "12 documents checked: 2 errors, 1 warning"),
    ],
)
def test_summary_line(findings: list[Finding], documents: int, line: str) -> None:
    assert summary_line(findings, documents) == line


def test_summary_line_counts_other_files_apart_from_documents() -> None:
    assert summary_line([STATUS], 12, 1) == "12 documents and 1 other file checked: 1 error, 0 warnings"
    assert summary_line([STATUS], 0, 2) == "0 documents and 2 other files checked: 1 error, 0 warnings"


def test_severity_values_are_the_words_used_in_settings() -> None:
    assert [s.value for s in Severity] == ["error", "warning", "off"]
    assert Severity("warning") is Severity.WARNING


def test_paths_are_seen_from_the_folder_the_command_runs_in() -> None:
    """Relative to it, with `..` for a file outside it, as git names them; a file named by its
    full path keeps it."""
    root = Path("/repo/site")
    found = [Finding(path, 1, 1, Severity.ERROR, "status-enum", "m") for path in ("prfaqs/a.md", "/tmp/b.md", "teams.yml")]
    paths = {here: [f.path for f in seen_from(found, root, Path(here))] for here in ("/repo", "/repo/site/prfaqs", "/elsewhere")}
    assert paths == {
        "/repo": ["site/prfaqs/a.md", "/tmp/b.md", "site/teams.yml"],
        "/repo/site/prfaqs": ["a.md", "/tmp/b.md", "../teams.yml"],
        "/elsewhere": ["../repo/site/prfaqs/a.md", "/tmp/b.md", "../repo/site/teams.yml"],
    }
    assert seen_from(found, root, root) == found
