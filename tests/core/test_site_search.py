"""One build's search from the core alone (no MkDocs), with the real Pagefind: which pages go to
the index as they are converted, a `dirty` build's index made from the built files, and one
language for both."""

from __future__ import annotations

import json
from pathlib import Path

from corekit import CLEAN, document

from mkdocs_prfaq.core.catalog import Catalog
from mkdocs_prfaq.core.render.listing import CATALOG
from mkdocs_prfaq.core.render.site import Output
from mkdocs_prfaq.core.site_search import SiteSearch

REPO = Path(__file__).resolve().parents[2]


def _entry(site: Path) -> dict[str, dict[str, int]]:
    languages: dict[str, dict[str, int]] = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))[
        "languages"
    ]
    return {name: {"pages": int(data["page_count"])} for name, data in languages.items()}


def test_converted_pages_are_indexed_and_listings_are_left_out(tmp_path: Path) -> None:
    doc = document(CLEAN)
    search = SiteSearch(tmp_path / "site", REPO, Catalog([doc]), language="en", directory_urls=True)
    page = Output("prfaqs/PRFAQ-0001.md", "", doc)
    search.add("prfaqs/PRFAQ-0001.md", "prfaqs/PRFAQ-0001/index.html", "Instant refunds", page, "<p>Zebra refunds.</p>")
    search.add("learn.md", "learn/index.html", "Learn", None, "<p>Working backwards.</p>")
    search.add(CATALOG, "catalog/index.html", "Catalog", Output(CATALOG, ""), "<p>Every PR/FAQ.</p>")
    search.write()
    stats, said = search.finish()
    assert stats.pages == 2
    assert said.startswith("search index of 2 pages written")
    assert _entry(tmp_path / "site") == {"en": {"pages": 2}}
    assert search.page_data(CATALOG, Output(CATALOG, ""))["is_catalog"] is True
    # A PR/FAQ's hidden metadata, as its page template writes it.
    assert 'data-pagefind-meta="title[value]"' in search.page_data("prfaqs/PRFAQ-0001.md", page)["html"]


def test_a_dirty_build_indexes_the_built_files_in_the_same_language(tmp_path: Path) -> None:
    """A `dirty` build converts only the changed pages: the index is made from every built page
    that marks its content, and is one index in English when the theme names no language, as a
    full build's is, whatever `lang` a page declares."""
    site = tmp_path / "site"
    for name, body in (("a", "<div data-pagefind-body><p>Marked.</p></div>"), ("b", "<p>Not marked.</p>")):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(f'<html lang="fr"><body>{body}</body></html>', encoding="utf-8")
    search = SiteSearch(site, REPO, None, language=None, directory_urls=True, dirty=True)
    search.add("a.md", "a/index.html", "A", None, "<p>Only changed.</p>")
    stats, said = search.finish()
    assert (stats.pages, said.split(" in ")[0]) == (1, "search index of 1 pages built")
    assert _entry(site) == {"en": {"pages": 1}}
