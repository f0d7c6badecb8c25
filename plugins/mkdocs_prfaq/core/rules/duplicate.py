"""`possible-duplicate`: a document still being written (draft, in review) whose words are very
close to another document's, most likely proposing again what the other proposed.

The comparison is :mod:`mkdocs_prfaq.core.similar`'s (TF-IDF vectors, cosine), over the whole
catalog, so the finding depends on every other document. A check that reports on no document in
writing reads nothing more and loads no numpy; pairs of two decided documents are never
compared.

Between checks, `.prfaq_cache/duplicates.npz` keeps what the rule read of each file (by its
stamp: size, modification time, inode; a file changed within the last two seconds is not kept)
and the vectors: the words and weights fitted on the settled documents, and every document's
row. A check reads again only the files whose stamp changed; while the settled documents' texts
are those the weights were fitted on, the changed drafts are weighed with the kept weights, else
everything is read and fitted again. A cache that cannot be read, or was written by another
version, is ignored.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..cache import CACHE_DIR, Stamp, fingerprint, keep, kept_stamp, stamp
from ..findings import Problem
from ..loader import case_clashes, display_path, load
from ..model import IN_WRITING, Document
from ..similar import (
    DUPLICATE_SCORE,
    Bag,
    Rows,
    SimilarityIndex,
    Weights,
    bag_of,
    best_of,
    best_rows,
    document_text,
    fit,
    weigh,
)

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["KEPT", "MIN_CATALOG", "TOP", "Compared", "Known", "check_duplicates", "compared", "duplicates_in", "naming"]

#: How many close documents one finding names, closest first.
TOP = 3
#: Below this many documents, words cannot be weighed by how rare they are: in a handful of
#: documents written from one template, the template's words make every pair look close (two
#: unrelated examples of three scored over 0.65). The rule waits for a catalog.
MIN_CATALOG = 10
#: The rule's file in `.prfaq_cache/`.
KEPT = "duplicates.npz"


class Known(NamedTuple):
    """What the rule knows of one document: what a finding says of it, and a digest of its words."""

    path: str
    id: str | None
    status: str | None
    title: str
    #: `updated`, else `created` (ISO date), as :func:`naming` shows it.
    updated: str | None
    #: The ids it supersedes and is superseded by: never its duplicates.
    named: tuple[str, ...]
    #: Where its title is (line, column), where a finding points.
    line: int
    col: int
    digest: str


#: What the rule reads of one document: what it knows of it, and the words it compares.
Compared = tuple[Known, Bag]


def compared(doc: Document) -> Compared:
    """What the rule reads of `doc`: the check's worker processes send it along with the
    document's findings, so that the rule need not read the file again (and its words are
    counted in the workers, spread over the cores)."""
    text = document_text(doc)
    return known(doc, text), bag_of(text)


def known(doc: Document, text: str | None = None) -> Known:
    """What the rule knows of `doc`; `text` is its :func:`document_text`, when already made."""
    pos = doc.position("title")
    day = doc.updated
    named = tuple(i for i in (*doc.supersedes, doc.superseded_by) if i is not None)
    day_text = str(day) if day else None
    words = document_text(doc) if text is None else text
    return Known(doc.path, doc.id, doc.status, doc.title, day_text, named, pos.line, pos.col, _digest(words))


def naming(doc: Document | Known) -> str:
    """How a finding names another document: its id (or file), status and the date of its last
    known change (`updated`, else `created`), such as "PRFAQ-0005, shelved 2025-08-18"."""
    day = doc.updated
    return f"{doc.id or doc.path}, {' '.join([doc.status or 'no status', *([str(day)] if day else [])])}"


def duplicates_in(
    documents: Sequence[Document], reported: Collection[str], threshold: float = DUPLICATE_SCORE
) -> list[tuple[Known, Problem]]:
    """The `possible-duplicate` findings of the documents in writing among the display paths
    `reported`, against every other of `documents`."""
    writing = [d.path for d in documents if d.path in reported and d.status in IN_WRITING]
    if not writing or len(documents) < MIN_CATALOG:
        return []
    read = {doc.path: compared(doc) for doc in documents}
    knowns = {path: k for path, (k, _) in read.items()}
    _, found = _fit({path: bag for path, (_, bag) in read.items()}, knowns, writing, threshold)
    return _findings(knowns, writing, found)


def _fit(
    bags: Mapping[str, Bag], knowns: Mapping[str, Known], writing: Sequence[str], threshold: float
) -> tuple[_Vectors | None, dict[str, list[Any]]]:
    """The vectors of every document of `bags` (words weighed by the settled ones) and the
    closest others of each of `writing`."""
    # Words are weighed by the documents not in writing, so that a draft's words do not count
    # as more common for being in the draft itself: in a catalog of a dozen, that took a hand
    # rewrite of a shelved document from 0.69 to 0.63. The same weights in a check of one file
    # and of the folder; drafts are compared with each other under them too.
    settled = [path for path in bags if knowns[path].status not in IN_WRITING]
    if len(settled) < 2:  # nothing to weigh words by: every document is
        return None, SimilarityIndex.of_bags(bags).neighbours(top=TOP + 4, threshold=threshold, of=writing)
    fitted = fit([bags[path] for path in settled])
    if fitted is None:
        return None, {path: [] for path in writing}
    weights, rows = fitted
    drafts = [path for path in bags if knowns[path].status in IN_WRITING]
    digests = {path: knowns[path].digest for path in settled}
    kept = _Vectors(weights, [*settled, *drafts], _settled_key(settled, digests))
    kept.rows = rows.then(weigh([bags[path] for path in drafts], weights))
    return kept, kept.closest(writing, threshold)


def _findings(
    known: Mapping[str, Known], writing: Sequence[str], found: Mapping[str, list[Any]]
) -> list[tuple[Known, Problem]]:
    out = []
    for path in writing:
        doc = known[path]
        close = [known[s.id] for s in found.get(path, []) if known[s.id].id not in doc.named][:TOP]
        if close:
            out.append((doc, _problem(doc, close)))
    return out


def _problem(doc: Known, close: Sequence[Known]) -> Problem:
    first, *others = close
    also = f" (also close: {'; '.join(naming(other) for other in others)})" if others else ""
    message = (
        f"very close to {naming(first)}: {first.title}{also}. Read it before going on; if this one"
        f" replaces it, say so in `supersedes`, else say in the FAQ what is different this time"
    )
    return Problem("possible-duplicate", doc.line, doc.col, message)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _settled_key(settled: Sequence[str], digests: Mapping[str, str]) -> str:
    """What the weights depend on: the settled documents, in order, and their words' digests."""
    return _digest("\0".join(f"{path}\0{digests[path]}" for path in settled))


#: Up to this many documents in writing reported, each is compared in plain numpy (no scipy to
#: import: a check of a file or two); more, in blocks of one sparse product.
FEW = 16


class _Vectors:
    """The fitted words and weights, and the rows of the documents `order`."""

    def __init__(self, weights: Weights, order: list[str], settled_key: str) -> None:
        self.weights, self.order, self.settled_key = weights, order, settled_key
        self.rows = Rows(None, None, None, len(weights.columns))

    def closest(self, writing: Sequence[str], threshold: float) -> dict[str, list[Any]]:
        at = {path: n for n, path in enumerate(self.order)}
        wanted = [at[p] for p in writing if p in at]
        if len(wanted) > FEW:
            return best_rows(self.rows.matrix(), wanted, self.order, TOP + 4, threshold)
        found = {}
        for n in wanted:
            row = self.rows.scores(n)
            row[n] = 0.0  # not similar to itself
            found[self.order[n]] = best_of(row, self.order, TOP + 4, threshold)
        return found


def check_duplicates(
    settings: Settings, paths: Sequence[str | Path], reported: Collection[str], *, keep: bool = True,
    read: Mapping[str, Compared] | None = None,
) -> list[tuple[Known, Problem]]:  # fmt: skip
    """:func:`duplicates_in` on the documents of the display paths `reported` among the corpus's
    `paths`, reading only the files changed since the last check (see the module's note) and
    not already `read` by the check (:func:`compared`, by display path); without `keep`
    (`prfaq check --no-cache`), every file is read and nothing is kept."""
    read = read or {}
    files = {display_path(p, settings.root): p for p in paths}
    folder = settings.root / CACHE_DIR
    key = fingerprint([settings.max_file_size, KEPT])
    cache = (_read(folder / KEPT, key) if keep else None) or _NOTHING_KEPT
    # Stamps decide what is kept and what was: without `keep`, nothing is, and no file is asked for one.
    stamps = {shown: stamp(path) for shown, path in files.items()} if keep else {}
    same = {s for s, now in stamps.items() if now is not None and cache.stamps.get(s) == list(now)}
    clashes = case_clashes(files)
    fresh = _compare(settings, {s: p for s, p in files.items() if s not in same}, clashes, read)
    knowns = {s: cache.known[s] for s in same if s in cache.known}
    knowns.update((s, k) for s, (k, _) in fresh.items())
    order = [s for s in files if s in knowns]
    writing = _in_writing(order, knowns, reported)
    if not writing or len(order) < MIN_CATALOG:
        return []

    def settled() -> dict[str, Compared]:
        return _compare(settings, {s: files[s] for s in same if s in knowns}, clashes, read)

    kept, found, reused = _closest(cache, knowns, order, fresh, writing, settings.duplicate, settled)
    # A few drafts weighed again under the kept weights cost less to weigh again next time than
    # the whole file does to write (pre-commit's check of an edited draft).
    if keep and (not reused or len(fresh) > FEW or stamps.keys() != cache.stamps.keys()):
        _write(folder, key, _keepable(stamps), knowns, kept)
    return _findings(knowns, writing, found)


def _in_writing(order: Sequence[str], knowns: Mapping[str, Known], reported: Collection[str]) -> list[str]:
    """The reported documents in writing, in corpus order."""
    reporting = set(reported)  # `in` a list is linear: 0.2 s at N = 10,000
    return [s for s in order if s in reporting and knowns[s].status in IN_WRITING]


def _closest(
    cache: _Cache, knowns: Mapping[str, Known], order: Sequence[str], fresh: Mapping[str, Compared],
    writing: Sequence[str], threshold: float, settled: Callable[[], Mapping[str, Compared]],
) -> tuple[_Vectors | None, dict[str, list[Any]], bool]:  # fmt: skip
    """The vectors, the closest others of each of `writing`, and whether the kept vectors served
    (else the unchanged files are read too, from `settled`, and everything is fitted again)."""
    bags = {s: bag for s, (_, bag) in fresh.items()}
    kept = _reuse(cache.vectors, knowns, cache.known, order, bags)
    if kept is not None:
        return kept, kept.closest(writing, threshold), True
    bags.update((s, bag) for s, (_, bag) in settled().items())
    vectors, found = _fit({s: bags[s] for s in order}, knowns, writing, threshold)
    return vectors, found, False


def _keepable(stamps: Mapping[str, Stamp | None]) -> dict[str, list[int] | None]:
    """The stamps to keep: none for a file changed too recently to tell a later change apart."""
    now = time.time_ns()
    return {s: kept_stamp(st, now) for s, st in stamps.items()}


def _compare(
    settings: Settings, files: Mapping[str, str | Path], clashes: Mapping[str, str], read: Mapping[str, Compared]
) -> dict[str, Compared]:
    """What the rule reads of `files`, by display path: from the check's reading when it has it,
    else from the files (front matter, and the body as text: none is analysed)."""
    out = {s: read[s] for s in files if s in read}
    unread = {s: p for s, p in files.items() if s not in read}
    if not unread:
        return out
    loaded = load(
        [Path(p) for p in unread.values()],
        root=settings.root,
        source=settings.source_dir,
        max_bytes=settings.max_file_size,
        bodies_for=(),
        names=list(unread),
        clashes=clashes,
    )
    out.update((doc.path, compared(doc)) for doc in loaded.documents)
    return out


def _reuse(
    kept: _Vectors | None,
    knowns: Mapping[str, Known],
    before: Mapping[str, Known],
    order: Sequence[str],
    bags: Mapping[str, Bag],
) -> _Vectors | None:
    """The kept vectors with the changed drafts' rows weighed again, when the settled documents
    are those the weights were fitted on; else None."""
    if kept is None:
        return None
    settled = [s for s in order if knowns[s].status not in IN_WRITING]
    drafts = [s for s in order if knowns[s].status in IN_WRITING]
    if len(settled) < 2 or _settled_key(settled, {s: knowns[s].digest for s in settled}) != kept.settled_key:
        return None
    at = {path: n for n, path in enumerate(kept.order)}
    same = [s for s in drafts if s in at and s in before and before[s].digest == knowns[s].digest]
    kept_rows = set(same)
    changed = [s for s in drafts if s not in kept_rows]
    if any(s not in bags for s in changed):
        return None
    if not changed and kept.order == [*settled, *same]:
        return kept  # nothing to weigh, nothing to write
    again = _Vectors(kept.weights, [*settled, *same, *changed], kept.settled_key)
    again.rows = kept.rows.take([at[s] for s in [*settled, *same]])
    if changed:
        again.rows = again.rows.then(weigh([bags[s] for s in changed], kept.weights))
    return again


class _Cache(NamedTuple):
    stamps: dict[str, list[int] | None]
    known: dict[str, Known]
    vectors: _Vectors | None


#: No kept state (none written yet, unreadable, or `--no-cache`).
_NOTHING_KEPT = _Cache({}, {}, None)


def _read(path: Path, key: str) -> _Cache | None:
    """The kept state, or None when there is none, it is torn, or another version wrote it."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"][()]))
            if not isinstance(meta, dict) or meta.get("key") != key:
                return None
            known = {shown: _known(fields) for shown, fields in meta["known"].items()}
            vectors = _vectors_of(meta, data) if meta["order"] is not None else None
            return _Cache(dict(meta["stamps"]), known, vectors)
    except Exception:  # whatever is wrong with it, the cache is not used
        return None


def _known(fields: list[Any]) -> Known:
    if len(fields) != len(Known._fields):
        raise ValueError("torn")
    return Known._make([*fields[:5], tuple(fields[5]), *fields[6:]])


def _vectors_of(meta: dict[str, Any], data: Any) -> _Vectors:
    import numpy as np

    words, order = list(meta["words"]), list(meta["order"])
    weights = Weights(dict(zip(words, range(len(words)), strict=True)), data["idf"])
    kept = _Vectors(weights, order, str(meta["settled_key"]))
    rows = Rows(data["data"], data["indices"], data["indptr"], len(words))
    sound = (
        len(weights.idf) == len(words)
        and all(s in meta["known"] for s in order)
        and rows.data.dtype.kind == "f"
        and rows.indices.dtype.kind == rows.indptr.dtype.kind == "i"
        and len(rows.indptr) == len(order) + 1
        and rows.indptr[0] == 0
        and bool(np.all(np.diff(rows.indptr) >= 0))
        and rows.indptr[-1] == len(rows.indices) == len(rows.data)
        and (len(rows.indices) == 0 or (rows.indices.min() >= 0 and rows.indices.max() < len(words)))
    )
    if not sound:
        raise ValueError("torn")
    kept.rows = rows
    return kept


def _write(
    folder: Path, key: str, stamps: dict[str, list[int] | None], known: Mapping[str, Known], kept: _Vectors | None
) -> None:
    """Written whole under a temporary name, then renamed; a cache that cannot be written is skipped."""
    import numpy as np

    meta: dict[str, Any] = {"key": key, "stamps": stamps, "known": known, "order": None}
    arrays: dict[str, Any] = {}
    if kept is not None:
        meta.update(words=kept.weights.words, order=kept.order, settled_key=kept.settled_key)
        rows = kept.rows
        arrays = {"idf": kept.weights.idf, "data": rows.data, "indices": rows.indices, "indptr": rows.indptr}
    import io

    data = io.BytesIO()
    np.savez(data, meta=np.asarray(json.dumps(meta, separators=(",", ":"))), **arrays)
    keep(folder, KEPT, data.getvalue())
