"""`prfaq new`'s suggestions: the existing PR/FAQs closest to a new one's title and customer,
printed before its file is written, so that an author reads them before writing the same idea.

A new document has only a title and a customer, so the catalog is compared by the same: each
document's title (twice, as :func:`~mkdocs_prfaq.core.similar.document_text` counts it),
customer and summary. The vectors are :mod:`mkdocs_prfaq.core.similar`'s (scikit-learn's
TF-IDF: the same words, stop words, weights and cosine), computed here in plain Python, without
importing numpy: these texts are a few dozen words each (tests compare the scores).
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import CACHE_DIR, fingerprint, keep, kept_stamp, stamp
from .findings import printable
from .loader import discover, display_path, load
from .similar import SIMILAR_SCORE, Similar, bag_of

if TYPE_CHECKING:
    from .settings import Settings

__all__ = [
    "SUGGESTIONS",
    "HeadingIndex",
    "Suggestion",
    "closest_text",
    "heading_text",
    "suggestions",
    "suggestions_text",
]

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
    settings: Settings,
    title: str,
    customer: str | None = None,
    *,
    threshold: float = SIMILAR_SCORE,
    cache: bool = True,
) -> list[Suggestion]:
    """The documents of the source folder closest to a new title and customer, closest first,
    at most :data:`SUGGESTIONS`, each at or above `threshold`. With `cache`, each file's heading
    is kept in `.prfaq_cache/` and read again only when the file changed."""
    if not settings.source_dir.is_dir():
        return []
    by_id: dict[str, Heading] = {}
    for heading in headings(settings, cache=cache).values():
        if heading[0] is not None:
            by_id.setdefault(heading[0], heading)
    index = HeadingIndex({i: h[3] for i, h in by_id.items()})
    found = index.closest(heading_text(title, customer), top=SUGGESTIONS, threshold=threshold)
    return [Suggestion(s.id, by_id[s.id][1] or "", by_id[s.id][2], s.score) for s in found]


#: A document's (id, status, title, heading text).
Heading = tuple[str | None, str | None, str, str]
_HEADINGS = "headings.json"


def headings(settings: Settings, *, cache: bool = True) -> dict[str, Heading]:
    """Each document's heading, by display path, in the folder's order: the unchanged files'
    from `.prfaq_cache/headings.json` (same size, modification time and inode), the others read."""
    folder = settings.root / CACHE_DIR
    key = fingerprint([settings.max_file_size, _HEADINGS])
    old: dict[str, list[Any]] = {}
    if cache:
        try:
            data = json.loads((folder / _HEADINGS).read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("key") == key and isinstance(data.get("entries"), dict):
                old = data["entries"]
        except (OSError, ValueError):
            pass
    kept: dict[str, list[Any]] = {}
    fresh: dict[str, Path] = {}
    for path, _ in discover(settings.source_dir):
        shown = display_path(path, settings.root)
        raw = old.get(shown)
        current = stamp(path)
        if current is not None and isinstance(raw, list) and len(raw) == 5 and raw[0] == list(current):
            kept[shown] = raw
        else:
            fresh[shown] = Path(path)
    loaded = load(
        list(fresh.values()),
        root=settings.root,
        source=settings.source_dir,
        max_bytes=settings.max_file_size,
        bodies_for=(),
    )
    now = time.time_ns()
    for doc in loaded.documents:
        kept[doc.path] = [
            kept_stamp(stamp(fresh[doc.path]), now),
            doc.id,
            doc.status,
            doc.title,
            heading_text(doc.title, doc.customer, doc.summary),
        ]
    if cache and (fresh or kept.keys() != old.keys()):
        keep(folder, _HEADINGS, json.dumps({"key": key, "entries": kept}, separators=(",", ":")).encode())
    return {shown: (raw[1], raw[2], raw[3], raw[4]) for shown, raw in kept.items()}


def suggestions_text(found: list[Suggestion]) -> str:
    """What `prfaq new` prints (nothing when nothing is close)."""
    if not found:
        return ""
    width = max(len(s.status) for s in found)
    # Titles come from committed files: control characters and bidi overrides print as escapes.
    rows = [f"  {printable(s.id)}  {printable(s.status.ljust(width))}  {s.score:.2f}  {printable(s.title)}" for s in found]
    return "\n".join(["Closest existing PR/FAQs: read them before writing this one.", *rows, ""])


def closest_text(settings: Settings, title: str, customer: str | None) -> str:
    """`prfaq new`'s lines: the closest documents, at the site's `similar` threshold (its default
    when the site turns the similar PR/FAQs off)."""
    threshold = SIMILAR_SCORE if settings.similar is None else settings.similar
    return suggestions_text(suggestions(settings, title, customer, threshold=threshold))


class HeadingIndex:
    """:class:`~mkdocs_prfaq.core.similar.SimilarityIndex`'s vectors (lower-cased words, English
    stop words out, words in over half the documents out from 10 documents on, tf 1 + ln(count),
    smooth idf, L2 norm) for short texts, as dictionaries."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        counts = {key: bag_of(text) for key, text in texts.items()}
        frequency = Counter(word for words in counts.values() for word in words)
        most = 0.5 * len(counts) if len(counts) >= 10 else len(counts)
        n = len(counts)
        self.idf = {w: math.log((1 + n) / (1 + df)) + 1 for w, df in frequency.items() if df <= most}
        self.vectors = {key: self._vector(words) for key, words in counts.items()} if n >= 2 else {}

    def _vector(self, words: Mapping[str, int]) -> dict[str, float]:
        weights = {w: (1 + math.log(c)) * self.idf[w] for w, c in words.items() if w in self.idf}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {w: v / norm for w, v in weights.items()} if norm else {}

    def closest(self, text: str, *, top: int = 3, threshold: float = SIMILAR_SCORE) -> list[Similar]:
        """The documents closest to `text`, at or above `threshold`, closest first (ties by key)."""
        query = self._vector(bag_of(text))
        scores = [(sum(v * vector.get(w, 0.0) for w, v in query.items()), key) for key, vector in self.vectors.items()]
        ranked = sorted((-score, key) for score, key in scores if score >= threshold and score > 0)
        return [Similar(key, round(-score, 3)) for score, key in ranked[:top]]
