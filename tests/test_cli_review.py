"""`prfaq review FILE`: the report, plain when piped, coloured on request."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_prfaq.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SITE = FIXTURES / "sites" / "writing-review"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    prfaq = Path(sys.executable).with_name("prfaq")
    return subprocess.run(
        [str(prfaq), *args], capture_output=True, text=True, cwd=REPO, env={**os.environ, **(env or {})}, check=False
    )


def test_piped_report_is_plain_and_complete() -> None:
    done = run("--config", str(SITE / "mkdocs.yml"), "review", str(SITE / "prfaqs/PRFAQ-0001-draft-with-findings.md"))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert not ANSI.search(out)
    assert "PRFAQ-0001" in out and "(draft)" in out
    assert re.search(r"Press release\s+100 words of 500 \(one page\): ok", out)
    assert re.search(r"Whole document\s+\d+ words of 3,000 \(six pages\): ok", out)
    assert "about 1 min at 230 words a minute" in out
    assert re.search(r"Readability\s+Flesch reading ease \d+", out)
    assert "5 findings" in out
    assert re.search(r"line 15\s+warning future-tense: 'will' in the press release", out)
    assert "handbook: https://review.example.com/learn/writing-style/#write-as-if-it-has-launched" in out


def test_no_color_and_forced_color(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(SITE / "prfaqs/PRFAQ-0002-in-review-with-findings.md")
    config = str(SITE / "mkdocs.yml")
    assert main(["--config", config, "review", "--color", "always", path]) == 0
    coloured = capsys.readouterr().out
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured).count("acronym:") == 3
    done = run("--config", config, "review", path, env={"NO_COLOR": "1"})
    assert not ANSI.search(done.stdout)


def test_long_press_release_is_over_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (FIXTURES / "writing" / "readability-clean.md").read_text(encoding="utf-8")
    padding = "The crew calls ahead and carries the sofa in. " * 80
    path = tmp_path / "PRFAQ-0119-long.md"
    path.write_text(source.replace("Most shoppers work on weekdays.", padding + "Most shoppers work on weekdays."), encoding="utf-8")
    config = tmp_path / "mkdocs.yml"  # the plugin's defaults
    config.write_text("site_name: Review\n", encoding="utf-8")
    assert main(["--config", str(config), "review", "--color", "never", str(path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Press release\s+[\d,]+ words of 500 \(one page\): over", out)
    assert "press-release-length" in out


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "no/such/file.md"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_several_files_one_report_each_records_included(capsys: pytest.CaptureFixture[str]) -> None:
    """Review runs the writing rules on every file it is given, a launched record too."""
    config = str(SITE / "mkdocs.yml")
    draft, launched = (str(SITE / "prfaqs" / name) for name in ("PRFAQ-0001-draft-with-findings.md", "PRFAQ-0003-launched-with-findings.md"))
    assert main(["--config", config, "review", "--color", "never", draft, launched, draft]) == 0
    out = capsys.readouterr().out
    assert out.count("  Press release ") == 2  # a file named twice is reviewed once
    first, second = out.index("PRFAQ-0001  "), out.index("PRFAQ-0003  ")
    reports = [out[first:second], out[second:]]
    assert "PRFAQ-0001" in reports[0] and "(draft)" in reports[0] and "PRFAQ-0003" not in reports[0]
    assert "PRFAQ-0003" in reports[1] and "(launched)" in reports[1]
    for report in reports:
        assert re.search(r"\d+ findings?\n", report) and "warning" in report


def test_several_files_fail_when_one_has_errors_and_one_missing_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = str(SITE / "mkdocs.yml")
    clean = str(SITE / "prfaqs" / "PRFAQ-0005-in-review-clean.md")
    broken = tmp_path / "PRFAQ-0099-broken.md"
    broken.write_text((SITE / "prfaqs" / "PRFAQ-0005-in-review-clean.md").read_text(encoding="utf-8").replace("status: in-review", "status: in review"), encoding="utf-8")
    assert main(["--config", config, "review", clean, str(broken)]) == 1
    assert "status-enum" in capsys.readouterr().out
    assert main(["--config", config, "review", clean, "no/such/file.md"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "no/such/file.md: no such file" in captured.err


def test_a_file_the_catalog_leaves_out_is_named_not_reviewed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A README, notes under `_`, or the teams file: said in one line, the others still reviewed."""
    (tmp_path / "prfaqs").mkdir()
    for name in ("README.md", "_notes.md"):
        (tmp_path / "prfaqs" / name).write_text("# Notes\n", encoding="utf-8")
    clean = SITE / "prfaqs" / "PRFAQ-0005-in-review-clean.md"
    (tmp_path / "prfaqs" / clean.name).write_text(clean.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - prfaq\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["review", "--color", "never", "prfaqs/README.md", "prfaqs/_notes.md"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"prfaq review: prfaqs/{name}: not a PR/FAQ; the catalog leaves it out (a README, a name that starts"
        " with `_` or `.`, an editor's backup, or the teams or tags file)"
        for name in ("README.md", "_notes.md")
    ]
    assert main(["review", "--color", "never", "prfaqs/README.md", f"prfaqs/{clean.name}"]) == 0
    captured = capsys.readouterr()
    assert "PRFAQ-0005  " in captured.out and "unread-file" not in captured.out
    assert captured.err.count("not a PR/FAQ") == 1
