"""The catalog: validated documents, ordered, indexed by id, status, team, tag and quarter."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import STATUSES, Document
from .settings import Limits

#: Facet values whose page would take the place of the folder's overview (`tags/index.md`):
#: their page goes into a folder of its own, `tags/index/index.md`, at the URL `tags/index/`.
RESERVED_FACET_NAMES = frozenset({"index"})

__all__ = ["RESERVED_FACET_NAMES", "Catalog", "quarter"]


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclass(slots=True)
class Catalog:
    documents: list[Document]
    teams: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Past a limit a value gets no page (when a site made the limit's finding a warning).
    limits: Limits = field(default_factory=Limits)
    by_id: dict[str, Document] = field(init=False)
    #: For each id, the ids of the documents that list it in their `supersedes`.
    replaced_by: dict[str, list[str]] = field(init=False)
    #: The tags and teams that have a page: the first `limits.facet_values` of each, by file.
    _faceted: dict[str, set[str]] = field(init=False)

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
        tags: dict[str, None] = {}
        teams: dict[str, None] = {}
        for doc in sorted(self.documents, key=lambda d: d.path):  # the order `prfaq check` counts in
            for tag in doc.tags[: self.limits.tags]:
                if len(tags) < self.limits.facet_values:
                    tags.setdefault(tag)
            if doc.team and len(teams) < self.limits.facet_values:
                teams.setdefault(doc.team)
        self._faceted = {"tags": set(tags), "teams": set(teams)}

    @classmethod
    def build(
        cls,
        documents: Iterable[Document],
        teams: Mapping[str, Mapping[str, str]] | None = None,
        limits: Limits | None = None,
    ) -> Catalog:
        return cls(list(documents), teams or {}, limits or Limits())

    def faceted_tags(self, doc: Document) -> list[str]:
        """The document's tags that have a page, in its order."""
        return [tag for tag in dict.fromkeys(doc.tags[: self.limits.tags]) if tag in self._faceted["tags"]]

    def facet_src(self, folder: str, value: str) -> str | None:
        """The source path of the page of a status, team or tag (`folder` is `status`, `teams` or
        `tags`), or None when the catalog makes none (a value past a limit)."""
        if folder != "status" and value not in self._faceted[folder]:
            return None
        return f"catalog/{folder}/{value}/index.md" if value in RESERVED_FACET_NAMES else f"catalog/{folder}/{value}.md"

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
            if doc.team and doc.team in self._faceted["teams"]:
                out.setdefault(doc.team, []).append(doc)
        return dict(sorted(out.items()))

    def by_tag(self) -> dict[str, list[Document]]:
        out: dict[str, list[Document]] = {}
        for doc in self.documents:
            for tag in self.faceted_tags(doc):
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
