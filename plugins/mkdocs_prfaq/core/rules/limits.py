"""Limits on what one document asks the build to make: tags, abbreviations and footnotes.

Each is cheap to write and dear to build. A tag is a page listing its documents; Python-Markdown
looks for every abbreviation in every paragraph and links every footnote mark to its definition
in time that grows with the square of their number (4,000 marks: 20 s). The counts here read
each line once, whatever the body holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..findings import Problem
from ..model import Document
from ..scan import position
from ..settings import Limits

__all__ = ["limits_check"]

#: An abbreviation definition as Python-Markdown's `abbr` reads one: `*[SLA]: Service-level agreement`.
_ABBREVIATION = re.compile(r"^\*\[[^\]\\\n]*\] ?:", re.MULTILINE)
#: A footnote mark `[^1]`, or a definition `[^1]:` (no `[` in a label: each match stops at the next one).
_FOOTNOTE = re.compile(r"\[\^[^\]\[\n]+\](:?)")


def limits_check(limits: Limits) -> Callable[[Document], list[Problem]]:
    """The check of one document against `limits` (the document checks take a document alone)."""

    def check(doc: Document) -> list[Problem]:
        return [*_tags(doc, limits.tags), *_body(doc, limits)]

    return check


def _tags(doc: Document, limit: int) -> list[Problem]:
    tags = doc.meta.get("tags")
    if not isinstance(tags, list) or len(tags) <= limit:
        return []
    pos = doc.position("tags", limit)
    return [
        Problem(
            "too-many-tags",
            pos.line,
            pos.col,
            f"`tags` lists {len(tags):,} tags, over the limit of {limit} (each tag is a page of the site):"
            f" keep the few readers browse by, or raise `max_tags` in mkdocs.yml",
        )
    ]


def _body(doc: Document, limits: Limits) -> list[Problem]:
    body = doc.body
    # Neither pattern can match without its opening: most bodies are not scanned at all.
    abbreviations = list(_ABBREVIATION.finditer(body)) if "*[" in body else []
    marks: list[re.Match[str]] = []
    definitions: list[re.Match[str]] = []
    for match in _FOOTNOTE.finditer(body) if "[^" in body else ():
        (definitions if match.group(1) else marks).append(match)
    problems: list[Problem] = []
    if len(abbreviations) > limits.abbreviations:
        line, col = position(doc.body, abbreviations[limits.abbreviations].start(), doc.body_line)
        problems.append(
            Problem(
                "too-many-abbreviations",
                line,
                col,
                f"the body defines {len(abbreviations):,} abbreviations (`*[...]:`), over the limit of"
                f" {limits.abbreviations}: define only those the text uses, or raise `max_abbreviations` in mkdocs.yml",
            )
        )
    worst = max(marks, definitions, key=len)
    if len(worst) > limits.footnotes:
        line, col = position(doc.body, worst[limits.footnotes].start(), doc.body_line)
        what = "footnote marks (`[^...]`)" if worst is marks else "footnotes (`[^...]:`)"
        problems.append(
            Problem(
                "too-many-footnotes",
                line,
                col,
                f"the body holds {len(worst):,} {what}, over the limit of {limits.footnotes}:"
                " move the notes to an appendix or a linked page, or raise `max_footnotes` in mkdocs.yml",
            )
        )
    return problems
