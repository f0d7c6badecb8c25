"""Cross-field rules: constraints between fields of one document."""

from __future__ import annotations

import re

from ..findings import Problem
from ..model import DECIDED, ID_PATTERN, Document, parse_date

__all__ = ["check_fields"]


def check_fields(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    status = doc.status
    meta = doc.meta
    if status in DECIDED and "decision" not in meta:
        pos = doc.position("status")
        problems.append(
            Problem(
                "decision-required",
                pos.line,
                pos.col,
                f"status '{status}' records a decision: add `decision:` with `date:` and `by:`",
            )
        )
    if status == "superseded" and "superseded_by" not in meta:
        pos = doc.position("status")
        problems.append(
            Problem(
                "superseded-status",
                pos.line,
                pos.col,
                "status 'superseded' needs `superseded_by:` naming the PR/FAQ that replaces this one",
            )
        )
    if status is not None and status != "superseded" and "superseded_by" in meta:
        pos = doc.front.key_positions.get(("superseded_by",), doc.position("superseded_by"))
        problems.append(
            Problem(
                "superseded-status",
                pos.line,
                pos.col,
                f"`superseded_by` is set but status is '{status}': set status to 'superseded' or remove the field",
            )
        )
    problems += _file_name(doc)
    problems += _date_order(doc)
    return problems


def _slug_part(name: str) -> str:
    """The descriptive rest of a file name, without any id it starts with."""
    rest = re.sub(r"^PRFAQ-[0-9]+-?", "", name, flags=re.I)
    return rest if rest.lower() not in ("", ".md") else "title.md"


def _starts_with_id(name: str, doc_id: str) -> bool:
    """`PRFAQ-0001-x.md` starts with PRFAQ-0001; `PRFAQ-00012-x.md` does not."""
    return name.startswith(doc_id) and not name[len(doc_id) : len(doc_id) + 1].isdigit()


def _file_name(doc: Document) -> list[Problem]:
    """The file name starts with the id, and not with a longer one: PRFAQ-00012-x.md is not
    PRFAQ-0001's."""
    doc_id = doc.meta.get("id")
    name = doc.path.rsplit("/", 1)[-1]
    if not isinstance(doc_id, str) or not ID_PATTERN.match(doc_id) or _starts_with_id(name, doc_id):
        return []
    pos = doc.position("id")
    message = f"the file name must start with the id: rename it to {doc_id}-{_slug_part(name)}"
    return [Problem("id-filename", pos.line, pos.col, message)]


def _date_order(doc: Document) -> list[Problem]:
    """`updated` and the decision's date are not before `created`."""
    meta = doc.meta
    created = parse_date(meta.get("created"))
    if created is None:
        return []
    problems = []
    for path, label in ((("updated",), "updated"), (("decision", "date"), "decision.date")):
        container = meta.get("decision") if path[0] == "decision" else meta
        value = parse_date(container.get(path[-1])) if isinstance(container, dict) else None
        if value is not None and value < created:
            pos = doc.front.position(path)
            message = f"`{label}` {value.isoformat()} is before `created` {created.isoformat()}: fix one of them"
            problems.append(Problem("date-order", pos.line, pos.col, message))
    return problems
