"""`prfaq new`'s suggestions: the existing PR/FAQs closest to a new one's title and customer,
printed before its file is written, so that an author reads them before writing the same idea.

A new document has only a title and a customer, so the catalog is compared by the same: each
document's title (twice, as :func:`~mkdocs_prfaq.core.similar.document_text` counts it),
customer and summary, by :mod:`mkdocs_prfaq.core.similar`'s TF-IDF vectors. Bodies are not read
into the vectors: at N = 10,000 that fit alone took seconds (see bench/similar.py), and a title
has nothing to match most of a body's words with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .loader import discover, load
from .similar import SIMILAR_SCORE, SimilarityIndex

if TYPE_CHECKING:
    from .model import Document
    from .settings import Settings

__all__ = ["SUGGESTIONS", "Suggestion", "closest_text", "heading_text", "suggestions", "suggestions_text"]

#: How many documents `prfaq new` names.
SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: str
    status: str
    title: str
    score: float


def heading_text(title: str, customer: str | None, summary: str = "") -> str:
    """The words a document is compared by here: its title twice, its customer and summary."""
    return "\n".join([title, title, customer or "", summary])


def suggestions(
    settings: Settings, title: str, customer: str | None = None, *, threshold: float = SIMILAR_SCORE
) -> list[Suggestion]:
    """The documents of the source folder closest to a new title and customer, closest first,
    at most :data:`SUGGESTIONS`, each at or above `threshold`."""
    if not settings.source_dir.is_dir():
        return []
    loaded = load(
        [Path(path) for path, _ in discover(settings.source_dir)],
        root=settings.root,
        source=settings.source_dir,
        max_bytes=settings.max_file_size,
        bodies_for=(),
    )
    by_id: dict[str, Document] = {}
    for doc in loaded.documents:
        if doc.id is not None:
            by_id.setdefault(doc.id, doc)
    index = SimilarityIndex({i: heading_text(d.title, d.customer, d.summary) for i, d in by_id.items()})
    found = index.closest(heading_text(title, customer), top=SUGGESTIONS, threshold=threshold)
    return [Suggestion(s.id, by_id[s.id].status or "", by_id[s.id].title, s.score) for s in found]


def suggestions_text(found: list[Suggestion]) -> str:
    """What `prfaq new` prints (nothing when nothing is close)."""
    if not found:
        return ""
    width = max(len(s.status) for s in found)
    rows = [f"  {s.id}  {s.status.ljust(width)}  {s.score:.2f}  {s.title}" for s in found]
    return "\n".join(["Closest existing PR/FAQs: read them before writing this one.", *rows, ""])


def closest_text(settings: Settings, title: str, customer: str | None) -> str:
    """`prfaq new`'s lines: the closest documents, at the site's `similar` threshold (its default
    when the site turns the similar PR/FAQs off)."""
    threshold = SIMILAR_SCORE if settings.similar is None else settings.similar
    return suggestions_text(suggestions(settings, title, customer, threshold=threshold))
