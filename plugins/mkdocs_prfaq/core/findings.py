"""Findings: what the checks report, and the three ways of printing them."""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path, PurePosixPath

__all__ = ["Finding", "Problem", "Severity", "did_you_mean", "format_github", "printable", "printable_json", "render", "seen_from", "seen_path", "spreadsheet_cell", "summary_line"]

#: Control characters (but tab), shown as escapes in text meant for a terminal: a file's name or
#: front matter must not move the cursor, clear the screen or end a finding's line.
#: Bidirectional overrides and isolates too: they reorder what a terminal shows ("Trojan Source").
_CONTROLS = {
    **{code: f"\\x{code:02x}" for code in (*range(0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0))},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """`text` with its control characters (but tab) as visible escapes such as `\\x1b`."""
    return text.translate(_CONTROLS)


#: The same characters as JSON escapes: `json.dumps` escapes C0 itself, but not DEL, C1 or bidi.
_JSON_CONTROLS = {code: f"\\u{code:04x}" for code in _CONTROLS if code >= 0x7F}


def printable_json(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) that a terminal shows as it is."""
    return text.translate(_JSON_CONTROLS)


def spreadsheet_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: never run as a formula (`=HYPERLINK(...)`),
    and free of terminal escapes."""
    return "'" + printable(text) if text.startswith(_FORMULA_START) else printable(text)


class Severity(StrEnum):
    """How much a finding matters; `off` silences a rule."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding before it is tied to a file and given its configured severity."""

    rule: str
    line: int
    col: int
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str

    def format(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.col}: {self.severity.value} {self.rule}: {self.message}")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.rule)


def _github_escape(text: str, *, property_value: bool = False) -> str:
    """Escape text for a GitHub Actions workflow command (data or property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(finding: Finding) -> str:
    kind = "error" if finding.severity is Severity.ERROR else "warning"
    props = ",".join(
        f"{key}={_github_escape(str(value), property_value=True)}"
        for key, value in (
            ("file", finding.path),
            ("line", finding.line),
            ("col", finding.col),
            ("title", finding.rule),
        )
    )
    # Line ends are escaped GitHub's way first; any other control character as a visible escape.
    return printable(f"::{kind} {props}::{_github_escape(finding.message)}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean `x`?)` for the choice closest to a misspelt `word`, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def summary_line(findings: Sequence[Finding], documents: int, others: int = 0) -> str:
    """`12 documents checked: 2 errors, 1 warning`; files that are not PR/FAQs (a stray text
    file the `unread-file` rule reports) are counted apart, not as documents."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    checked = f"{documents} document{'s' * (documents != 1)}"
    if others:
        checked += f" and {others} other file{'s' * (others != 1)}"
    return f"{checked} checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def seen_path(path: str, root: Path, here: Path) -> str:
    """A path relative to `root` (the config's folder), as seen from `here` (the folder a command
    runs in): `prfaq --config site/mkdocs.yml check` in a repository's top folder names
    `site/prfaqs/...`, which an editor opens and GitHub annotates; in `prfaqs/`, a document is
    named alone and the teams file `../teams.yml`, as git names files from a subfolder. A file
    named by its full path keeps it."""
    if root == here or PurePosixPath(path).is_absolute():
        return path
    return Path(os.path.relpath(root / path, here)).as_posix()


def seen_from(findings: Iterable[Finding], root: Path, here: Path) -> list[Finding]:
    """The findings, each file named as seen from `here` (:func:`seen_path`)."""
    out = []
    for finding in findings:
        seen = seen_path(finding.path, root, here)
        out.append(finding if seen == finding.path else replace(finding, path=seen))
    return out


def render(findings: Iterable[Finding], fmt: str) -> str:
    """Findings as text (one line each), GitHub workflow commands, or a JSON list."""
    items = sorted(findings, key=Finding.sort_key)
    if fmt == "json":
        return printable_json(json.dumps([f.as_dict() for f in items], indent=2, ensure_ascii=False))
    if fmt == "github":
        return "\n".join(format_github(f) for f in items)
    return "\n".join(f.format() for f in items)
