"""The same small catalog built three ways, MkDocs + Material, ProperDocs + Material and Zensical
from `prfaq export` (the steps of `make zensical`), passes the same assertions (enginekit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from enginekit import assert_edit_links, assert_feed, assert_listings, assert_pages, broken_links, catalog, search
from playwright.sync_api import Browser

Built = tuple[str, Path, Path]


def test_every_prfaq_has_its_page_card_and_questions(built: Built) -> None:
    _, root, site = built
    assert_pages(site, root)


def test_catalog_and_facets_list_exactly_their_documents(built: Built) -> None:
    assert_listings(built[2])


def test_catalog_json_and_feed_count_every_document(built: Built) -> None:
    _, root, site = built
    assert len(catalog(site)) == len(list((root / "prfaqs").glob("PRFAQ-*.md"))) == 9
    assert_feed(site)


def test_edit_links_open_each_page_source(built: Built) -> None:
    assert_edit_links(built[2])


def test_every_internal_link_resolves(built: Built) -> None:
    assert broken_links(built[2]) == []


@pytest.mark.browser
def test_search_finds_a_document_by_id_and_by_a_body_phrase(built: Built, browser: Browser) -> None:
    site = built[2]
    assert (site / "pagefind" / "pagefind.js").is_file()
    by_id = search(browser, site, "PRFAQ-0003")
    assert by_id and "prfaqs/prfaq-0003/" in by_id[0], by_id
    # Results are documents and handbook pages: the catalog's listings are not indexed.
    assert not [url for url in by_id if "/catalog/" in url], by_id
    by_phrase = search(browser, site, "split payments")
    assert any("prfaqs/prfaq-0003/" in url for url in by_phrase[:3]), by_phrase
