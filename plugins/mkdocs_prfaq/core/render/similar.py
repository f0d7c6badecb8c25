"""Similar PR/FAQs: for each document, the others closest to it by their words (see
:mod:`mkdocs_prfaq.core.similar`), and the list of them under its card.

A build keeps what it found in `.prfaq_cache/similar.json`, under a digest of every document's
id and compared words, the threshold and this program: the next build of the same texts (a
second `mkdocs build`, a `mkdocs serve` rebuild after a change elsewhere) reads it and neither
imports numpy nor compares anything; any change to a compared text computes it all again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..cache import fingerprint, keep
from ..catalog import Catalog
from ..model import Document
from ..similar import SIMILAR_SCORE, Similar, SimilarityIndex, document_text
from .html import Here, Links, document_src
from .templates import render

__all__ = ["KEPT", "TOP", "Neighbour", "neighbours", "similar_documents", "similar_list"]

#: How many similar documents a page and `catalog.json` show.
TOP = 3

#: Another document and its cosine similarity to the one at hand.
Neighbour = tuple[Document, float]


#: The build's file in `.prfaq_cache/`.
KEPT = "similar.json"


def similar_documents(
    catalog: Catalog, threshold: float = SIMILAR_SCORE, cache_dir: Path | None = None
) -> dict[str, list[Neighbour]]:
    """For each document with an id, up to three others at or above `threshold`, closest first;
    kept in `cache_dir` (`.prfaq_cache/`), when given, for the next build of the same texts."""
    texts = {doc_id: document_text(doc) for doc_id, doc in catalog.by_id.items()}
    found = neighbours(texts, threshold, cache_dir)
    return {doc_id: [(catalog.by_id[s.id], s.score) for s in near] for doc_id, near in found.items()}


def neighbours(texts: Mapping[str, str], threshold: float, cache_dir: Path | None) -> dict[str, list[Similar]]:
    """:meth:`SimilarityIndex.neighbours` of `texts`, from `cache_dir`'s copy when it was found
    for the same texts, threshold and program."""
    if cache_dir is None:
        return SimilarityIndex(texts).neighbours(top=TOP, threshold=threshold)
    digest = hashlib.sha256(fingerprint([KEPT, TOP, threshold]).encode())
    for doc_id, text in texts.items():
        digest.update(f"{len(doc_id)}:{doc_id}{len(text)}:".encode())
        digest.update(text.encode())
    key = digest.hexdigest()
    try:
        kept = _valid(json.loads((cache_dir / KEPT).read_text(encoding="utf-8")), key, texts)
    except (OSError, ValueError):
        kept = None
    if kept is not None:
        return kept
    found = SimilarityIndex(texts).neighbours(top=TOP, threshold=threshold)
    data = {"key": key, "found": {doc_id: [[s.id, s.score] for s in near] for doc_id, near in found.items()}}
    keep(cache_dir, KEPT, json.dumps(data, separators=(",", ":")).encode())
    return found


def _valid(data: Any, key: str, texts: Mapping[str, str]) -> dict[str, list[Similar]] | None:
    """The kept neighbours, when `data` was kept under `key` and names only documents of `texts`."""
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("found"), dict):
        return None
    found = data["found"]
    if found.keys() != texts.keys():
        return None
    out: dict[str, list[Similar]] = {}
    for doc_id, near in found.items():
        if not isinstance(near, list) or not all(
            isinstance(s, list) and len(s) == 2 and s[0] in texts and isinstance(s[1], float | int) for s in near
        ):
            return None
        out[doc_id] = [Similar(other, float(score)) for other, score in near]
    return out


def similar_list(
    doc: Document,
    neighbours: Sequence[Neighbour],
    catalog: Catalog,
    links: Links,
    *,
    template_dirs: Sequence[Path] = (),
) -> str:
    """The "Similar PR/FAQs" list of a document's page (template `prfaq/similar.html`), or an
    empty string when no other document is close enough."""
    if not neighbours:
        return ""
    here = Here(links, catalog, document_src(doc))
    return render("similar.html", template_dirs, here=here, items=list(neighbours))
