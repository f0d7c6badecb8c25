"""Cross-document rules: ids, references between documents, teams and tags."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..findings import Problem
from ..model import ID_PATTERN, Document

Reported = list[tuple[Document, Problem]]


def check_corpus(
    documents: Sequence[Document],
    *,
    teams: Collection[str] | None,
    tags: Collection[str] | None,
) -> Reported:
    out: Reported = []
    by_id: dict[str, Document] = {}
    for doc in documents:
        doc_id = doc.id
        if doc_id is None:
            continue
        first = by_id.get(doc_id)
        if first is not None:
            pos = doc.position("id")
            out.append(
                (
                    doc,
                    Problem(
                        "duplicate-id",
                        pos.line,
                        pos.col,
                        f"id {doc_id} is also used by {first.path}: run `prfaq new` for a free id, or renumber",
                    ),
                )
            )
            continue
        by_id[doc_id] = doc

    def missing(doc: Document, ref: str, *path: str | int, what: str) -> None:
        if ID_PATTERN.match(ref) and ref not in by_id:
            pos = doc.position(*path)
            out.append((doc, Problem("unknown-id", pos.line, pos.col, f"{what} {ref}, which does not exist: check the id")))

    for doc in documents:
        for index, ref in enumerate(doc.supersedes):
            missing(doc, ref, "supersedes", index, what="`supersedes` names")
        superseded_by = doc.superseded_by
        if superseded_by is not None:
            missing(doc, superseded_by, "superseded_by", what="`superseded_by` names")
            newer = by_id.get(superseded_by)
            if superseded_by == doc.id:
                pos = doc.position("superseded_by")
                out.append(
                    (doc, Problem("supersedes-cycle", pos.line, pos.col, "a document cannot be superseded by itself"))
                )
            elif newer is not None and doc.id is not None and doc.id not in newer.supersedes:
                pos = doc.position("superseded_by")
                out.append(
                    (
                        doc,
                        Problem(
                            "supersedes-mismatch",
                            pos.line,
                            pos.col,
                            f"{superseded_by} does not list {doc.id} in its `supersedes`: add it there",
                        ),
                    )
                )
        if doc.id is not None and doc.id in doc.supersedes:
            pos = doc.position("supersedes", doc.supersedes.index(doc.id))
            out.append((doc, Problem("supersedes-cycle", pos.line, pos.col, "a document cannot supersede itself")))
        related = doc.meta.get("related")
        if isinstance(related, list):
            for index, item in enumerate(related):
                if isinstance(item, dict) and isinstance(item.get("url"), str):
                    missing(doc, item["url"], "related", index, "url", what="`related` names")
        for link in doc.structure.links:
            if ID_PATTERN.match(link.target) and link.target not in by_id:
                out.append(
                    (doc, Problem("unknown-id", link.line, link.col, f"the link to {link.target} names no PR/FAQ"))
                )
        team = doc.team
        if teams is not None and team is not None and team not in teams:
            pos = doc.position("team")
            out.append(
                (
                    doc,
                    Problem(
                        "unknown-team",
                        pos.line,
                        pos.col,
                        f"team '{team}' is not in the teams file (known: {', '.join(sorted(teams)) or 'none'})",
                    ),
                )
            )
        if tags is not None:
            for index, tag in enumerate(doc.tags):
                if tag not in tags:
                    pos = doc.position("tags", index)
                    out.append(
                        (doc, Problem("unknown-tag", pos.line, pos.col, f"tag '{tag}' is not in the tags vocabulary"))
                    )
    out.extend(_cycles(documents, by_id))
    return out


def _cycles(documents: Sequence[Document], by_id: dict[str, Document]) -> Reported:
    """Loops in the graph "A supersedes B", found by one depth-first pass (linear in the corpus)."""
    out: Reported = []
    done: set[str] = set()
    for start in sorted(by_id):
        if start in done:
            continue
        path: list[str] = [start]
        on_path = {start}
        stack = [iter(by_id[start].supersedes)]
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
                    pos = doc.position("supersedes")
                    chain = " → ".join([*loop, child])
                    out.append((doc, Problem("supersedes-cycle", pos.line, pos.col, f"supersedes chain loops: {chain}")))
                continue
            if child in done or child not in by_id:
                continue
            path.append(child)
            on_path.add(child)
            stack.append(iter(by_id[child].supersedes))
    return out
