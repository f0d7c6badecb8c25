"""Safety rules on what a pull request chooses besides the body: the file's name and the
characters of its front-matter values.

Both reach places no sanitizer sees whole: the name goes into edit links, URLs and terminals;
a value with a control character makes the feed invalid XML (XML 1.0 has no way to write
U+0001) and the YAML a site engine reads unreadable (YAML refuses DEL and C1 characters).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..findings import Problem
from ..frontmatter import CONTROL
from ..frontmatter import Path as ValuePath
from ..model import Document

__all__ = ["CONTROL", "check_safety", "codepoint", "file_name_problems"]

#: What a file name may hold: letters and digits of any script, spaces and `_ - . , ( ) +`.
_NAME_CHARACTER = re.compile(r"[\w .,()+-]")
_NAME = re.compile(r"[\w .,()+-]*")


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def check_safety(doc: Document) -> list[Problem]:
    if doc.front.verbatim:
        return []  # no value can hold a control character: see `FrontMatter.verbatim`
    problems: list[Problem] = []
    _control_characters(doc, doc.meta, (), problems)
    return problems


def _allowed(char: str) -> bool:
    # Combining marks too: macOS may write `café` as `e` and U+0301.
    return bool(_NAME_CHARACTER.fullmatch(char)) or unicodedata.category(char).startswith("M")


def _name_character(char: str) -> str:
    if "\udc80" <= char <= "\udcff":  # how Python reads a byte of a name that is not UTF-8
        return f"the byte 0x{ord(char) - 0xDC00:02X} (not UTF-8)"
    if not char.isprintable():
        return codepoint(char)
    return f"`` ` `` ({codepoint(char)})" if char == "`" else f"`{char}` ({codepoint(char)})"


def file_name_problems(relative: str) -> list[Problem]:
    """The file name's, and its folders', characters: `relative` is the path below the source
    folder. The loader runs it on every file it considers, readable or not."""
    *folders, name = relative.split("/")
    stem = name[:-3] if name.lower().endswith(".md") else name
    problems = []
    for part, what, suffix in [(folder, f"the folder name `{folder}`", "") for folder in folders] + [
        (stem, "the file name", ".md")
    ]:
        if _NAME.fullmatch(part):
            continue  # every character allowed, decided in one match (the common case)
        bad = sorted({c for c in part if not _allowed(c)})
        if not bad:
            continue
        shown = ", ".join(_name_character(c) for c in bad)
        slug = re.sub(r"-{2,}", "-", "".join(c if _allowed(c) else "-" for c in part)).strip("-") or "prfaq"
        problems.append(
            Problem(
                "file-name",
                1,
                1,
                f"{what} holds {shown}: name files and folders with letters, digits, spaces and `- _ . , ( ) +`"
                f" only, e.g. rename it to `{slug}{suffix}`",
            )
        )
    return problems


def _control_characters(doc: Document, value: Any, path: ValuePath, problems: list[Problem]) -> None:
    """Every string under `value`, keys included, read without recursion limits beyond YAML's depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (match := CONTROL.search(key)):
                pos = doc.front.key_positions.get((*path, key), doc.front.position(path))
                problems.append(_control_problem(pos.line, pos.col, f"a key under `{_shown(path)}`" if path else "a key", match))
            _control_characters(doc, item, (*path, key), problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _control_characters(doc, item, (*path, index), problems)
    elif isinstance(value, str) and (match := CONTROL.search(value)):
        pos = doc.front.position(path)
        problems.append(_control_problem(pos.line, pos.col, f"`{_shown(path)}`", match))


def _shown(path: ValuePath) -> str:
    """`tags[0]`, `decision.by`: a value's path as the schema's messages write it."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _kind(char: str) -> str:
    category = unicodedata.category(char)
    return "control character" if category == "Cc" else "lone surrogate" if category == "Cs" else "non-character"


def _control_problem(line: int, col: int, what: str, match: re.Match[str]) -> Problem:
    return Problem(
        "control-character",
        line,
        col,
        f"{what} holds the {_kind(match.group())} {codepoint(match.group())} at character {match.start() + 1}:"
        " remove it (feeds, search and page titles cannot carry it)",
    )
