"""Helpers for the core tests: check a fixture folder through the public API and compare the
findings with what the fixture expects."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from mkdocs_prfaq.core.check import CheckResult, check_folder
from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.model import Document
from mkdocs_prfaq.core.settings import from_options

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def copy_fixture(relative: str, tmp_path: Path) -> Path:
    """A copy of `tests/fixtures/<relative>` in `tmp_path` (tests never write into the fixtures)."""
    target = tmp_path / Path(relative).name
    shutil.copytree(FIXTURES / relative, target, symlinks=True)
    return target


def check(root: Path, source: str = ".", options: Mapping[str, Any] | None = None) -> CheckResult:
    """`check_folder` on `root/source`, with plugin options as written in `mkdocs.yml`."""
    return check_folder(from_options(root, {"source_dir": source, **(options or {})}))


def expectations(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "_expected.yml").read_text(encoding="utf-8"))
    return data


def assert_findings(
    result: CheckResult, expected: Sequence[Mapping[str, Any]], *, rule: str | None = None, prefix: str = ""
) -> None:
    """The findings are exactly `expected` (file, line, col, severity, rule), and each message holds
    the expected fragment. `rule` is the default rule; `prefix` goes before each file name."""
    shown = "\n".join(f.format() for f in result.findings) or "(no findings)"
    got = sorted((f.path, f.line, f.col, f.severity.value, f.rule) for f in result.findings)
    want = sorted((prefix + e["file"], e["line"], e["col"], e["severity"], e.get("rule", rule)) for e in expected)
    assert got == want, shown
    for e in expected:
        where = (prefix + e["file"], e["line"], e["col"], e.get("rule", rule))
        messages = [f.message for f in result.findings if (f.path, f.line, f.col, f.rule) == where]
        assert any(e["message"] in m for m in messages), f"{e['message']!r} not in {messages}"


CLEAN_NAME = "PRFAQ-0001-instant-refunds.md"
#: A valid PR/FAQ that gives no finding at all; its lines are listed in tests/fixtures/check/clean.
CLEAN = (FIXTURES / "check" / "clean" / CLEAN_NAME).read_text(encoding="utf-8")


def variant(*, after: str = "", text: str = CLEAN, **fields: str) -> str:
    """`text` with some top-level fields rewritten (`team="no"`) and YAML lines added before the
    closing `---` (`after`, from line 10 of the clean file)."""
    lines = text.split("\n")
    for key, value in fields.items():
        (index,) = [i for i, line in enumerate(lines) if line.startswith(f"{key}:")]
        lines[index] = f"{key}: {value}"
    close = lines.index("---", 1)
    lines[close:close] = after.split("\n") if after else []
    return "\n".join(lines)


def document(text: str, name: str = CLEAN_NAME) -> Document:
    doc, problems = read_document(Path(name), name, text)
    assert doc is not None, problems
    return doc
