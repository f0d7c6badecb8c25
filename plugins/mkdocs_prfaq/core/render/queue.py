"""The review queue's page (`catalog/review/`) and feed: every document in review, the longest
waiting first, with the date it entered review, its reviewers, and each reviewer's own list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..queue import QueueEntry, by_reviewer
from .feed import FeedEntry, atom
from .html import Here, Links
from .templates import render

__all__ = ["REVIEW", "REVIEW_FEED", "Reviewer", "queue_feed", "queue_page"]

REVIEW = "catalog/review.md"
REVIEW_FEED = "feeds/review.xml"

#: Where each entry's date of entering review comes from, as the page says it.
SOURCES = {
    "history": "from git history",
    "updated": "from the front matter's updated (no history)",
    "created": "from the front matter's created (no history)",
}


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A person named as reviewer, the anchor of their section, and what waits for them."""

    name: str
    anchor: str
    entries: list[QueueEntry]

    @property
    def overdue(self) -> int:
        return sum(entry.overdue for entry in self.entries)


def queue_page(
    queue: Sequence[QueueEntry],
    catalog: Catalog,
    links: Links,
    *,
    today: dt.date,
    overdue_days: int,
    template_dirs: Sequence[Path] = (),
) -> str:
    """The review queue's page (template `prfaq/queue.md`)."""
    reviewers = [
        Reviewer(name, f"reviewer-{index}", entries) for index, (name, entries) in enumerate(by_reviewer(queue).items(), 1)
    ]
    return render(
        "queue.md",
        template_dirs,
        title="Review queue",
        description="Every PR/FAQ in review, the longest waiting first, and what waits for each reviewer.",
        here=Here(links, catalog, REVIEW),
        entries=list(queue),
        reviewers=reviewers,
        unassigned=[entry for entry in queue if not entry.reviewers],
        sources=SOURCES,
        today=today,
        overdue_days=overdue_days,
        feed=REVIEW_FEED,
    )


def queue_feed(
    queue: Sequence[QueueEntry], *, today: dt.date, site_url: str, site_name: str, directory_urls: bool = True
) -> str:
    """The queue as an Atom feed: one entry per document in review, dated the day it entered
    review (so an entry is new once, when the document joins the queue)."""
    items = []
    for entry in sorted(queue, key=lambda e: (e.since, e.doc.id or ""), reverse=True):
        doc = entry.doc
        names = ", ".join(p.name for p in entry.reviewers) or "nobody named"
        late = ", overdue" if entry.overdue else ""
        summary = (
            f"In review since {entry.since.isoformat()} ({SOURCES.get(entry.since_source, entry.since_source)}): "
            f"{entry.days} days on {today.isoformat()}{late}. Reviewers: {names}."
        )
        key = f"{doc.id}/review/{entry.since.isoformat()}"
        items.append(FeedEntry(key, f"{doc.id} waits for review: {doc.title}", entry.since, doc, summary, doc.status))
    return atom(
        items,
        site_url=site_url,
        path=REVIEW_FEED,
        title=f"{site_name}: PR/FAQs waiting for review",
        alternate=Links(directory_urls).url(REVIEW),
        directory_urls=directory_urls,
    )
