"""The review queue: every document in review, oldest first, with how long it has waited.

A document entered review when git history last saw it become `in-review` (for a document
committed already in review, that is the day the catalog first saw it); without history (a
project outside git) the queue falls back to the front matter's `updated`, then `created`, and
says which date it used, since a reader must know whether "41 days" was measured or guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Document, Person, parse_date

__all__ = ["OVERDUE_DAYS", "QueueEntry", "by_reviewer", "entered_review", "review_queue"]

#: Days in review after which a document is marked overdue: six weeks, a review cycle missed.
OVERDUE_DAYS = 42


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One document waiting for a decision."""

    doc: Document
    #: The day the document entered review.
    since: dt.date
    #: Where `since` comes from: "history" (a commit), "updated" or "created" (the front matter).
    since_source: str
    days: int
    overdue: bool

    @property
    def reviewers(self) -> list[Person]:
        return self.doc.reviewers


def entered_review(doc: Document) -> tuple[dt.date | None, str]:
    """The day `doc` last became `in-review`, and where that date comes from: the latest commit
    that set the status (the status history lists changes only), else the front matter's
    `updated`, else its `created`."""
    became = [entry for entry in doc.history if entry["status"] == "in-review"]
    if became:
        return dt.date.fromisoformat(became[-1]["date"][:10]), "history"
    for key in ("updated", "created"):
        day = parse_date(doc.meta.get(key))
        if day is not None:
            return day, key
    return None, "unknown"


def review_queue(
    documents: Iterable[Document], today: dt.date, *, overdue_days: int = OVERDUE_DAYS
) -> list[QueueEntry]:
    """Every document in review, the longest waiting first (ties by id)."""
    entries = []
    for doc in documents:
        if doc.status != "in-review" or doc.id is None:
            continue
        since, source = entered_review(doc)
        if since is None:
            continue
        days = max((today - since).days, 0)
        entries.append(QueueEntry(doc, since, source, days, days > overdue_days))
    return sorted(entries, key=lambda e: (e.since, e.doc.id or ""))


def by_reviewer(queue: Iterable[QueueEntry]) -> dict[str, list[QueueEntry]]:
    """The queue of each person named as a reviewer, by name, names in alphabetical order."""
    mine: dict[str, list[QueueEntry]] = {}
    for entry in queue:
        for person in entry.reviewers:
            mine.setdefault(person.name, []).append(entry)
    return dict(sorted(mine.items(), key=lambda item: item[0].casefold()))
