"""`possible-duplicate`: a document still being written (draft, in review) whose words are very
close to another document's, most likely proposing again what the other proposed.

The comparison is :mod:`mkdocs_prfaq.core.similar`'s (TF-IDF vectors, cosine), over the whole
catalog, so the finding depends on every other document: it is computed in each check, never
kept in the check's cache. A check that reports on no document in writing reads nothing more and
loads no scikit-learn; pairs of two decided documents are never compared.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Problem
from ..loader import load
from ..model import IN_WRITING, Document
from ..similar import DUPLICATE_SCORE, SimilarityIndex, document_text

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["MIN_CATALOG", "TOP", "check_duplicates", "duplicates_in", "naming"]

#: How many close documents one finding names, closest first.
TOP = 3
#: Below this many documents, words cannot be weighed by how rare they are: in a handful of
#: documents written from one template, the template's words make every pair look close (two
#: unrelated examples of three scored over 0.65). The rule waits for a catalog.
MIN_CATALOG = 10


def naming(doc: Document) -> str:
    """How a finding names another document: its id (or file), status and the date of its last
    known change (`updated`, else `created`), such as "PRFAQ-0005, shelved 2025-08-18"."""
    day = doc.updated
    return f"{doc.id or doc.path}, {' '.join([doc.status or 'no status', *([str(day)] if day else [])])}"


def duplicates_in(
    documents: Sequence[Document], reported: Collection[str], threshold: float = DUPLICATE_SCORE
) -> list[tuple[Document, Problem]]:
    """The `possible-duplicate` findings of the documents in writing among the display paths
    `reported`, against every other of `documents`."""
    writing = [d.path for d in documents if d.path in reported and d.status in IN_WRITING]
    if not writing or len(documents) < MIN_CATALOG:
        return []
    by_path = {doc.path: doc for doc in documents}
    # Words are weighed by the documents not in writing, so that a draft's words do not count
    # as more common for being in the draft itself: in a catalog of a dozen, that took a hand
    # rewrite of a shelved document from 0.69 to 0.63. The same weights in a check of one file
    # and of the folder; drafts are compared with each other under them too.
    in_writing = {doc.path for doc in documents if doc.status in IN_WRITING}
    settled = [doc for doc in documents if doc.path not in in_writing]
    if len(settled) < 2:  # nothing to weigh words by: every document is
        settled, in_writing = list(documents), set()
    index = SimilarityIndex({doc.path: document_text(doc) for doc in settled})
    asked = {path: document_text(by_path[path]) for path in in_writing}
    if asked:
        found = index.around(asked, writing, top=TOP + 4, threshold=threshold)
    else:
        found = index.neighbours(top=TOP + 4, threshold=threshold, of=writing)
    out = []
    for path in writing:
        doc = by_path[path]
        named = {*doc.supersedes, doc.superseded_by} - {None}
        close = [by_path[s.id] for s in found[path] if by_path[s.id].id not in named][:TOP]
        if close:
            out.append((doc, _problem(doc, close)))
    return out


def _problem(doc: Document, close: Sequence[Document]) -> Problem:
    pos = doc.position("title")
    first, *others = close
    also = f" (also close: {'; '.join(naming(other) for other in others)})" if others else ""
    message = (
        f"very close to {naming(first)}: {first.title}{also}. Read it before going on; if this one"
        f" replaces it, say so in `supersedes`, else say in the FAQ what is different this time"
    )
    return Problem("possible-duplicate", pos.line, pos.col, message)


def check_duplicates(
    settings: Settings, paths: Sequence[str | Path], reported: Collection[str]
) -> list[tuple[Document, Problem]]:
    """Read the corpus's `paths` (front matter, and the body as text: none is analysed) and run
    :func:`duplicates_in` on the documents of the display paths `reported`."""
    loaded = load(
        [Path(p) for p in paths],
        root=settings.root,
        source=settings.source_dir,
        max_bytes=settings.max_file_size,
        bodies_for=(),
    )
    return duplicates_in(loaded.documents, reported, settings.duplicate)
