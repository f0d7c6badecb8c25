"""What a static full-text index needs from the site's pages, as HTML attributes.

The search engine is Pagefind: it reads `data-pagefind-*` attributes from the built pages.
This module only writes those attributes; building the index is the adapter's job.

- Documents and handbook pages are indexed (`data-pagefind-body` on their content); the catalog's
  listing pages are not, so that results are documents rather than lists of documents.
- A PR/FAQ page carries its metadata (id, status, team) for the result list, its filters (status,
  team, tag, year, id) for the catalog's facets, and a weighted line of tokens: its id, the id's
  number alone (`0042`), its team's name, authors and tags, since its metadata card is left out
  of the indexed text (every card repeats the same labels). Only the id's tokens count as an id:
  the others lose what a search box reads as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalog import Catalog
from ..model import Document
from .html import Links
from .listing import CATALOG
from .templates import STATUS_LABELS, render

if TYPE_CHECKING:
    from .site import Output

__all__ = [
    "EXCLUDE_SELECTORS",
    "TOKEN_WEIGHT",
    "document_filters",
    "document_meta",
    "document_search_html",
    "id_tokens",
]

#: Selectors left out of the indexed text: the metadata card, banner, writing review and status
#: history (their words repeat on every document: "Flesch" would find every draft), the similar
#: PR/FAQs (other documents' ids and titles: a search for one would find its neighbours' pages
#: too), heading permalinks, page actions.
EXCLUDE_SELECTORS: tuple[str, ...] = (
    ".prfaq-card",
    ".prfaq-banner",
    ".prfaq-review",
    ".prfaq-timeline",
    ".prfaq-similar",
    ".headerlink",
    ".md-content__button",
    ".md-source-file",
)

#: Weight of the token line: an id query ranks the document itself above pages that mention it.
TOKEN_WEIGHT = 10
#: What a search box reads as an id (`PRFAQ-0007`, `0007`): left out of the token line's other
#: fields, so that a customer or author list stuffed with another document's id gains nothing
#: from the line's weight. (The search script puts the document an id names first anyway.)
_NOT_AN_ID = re.compile(r"prfaq[-\s]*\d*|\d+", re.IGNORECASE)


def document_filters(doc: Document) -> dict[str, list[str]]:
    """Filter values of a document, as the catalog table's `data-*` attributes spell them; `kind`
    tells documents from handbook pages, `id` lets the catalog tell which rows match a query."""
    filters: dict[str, list[str]] = {"kind": ["prfaq"]}
    if doc.status:
        filters["status"] = [doc.status]
    if doc.team:
        filters["team"] = [doc.team]
    if doc.tags:
        filters["tag"] = list(dict.fromkeys(doc.tags))
    if doc.created:
        filters["year"] = [str(doc.created.year)]
    if doc.id:
        filters["id"] = [doc.id]
    return filters


def document_meta(doc: Document, catalog: Catalog) -> dict[str, str]:
    """What a search result shows besides its excerpt."""
    meta: dict[str, str] = {"title": " ".join(doc.title.split())}
    if doc.id:
        meta["id"] = doc.id
    if doc.status:
        meta["status"] = doc.status
        meta["status_label"] = STATUS_LABELS.get(doc.status, doc.status)
    if doc.team:
        meta["team"] = catalog.team_name(doc.team)
    return meta


def id_tokens(doc_id: str | None) -> list[str]:
    """`PRFAQ-0042` and `0042`, so that either finds the document."""
    if not doc_id:
        return []
    number = doc_id.rsplit("-", 1)[-1]
    return [doc_id, number] if number != doc_id else [doc_id]


def document_search_html(doc: Document, catalog: Catalog, *, template_dirs: Sequence[Path] = ()) -> str:
    """Hidden elements placed inside a PR/FAQ page's indexed content (template `prfaq/search.html`)."""
    others = [catalog.team_name(doc.team)] if doc.team else []
    others.extend(p.name for p in doc.authors)
    others.extend(doc.tags)
    if doc.customer:
        others.append(doc.customer)
    tokens = [*id_tokens(doc.id), *(_NOT_AN_ID.sub(" ", t) for t in others)]
    return render(
        "search.html",
        template_dirs,
        meta=document_meta(doc, catalog),
        filters=document_filters(doc),
        tokens=[" ".join(t.split()) for t in tokens if t.strip()],
        weight=TOKEN_WEIGHT,
    )


def page_context(
    src_uri: str, output: Output | None, catalog: Catalog | None, directory_urls: bool, template_dirs: Sequence[Path] = ()
) -> dict[str, Any]:
    """What a page's template needs to know for search (the `prfaq_search` variable of the
    plugin's templates): whether the page is indexed (every page but the catalog's listings),
    a PR/FAQ's hidden metadata and filters (`prfaq/search.html`, from `template_dirs` first),
    and where the catalog is."""
    html = ""
    if output is not None and output.document is not None and catalog is not None:
        html = document_search_html(output.document, catalog, template_dirs=template_dirs)
    return {
        "index": output is None or output.document is not None,
        "html": html,
        "catalog": Links(directory_urls).url(CATALOG),
        "is_catalog": src_uri == CATALOG,
    }
