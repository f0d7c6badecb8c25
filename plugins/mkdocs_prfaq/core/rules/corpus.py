"""Cross-document rules: ids, references between documents, teams and tags.

They run on :class:`References`, the few values of each document that other documents can
point at or clash with, so that a check can take them from its cache instead of reading
every file again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from ..findings import Problem, did_you_mean
from ..loader import not_copied
from ..model import ID_PATTERN, Document
from ..scan import position
from .images import has_images, local_images

__all__ = ["Located", "References", "Reported", "check_corpus", "check_local_images"]

#: A value and where it stands in the file: (value, line, column).
Located = tuple[str, int, int]


class References(NamedTuple):
    """What the cross-document rules read from one document.

    A named tuple: the check's cache keeps it as a plain tuple and makes it again with `_make`,
    which costs a fraction of a dataclass's `__init__` (10,000 of them in each check of one file).
    """

    path: str
    status: str | None
    #: The id when well formed (a malformed one is a schema finding), and where it stands.
    id: str | None
    id_at: tuple[int, int]
    supersedes: tuple[Located, ...]
    supersedes_at: tuple[int, int]
    superseded_by: Located | None
    #: The `url` of each `related` entry.
    related: tuple[Located, ...]
    #: Link targets in the body that look like PR/FAQ ids.
    links: tuple[Located, ...]
    team: Located | None
    tags: tuple[Located, ...]
    #: The images the body links by a relative path (`missing-image`).
    images: tuple[Located, ...] = ()

    @classmethod
    def of(cls, doc: Document) -> References:
        def at(*path: str | int) -> tuple[int, int]:
            pos = doc.position(*path)
            return pos.line, pos.col

        def located(value: str, *path: str | int) -> Located:
            return (value, *at(*path))

        related = doc.meta.get("related")
        superseded_by, team = doc.superseded_by, doc.team
        return cls(
            path=doc.path,
            status=doc.status,
            id=doc.id,
            id_at=at("id"),
            supersedes=tuple(located(ref, "supersedes", i) for i, ref in enumerate(doc.supersedes)),
            supersedes_at=at("supersedes"),
            superseded_by=None if superseded_by is None else located(superseded_by, "superseded_by"),
            related=tuple(
                located(item["url"], "related", i, "url")
                for i, item in enumerate(related if isinstance(related, list) else [])
                if isinstance(item, dict) and isinstance(item.get("url"), str)
            ),
            links=tuple(
                (link.target, link.line, link.col) for link in doc.structure.links if ID_PATTERN.match(link.target)
            ),
            team=None if team is None else located(team, "team"),
            tags=tuple(located(tag, "tags", i) for i, tag in enumerate(doc.tags)),
            images=tuple(
                (path, *position(doc.body, offset, doc.body_line)) for offset, path in local_images(doc.body)
            ) if has_images(doc.body) else (),
        )  # fmt: skip


Reported = list[tuple[References, Problem]]


def _duplicate(out: Reported, doc: References, doc_id: str, others: Sequence[References]) -> None:
    line, col = doc.id_at
    names = ", ".join(other.path for other in others)
    message = f"id {doc_id} is also used by {names}: run `prfaq new` for a free id, or renumber"
    out.append((doc, Problem("duplicate-id", line, col, message)))


def check_corpus(
    documents: Sequence[References],
    *,
    teams: Collection[str] | None,
    tags: Collection[str] | None,
    max_facet_values: int | None = None,
    report: Collection[str] | None = None,
) -> Reported:
    """The cross-document problems of `documents`; with `report`, at least those of the
    documents with these paths (a check of a few files among many: the others' own references
    are not looked at, though every document counts for ids, loops and facet values)."""
    out: Reported = []
    by_id = _ids(documents, out)
    for doc in documents if report is None else (doc for doc in documents if doc.path in report):
        out += _references(doc, by_id)
        out += _vocabulary(doc, teams, tags)
    out.extend(_cycles(by_id))
    if max_facet_values is not None:
        out.extend(_facet_values(documents, max_facet_values))
    return out


def _ids(documents: Sequence[References], out: Reported) -> dict[str, References]:
    """The first document of each id; every document sharing an id is reported into `out`."""
    by_id: dict[str, References] = {}
    sharing: dict[str, list[References]] = {}
    for doc in documents:
        doc_id = doc.id
        if doc_id is None:
            continue
        first = by_id.get(doc_id)
        if first is not None:
            sharing.setdefault(doc_id, []).append(doc)
            _duplicate(out, doc, doc_id, [first])
            continue
        by_id[doc_id] = doc
    # The first file too, naming the others: a check of that file alone (pre-commit's, when the
    # new copy sorts first) must not pass.
    for doc_id, later in sharing.items():
        _duplicate(out, by_id[doc_id], doc_id, later)
    return by_id


def _references(doc: References, by_id: dict[str, References]) -> Reported:
    """Ids the document names (supersedes, superseded_by, related, links) that do not exist, or
    that do not name it back."""
    out: Reported = []

    def missing(where: Located, what: str) -> None:
        ref, line, col = where
        if ID_PATTERN.match(ref) and ref not in by_id:
            out.append((doc, Problem("unknown-id", line, col, f"{what} {ref}, which does not exist: check the id")))

    for where in doc.supersedes:
        missing(where, "`supersedes` names")
    if doc.superseded_by is not None:
        missing(doc.superseded_by, "`superseded_by` names")
        out += _superseded_by(doc, by_id)
    own = next((where for where in doc.supersedes if where[0] == doc.id), None)
    if doc.id is not None and own is not None:
        out.append((doc, Problem("supersedes-cycle", own[1], own[2], "a document cannot supersede itself: remove its own id from `supersedes`")))
    for where in doc.related:
        missing(where, "`related` names")
    for target, line, col in doc.links:
        if target not in by_id:
            out.append((doc, Problem("unknown-id", line, col, f"the link to {target} names no PR/FAQ: check the id (`prfaq list` shows them)")))
    return out


def _superseded_by(doc: References, by_id: dict[str, References]) -> Reported:
    assert doc.superseded_by is not None
    superseded_by, line, col = doc.superseded_by
    newer = by_id.get(superseded_by)
    if superseded_by == doc.id:
        return [(doc, Problem("supersedes-cycle", line, col, "a document cannot be superseded by itself: put the newer document's id in `superseded_by`"))]
    if newer is not None and doc.id is not None and all(ref != doc.id for ref, _, _ in newer.supersedes):
        message = f"{superseded_by} does not list {doc.id} in its `supersedes`: add it there"
        return [(doc, Problem("supersedes-mismatch", line, col, message))]
    return []


def _vocabulary(doc: References, teams: Collection[str] | None, tags: Collection[str] | None) -> Reported:
    """The team and tags, against the teams file and the tags vocabulary when a site has them."""
    out: Reported = []
    if teams is not None and doc.team is not None:
        team, line, col = doc.team
        if team not in teams:
            known = ", ".join(sorted(teams)) or "none"
            message = f"team '{team}' is not in the teams file{did_you_mean(team, teams)} (known: {known}): use one of its slugs, or add the team to it"
            out.append((doc, Problem("unknown-team", line, col, message)))
    for tag, line, col in doc.tags if tags is not None else ():
        if tag not in tags:  # type: ignore[operator]
            message = f"tag '{tag}' is not in the tags vocabulary{did_you_mean(tag, tags)}: use a tag from it, or add this one to it"  # type: ignore[arg-type]
            out.append((doc, Problem("unknown-tag", line, col, message)))
    return out


def _facet_values(documents: Sequence[References], limit: int) -> Reported:
    """Past `limit` distinct tags (or teams), in corpus order, each document that brings a new
    one gets one finding, at the first: the catalog makes no page for those values."""
    out: Reported = []
    # The totals without a call per document: every check of one file counts those of 10,000.
    totals = {
        "tag": len({where[0] for doc in documents for where in doc.tags}),
        "team": len({doc.team[0] for doc in documents if doc.team is not None}),
    }
    for kind, values_of in (
        ("tag", lambda doc: doc.tags),
        ("team", lambda doc: () if doc.team is None else (doc.team,)),
    ):
        total = totals[kind]
        if total <= limit:
            continue
        admitted: set[str] = set()
        for doc in documents:
            over = []
            for where in values_of(doc):
                if where[0] in admitted:
                    continue
                if len(admitted) < limit:
                    admitted.add(where[0])
                else:
                    over.append(where)
            if over:
                value, line, col = over[0]
                more = f" (and {len(over) - 1:,} more {kind}s here)" if len(over) > 1 else ""
                message = (
                    f"{kind} '{value}'{more} is past the catalog's limit of {limit} distinct {kind}s"
                    f" ({total:,} in all), and gets no page: use a {kind} other documents use,"
                    " or raise `max_facet_values` in mkdocs.yml"
                )
                out.append((doc, Problem("too-many-facet-values", line, col, message)))
    return out


def _cycles(by_id: dict[str, References]) -> Reported:
    """Loops in the graph "A supersedes B", found by one depth-first pass (linear in the corpus)."""
    out: Reported = []
    done: set[str] = set()

    def children(doc_id: str) -> Iterator[str]:
        return (ref for ref, _, _ in by_id[doc_id].supersedes)

    # Only a document that supersedes another can start a loop: the others are left out of the
    # sort (10,000 ids in a check of one file), which finds the same loops in the same order.
    for start in sorted(doc_id for doc_id, doc in by_id.items() if doc.supersedes):
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        stack = [children(start)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                continue
            if child in on_path:
                loop = path[path.index(child) :]
                if len(loop) > 1:  # a self-reference is reported on its own
                    doc = by_id[loop[0]]
                    line, col = doc.supersedes_at
                    chain = " → ".join([*loop, child])
                    out.append((doc, Problem("supersedes-cycle", line, col, f"supersedes chain loops: {chain}: a document cannot replace one that replaces it; remove the wrong link")))
                continue
            if child in done or child not in by_id:
                continue
            path.append(child)
            on_path.add(child)
            stack.append(children(child))
    return out


def check_local_images(documents: Iterable[References], root: Path, source: Path, report: Collection[str] | None) -> Reported:
    """The `missing-image` rule: each image a document (of `report`) links by a relative path is
    one the site copies beside the pages (:func:`~..loader.not_copied`). Run on every check from
    the documents' references, as the image may come or go while the document stays the same."""
    out: Reported = []
    for refs in documents:
        if not refs.images or (report is not None and refs.path not in report):
            continue
        folder = (root / refs.path).parent
        for path, line, col in refs.images:
            why = not_copied(folder / unquote(path), source)
            if why is not None:
                out.append((refs, Problem("missing-image", line, col, f"the image `{path}` {why}")))
    return out
