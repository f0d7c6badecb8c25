"""Similar PR/FAQs: for each document, the others closest to it by their words (see
:mod:`mkdocs_prfaq.core.similar`), and the list of them under its card."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..catalog import Catalog
from ..model import Document
from ..similar import SIMILAR_SCORE, SimilarityIndex, document_text
from .html import Here, Links, document_src
from .templates import render

__all__ = ["TOP", "Neighbour", "similar_documents", "similar_list"]

#: How many similar documents a page and `catalog.json` show.
TOP = 3

#: Another document and its cosine similarity to the one at hand.
Neighbour = tuple[Document, float]


def similar_documents(catalog: Catalog, threshold: float = SIMILAR_SCORE) -> dict[str, list[Neighbour]]:
    """For each document with an id, up to three others at or above `threshold`, closest first."""
    texts = {doc_id: document_text(doc) for doc_id, doc in catalog.by_id.items()}
    found = SimilarityIndex(texts).neighbours(top=TOP, threshold=threshold)
    return {doc_id: [(catalog.by_id[s.id], s.score) for s in near] for doc_id, near in found.items()}


def similar_list(
    doc: Document, neighbours: Sequence[Neighbour], catalog: Catalog, links: Links, *, template_dirs: Sequence[Path] = ()
) -> str:
    """The "Similar PR/FAQs" list of a document's page (template `prfaq/similar.html`), or an
    empty string when no other document is close enough."""
    if not neighbours:
        return ""
    here = Here(links, catalog, document_src(doc))
    return render("similar.html", template_dirs, here=here, items=list(neighbours))
