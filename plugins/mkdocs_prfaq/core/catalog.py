"""The catalog: validated documents, ordered, indexed by id, status, team, tag and quarter."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import STATUSES, Document


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass(slots=True)
class Catalog:
    documents: list[Document]
    teams: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    tags_vocabulary: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    by_id: dict[str, Document] = field(init=False)
    #: For each id, the ids of the documents that list it in their `supersedes`.
    replaced_by: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        # Newest first, then by id, so every listing is stable from one build to the next.
        self.documents = sorted(
            self.documents,
            key=lambda d: (-(d.updated or dt.date.min).toordinal(), d.id or ""),
        )
        self.by_id = {d.id: d for d in self.documents if d.id is not None}
        self.replaced_by = {}
        for doc in sorted(self.documents, key=lambda d: d.id or ""):
            for old in doc.supersedes:
                if doc.id is not None:
                    self.replaced_by.setdefault(old, []).append(doc.id)

    @classmethod
    def build(
        cls,
        documents: Iterable[Document],
        teams: Mapping[str, Mapping[str, str]] | None = None,
        tags: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Catalog:
        return cls(list(documents), teams or {}, tags or {})

    def team_name(self, slug: str) -> str:
        info = self.teams.get(slug)
        return info.get("name", slug) if info else slug

    def by_status(self) -> dict[str, list[Document]]:
        out: dict[str, list[Document]] = {s: [] for s in STATUSES}
        for doc in self.documents:
            if doc.status is not None:
                out[doc.status].append(doc)
        return out

    def by_team(self) -> dict[str, list[Document]]:
        out: dict[str, list[Document]] = {}
        for doc in self.documents:
            if doc.team:
                out.setdefault(doc.team, []).append(doc)
        return dict(sorted(out.items()))

    def by_tag(self) -> dict[str, list[Document]]:
        out: dict[str, list[Document]] = {}
        for doc in self.documents:
            for tag in doc.tags:
                out.setdefault(tag, []).append(doc)
        return dict(sorted(out.items()))

    def by_quarter(self) -> dict[str, Counter[str]]:
        """Documents created per quarter, counted by their current status; quarters without
        documents between the first and the last are present with no counts."""
        created = [d for d in self.documents if d.created is not None]
        if not created:
            return {}
        first = min(d.created for d in created if d.created)
        last = max(d.created for d in created if d.created)
        out: dict[str, Counter[str]] = {}
        year, q = first.year, (first.month - 1) // 3
        while (year, q) <= (last.year, (last.month - 1) // 3):
            out[f"{year}-Q{q + 1}"] = Counter()
            year, q = (year + 1, 0) if q == 3 else (year, q + 1)
        for doc in created:
            assert doc.created is not None
            out[quarter(doc.created)][doc.status or "draft"] += 1
        return out

    def filter(
        self, *, status: str | None = None, team: str | None = None, tag: str | None = None
    ) -> list[Document]:
        return [
            d
            for d in self.documents
            if (status is None or d.status == status)
            and (team is None or d.team == team)
            and (tag is None or tag in d.tags)
        ]
