"""The decision funnel: how many proposals are written, decided and approved, and how long that
takes, per quarter (of creation) and per team.

What each figure counts:

- *proposals*: documents created in the period (front matter `created`, else the first commit);
- *decided*: those that reached a decision, the `decision.date` of their front matter, or else
  the first commit that gave them a decided status;
- *approved*: decided documents whose decision was to build (approved, building or launched,
  now or at any point of their history, so a plan approved then superseded counts);
- *approval rate*: approved over decided, when anything was decided;
- *days to decision*: from `created` to the decision; *days in review*: from the last time
  history saw the document enter review before the decision, to the decision.

What they cannot know: a document committed with a decided status already has no time in review
(it is left out of that median and counted in `review_unknown`), and without git history the
status of a document in past quarters is taken to be its status today.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import DECIDED, STATUSES, Document

__all__ = ["Funnel", "Insights", "decision_day", "insights", "quarter", "status_on"]

#: Statuses that mean the decision was to build.
BUILT = frozenset({"approved", "building", "launched"})


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quarter_end(label: str) -> dt.date:
    year, q = int(label[:4]), int(label[-1])
    first_of_next = dt.date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def _day(entry: dict[str, str]) -> dt.date:
    return dt.date.fromisoformat(entry["date"][:10])


def decision_day(doc: Document) -> dt.date | None:
    """When `doc` was decided: its decision's date, else the first commit with a decided status."""
    decision = doc.decision
    if decision is not None and decision.date is not None:
        return decision.date
    return next((_day(e) for e in doc.history if e["status"] in DECIDED), None)


def _approved(doc: Document) -> bool:
    return doc.status in BUILT or any(e["status"] in BUILT for e in doc.history)


def _review_start(doc: Document, decided: dt.date) -> dt.date | None:
    starts = [_day(e) for e in doc.history if e["status"] == "in-review" and _day(e) <= decided]
    return starts[-1] if starts else None


def status_on(doc: Document, day: dt.date) -> str | None:
    """The status `doc` had at the end of `day`: from history, else (no history) its status today
    from its creation on; None before it existed."""
    if doc.history:
        seen = [e["status"] for e in doc.history if _day(e) <= day]
        return seen[-1] if seen else None
    created = doc.created
    return doc.status if created is not None and created <= day else None


@dataclass(slots=True)
class Funnel:
    """The figures of one group of documents (a quarter, a team, or all)."""

    proposals: int = 0
    decided: int = 0
    approved: int = 0
    days_to_decision: list[int] = field(default_factory=list)
    days_in_review: list[int] = field(default_factory=list)
    #: Decided documents whose time in review history cannot tell.
    review_unknown: int = 0

    def add(self, doc: Document) -> None:
        self.proposals += 1
        decided = decision_day(doc)
        if decided is None:
            return
        self.decided += 1
        self.approved += _approved(doc)
        if doc.created is not None:
            self.days_to_decision.append((decided - doc.created).days)
        start = _review_start(doc, decided)
        if start is None:
            self.review_unknown += 1
        else:
            self.days_in_review.append((decided - start).days)

    @property
    def approval_rate(self) -> float | None:
        return self.approved / self.decided if self.decided else None

    @staticmethod
    def _median(values: Sequence[int]) -> float | None:
        return statistics.median(values) if values else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "proposals": self.proposals,
            "decided": self.decided,
            "approved": self.approved,
            "approval_rate": None if self.approval_rate is None else round(self.approval_rate, 3),
            "median_days_to_decision": self._median(self.days_to_decision),
            "median_days_in_review": self._median(self.days_in_review),
            "review_unknown": self.review_unknown,
        }


@dataclass(slots=True)
class Insights:
    total: Funnel
    by_quarter: dict[str, Funnel]
    by_team: dict[str, Funnel]
    #: At the end of each quarter, how many documents had each status.
    statuses: dict[str, dict[str, int]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total.as_dict(),
            "by_quarter": {k: v.as_dict() for k, v in self.by_quarter.items()},
            "by_team": {k: v.as_dict() for k, v in self.by_team.items()},
            "statuses_at_quarter_end": self.statuses,
        }


def _grouped(docs: Sequence[Document], key: Callable[[Document], str | None]) -> dict[str, Funnel]:
    groups: dict[str, Funnel] = {}
    for doc in docs:
        label = key(doc)
        if label is not None:
            groups.setdefault(label, Funnel()).add(doc)
    return dict(sorted(groups.items()))


def insights(documents: Iterable[Document], today: dt.date) -> Insights:
    docs = [d for d in documents if d.id is not None]
    total = Funnel()
    for doc in docs:
        total.add(doc)
    by_quarter = _grouped(docs, lambda d: quarter(d.created) if d.created else None)
    statuses: dict[str, dict[str, int]] = {}
    if by_quarter:
        label = next(iter(by_quarter))
        while label <= quarter(today):
            end = min(_quarter_end(label), today)
            counts = {s: 0 for s in STATUSES}
            for doc in docs:
                status = status_on(doc, end)
                if status in counts:
                    counts[status] += 1
            statuses[label] = counts
            label = quarter(_quarter_end(label) + dt.timedelta(days=1))
    return Insights(total, by_quarter, _grouped(docs, lambda d: d.team), statuses)
