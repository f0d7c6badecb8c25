"""Machine-readable exports of the catalog: `catalog.json` records, and `prfaq list`'s."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import posixpath
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .catalog import Catalog
from .findings import Finding, Severity, did_you_mean, printable, printable_json, spreadsheet_cell
from .model import Document, parse_date
from .schema import SCHEMA_VERSION
from .wellformed import json_safe

if TYPE_CHECKING:
    from .pipeline import LoadedCatalog

__all__ = ["LISTED", "catalog_json", "document_record", "flagged_keys", "listing_record", "listing_records", "listing_text", "page_url", "published_json", "source_url", "unmatched_filters"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # YAML's `.inf` and `.nan`: JSON has no such numbers (`Infinity` is not JSON)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def page_url(doc: Document, directory_urls: bool = True) -> str:
    """The document's page, relative to the site root (`use_directory_urls` in MkDocs' terms)."""
    return f"prfaqs/{doc.slug}/" if directory_urls else f"prfaqs/{doc.slug}.html"


def source_url(repo_url: str | None, edit_uri: str | None, docs_edit_uri: str | None, docs: str, source: str) -> str | None:
    """The "edit this page" link of a PR/FAQ's `source` (its path in the repository at `repo_url`):
    under `edit_uri` (the plugin's option), else under the site's `docs_edit_uri` without its docs
    folder (named `docs`), since the PR/FAQ sources sit beside it. None without a repository."""
    if not repo_url:
        return None
    if edit_uri is None:
        edit_uri = (docs_edit_uri or "").rstrip("/")
        if edit_uri == docs or edit_uri.endswith("/" + docs):
            edit_uri = edit_uri[: -len(docs)]
    # The theme prints `edit_url` into an `href` unescaped: the file's path, which a pull
    # request chooses, is percent-encoded so that no character of it can end the attribute.
    return posixpath.join(repo_url.rstrip("/") + "/", edit_uri.strip("/") + "/", urllib.parse.quote(source))


def document_record(doc: Document, directory_urls: bool = True) -> dict[str, Any]:
    record: dict[str, Any] = {key: _jsonable(value) for key, value in doc.meta.items()}
    updated = doc.updated
    record["updated"] = updated.isoformat() if updated else None
    record["url"] = page_url(doc, directory_urls)
    record["source"] = doc.path
    record["summary"] = doc.summary
    record["words"] = {
        "total": doc.structure.words,
        "press_release": doc.structure.press_release_words,
    }
    record["history"] = list(doc.history)
    return record


def catalog_json(
    catalog: Catalog,
    generated: dt.datetime | None = None,
    *,
    directory_urls: bool = True,
    similar: Mapping[str, Sequence[tuple[str, float]]] | None = None,
) -> str:
    """The whole catalog as JSON (schema documented in the handbook's reference); with `similar`
    (for each id, the ids of its similar documents and their scores), each record lists them."""
    documents = []
    for doc in sorted(catalog.documents, key=lambda d: d.id or ""):
        record = document_record(doc, directory_urls)
        if similar is not None:
            record["similar"] = [
                {"id": other, "score": score, "status": catalog.by_id[other].status}
                for other, score in similar.get(doc.id or "", ())
            ]
        documents.append(record)
    data = {
        "schema_version": SCHEMA_VERSION,
        "generated": generated.isoformat() if generated else None,
        "count": len(catalog.documents),
        "documents": documents,
    }
    return published_json(data)


def published_json(data: Any) -> str:
    """JSON a site publishes (`catalog.json`, `insights.json`): `<`, `>` and `&` as escapes, so it is
    safe to embed in an HTML page as it is."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False, allow_nan=False)
    return json_safe(text.translate(_HTML_SAFE)) + "\n"


_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


#: The fields every `prfaq list` record has, None when absent or not valid.
LISTED = ("id", "title", "status", "team", "updated")


def flagged_keys(doc: Document, findings: Sequence[Finding]) -> set[str]:
    """The front-matter keys a finding points into: each key owns its lines up to the next key's."""
    front = doc.front
    starts = sorted(
        (pos.line, path[0]) for path, pos in front.key_positions.items() if len(path) == 1 and isinstance(path[0], str)
    )
    lines = {f.line for f in findings if f.line < front.end_line}
    flagged = set()
    for index, (line, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else front.end_line
        if any(line <= at < end for at in lines):
            flagged.add(key)
    return flagged


def listing_record(
    path: str, doc: Document | None, findings: Sequence[Finding], directory_urls: bool = True
) -> dict[str, Any]:
    """A `prfaq list` record: the catalog record with only the values the checks found valid
    (a value a finding points at is left out, an id then has no URL), and the file's errors.
    A file that could not be read as a document is listed too, by its source alone."""
    errors = [
        {"line": f.line, "col": f.col, "rule": f.rule, "message": f.message}
        for f in findings
        if f.severity is Severity.ERROR
    ]
    record: dict[str, Any] = dict.fromkeys(LISTED)
    if doc is None:
        return {**record, "url": None, "source": path, "errors": errors}
    flagged = flagged_keys(doc, findings)
    full = document_record(doc, directory_urls)
    record.update({key: value for key, value in full.items() if key not in flagged})
    record["status"] = doc.status if "status" not in flagged else None
    if flagged & {"updated", "created"}:
        meta = doc.meta
        created = (parse_date(meta.get("created")) if "created" not in flagged else None) or doc.git_created
        updated = (parse_date(meta.get("updated")) if "updated" not in flagged else None) or doc.git_updated or created
        record["updated"] = updated.isoformat() if updated else None
    if "id" in flagged or doc.id is None:
        record["id"], record["url"] = None, None
    if "summary" in flagged:
        record["summary"] = doc.structure.first_paragraph
    record["errors"] = errors
    return record


def listing_records(
    loaded: LoadedCatalog, directory_urls: bool = True, *, status: str | None = None, team: str | None = None,
    tag: str | None = None,
) -> list[dict[str, Any]]:
    """`prfaq list`'s records: one per file checked, those with an id first, by id, then by
    source; with `status`, `team` or `tag`, only those whose validated value matches."""
    documents = {doc.path: doc for doc in loaded.catalog.documents}
    findings: dict[str, list[Finding]] = {}
    for finding in loaded.check.findings:
        findings.setdefault(finding.path, []).append(finding)
    records = [listing_record(path, documents.get(path), findings.get(path, []), directory_urls) for path in loaded.check.files]
    records = [
        r for r in records
        if (status is None or r["status"] == status) and (team is None or r["team"] == team)
        and (tag is None or (isinstance(r.get("tags"), list) and tag in r["tags"]))
    ]  # fmt: skip
    records.sort(key=lambda r: (r["id"] is None, r["id"] or "", r["source"]))
    return records


def unmatched_filters(every: Sequence[Mapping[str, Any]], *, team: str | None, tag: str | None) -> list[str]:
    """Why `--team` or `--tag` found nothing, when no record of `every` has that value at all
    (a typo, `Payments` for `payments`) rather than none with the other filters too."""
    known = {
        "team": {str(r["team"]) for r in every if r.get("team")},
        "tag": {str(t) for r in every if isinstance(tags := r.get("tags"), list) for t in tags},
    }
    return [
        f"no document has the {kind} `{wanted}`{did_you_mean(wanted, known[kind])}"
        for kind, wanted in (("team", team), ("tag", tag))
        if wanted and wanted not in known[kind]
    ]


_LIST_COLUMNS = ["id", "status", "team", "updated", "title", "errors"]


def listing_text(records: list[dict[str, Any]], form: str) -> str:
    """`prfaq list`'s records as JSON, CSV or a table (`form`), printable on a terminal."""
    if form == "json":
        return printable_json(json.dumps(records, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"
    rows = [
        [*(str(r[key] or "") for key in _LIST_COLUMNS[:4]), str(r["title"] or r["source"]), str(len(r["errors"]))]
        for r in records
    ]
    if form == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_LIST_COLUMNS)
        writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
        return out.getvalue()
    for row in rows:
        count = int(row[-1])
        row[-1] = f"{count} error{'s' * (count != 1)}" if count else ""
    cells = [[printable(cell) for cell in row] for row in [_LIST_COLUMNS, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(_LIST_COLUMNS))]
    return "".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() + "\n" for row in cells)
