"""Machine-readable exports of the catalog: `catalog.json` records (also used by `prfaq list`)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from .catalog import Catalog
from .model import Document
from .schema import SCHEMA_VERSION
from .wellformed import json_safe


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


def catalog_json(catalog: Catalog, generated: dt.datetime | None = None, *, directory_urls: bool = True) -> str:
    """The whole catalog as JSON (schema documented in the handbook's reference)."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "generated": generated.isoformat() if generated else None,
        "count": len(catalog.documents),
        "documents": [
            document_record(d, directory_urls) for d in sorted(catalog.documents, key=lambda d: d.id or "")
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False, allow_nan=False)
    # The same JSON, but `<`, `>` and `&` as escapes: safe to embed in an HTML page as it is.
    return json_safe(text.translate(_HTML_SAFE)) + "\n"


_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
