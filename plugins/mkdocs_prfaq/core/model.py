"""The domain model: statuses and the PR/FAQ document with typed, tolerant accessors.

A document is kept even when its front matter has errors, so that cross-document checks can
still run in the same pass; the accessors return `None` (or empty) for values of the wrong type
instead of raising, and the schema findings say what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .body import BodyStructure
from .frontmatter import FrontMatter, Position

__all__ = ["BANNERED", "DECIDED", "ID_PATTERN", "IN_WRITING", "STATUSES", "Decision", "Document", "Person", "Related", "parse_date", "same_title"]

STATUSES: tuple[str, ...] = (
    "draft",
    "in-review",
    "approved",
    "building",
    "launched",
    "shelved",
    "rejected",
    "superseded",
)
#: Statuses that record a decision taken on the document.
DECIDED = frozenset({"approved", "building", "launched", "shelved", "rejected"})
#: Statuses of a document still being written: the writing rules give it feedback. The others are
#: records, not rewritten for style (their schema, field, corpus and body rules still run).
IN_WRITING = frozenset({"draft", "in-review"})
#: Statuses whose page carries a banner saying the document is not (or no longer) a plan of record.
BANNERED = frozenset({"draft", "in-review", "shelved", "rejected", "superseded"})

#: Markdown's inline marks, which a heading may use and a YAML title does not.
_MARKS = re.compile(r"[*_`\\]")
ID_PATTERN = re.compile(r"PRFAQ-[0-9]{4,}\Z")  # `match` anchors the start; `\Z`, unlike `$`, no final newline
_EMAIL = re.compile(r"<([^<>\s]+)>$")


def parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    email: str | None

    @classmethod
    def parse(cls, text: str) -> Person:
        """`Name <email>` or `Name`; text with other `<` or `>` is all name. Linear time: a single
        regex over the whole text backtracks cubically on long runs of spaces."""
        text = text.strip()
        match = _EMAIL.search(text)
        name = text[: match.start()] if match else text
        if "<" in name or ">" in name:
            return cls(text, None)
        return cls(name.strip(), match[1] if match else None)


@dataclass(frozen=True, slots=True)
class Decision:
    date: dt.date | None
    by: str
    notes: str | None


@dataclass(frozen=True, slots=True)
class Related:
    title: str
    url: str


@dataclass(slots=True)
class Document:
    """One PR/FAQ file: where it is, its front matter, and its body's structure."""

    #: Path relative to the project root, POSIX style, as printed in findings.
    path: str
    front: FrontMatter
    body: str
    body_line: int
    structure: BodyStructure
    #: Filled from git history when available (see :mod:`mkdocs_prfaq.core.history`).
    history: list[dict[str, str]] = field(default_factory=list)
    git_updated: dt.date | None = None
    git_created: dt.date | None = None
    contributors: list[str] = field(default_factory=list)
    #: Results derived from the document and computed once per build (the writing findings,
    #: needed by the check and by the review panel), keyed by what they depend on.
    memo: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- raw access ---------------------------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        return self.front.data

    def _str(self, key: str) -> str | None:
        value = self.meta.get(key)
        return value if isinstance(value, str) else None

    def _list_of_str(self, key: str) -> list[str]:
        value = self.meta.get(key)
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, str)]

    def position(self, *path: str | int) -> Position:
        return self.front.position(path)

    # -- typed fields -------------------------------------------------------------------------
    @property
    def id(self) -> str | None:
        value = self._str("id")
        return value if value is not None and ID_PATTERN.match(value) else None

    @property
    def title(self) -> str:
        return self._str("title") or self.id or self.path

    @property
    def status(self) -> str | None:
        value = self._str("status")
        return value if value in STATUSES else None

    @property
    def team(self) -> str | None:
        return self._str("team")

    @property
    def customer(self) -> str | None:
        return self._str("customer")

    @property
    def authors(self) -> list[Person]:
        return [Person.parse(a) for a in self._list_of_str("authors")]

    @property
    def reviewers(self) -> list[Person]:
        return [Person.parse(a) for a in self._list_of_str("reviewers")]

    @property
    def tags(self) -> list[str]:
        return self._list_of_str("tags")

    @property
    def created(self) -> dt.date | None:
        return parse_date(self.meta.get("created")) or self.git_created

    @property
    def updated(self) -> dt.date | None:
        """The front matter's `updated`, else the last commit's date, else `created`."""
        return parse_date(self.meta.get("updated")) or self.git_updated or self.created

    @property
    def launch(self) -> dt.date | None:
        return parse_date(self.meta.get("launch"))

    @property
    def decision(self) -> Decision | None:
        value = self.meta.get("decision")
        if not isinstance(value, dict):
            return None
        by = value.get("by")
        notes = value.get("notes")
        return Decision(
            date=parse_date(value.get("date")),
            by=by if isinstance(by, str) else "",
            notes=notes if isinstance(notes, str) else None,
        )

    @property
    def supersedes(self) -> list[str]:
        return self._list_of_str("supersedes")

    @property
    def superseded_by(self) -> str | None:
        return self._str("superseded_by")

    @property
    def related(self) -> list[Related]:
        value = self.meta.get("related")
        if not isinstance(value, list):
            return []
        return [
            Related(item["title"], item["url"])
            for item in value
            if isinstance(item, dict) and isinstance(item.get("title"), str) and isinstance(item.get("url"), str)
        ]

    @property
    def summary(self) -> str:
        return self._str("summary") or self.structure.first_paragraph

    @property
    def slug(self) -> str:
        """The page's folder name: the id in lower case (stable across renames)."""
        return (self.id or "").lower()


def same_title(heading: str, title: str) -> bool:
    """Whether a body heading says the title: the same words, whatever the Markdown marks,
    spacing and case."""

    def words(text: str) -> str:
        return " ".join(_MARKS.sub("", text).split()).casefold()

    return words(heading) == words(title)
