"""Search spoofing (issue 14): documents whose title, customer, authors, decision and body are
stuffed with another document's id (`search-spoof/`, added to a copy of the search fixture)
must not rank above that document for its own id, in the header or in the catalog, and Enter
opens the document the id names."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browserkit import FIXTURES, Server, build_fixture, search, serve
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SEVEN = ("Weekend delivery windows", "prfaqs/prfaq-0007/")
FORTY_TWO = ("Instant refunds for damaged deliveries", "prfaqs/prfaq-0042/")


@pytest.fixture(scope="module")
def spoofed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site = build_fixture(
        "search-site", tmp_path_factory.mktemp("search-spoof") / "project", extra=FIXTURES / "search-spoof"
    )
    with serve(site) as running:
        yield running


@pytest.mark.parametrize(
    ("query", "own"),
    [
        ("PRFAQ-0007", SEVEN),
        ("0007", SEVEN),
        ("prfaq-0007", SEVEN),
        ("7", SEVEN),
        ("PRFAQ-0042", FORTY_TWO),
        ("0042", FORTY_TWO),
        ("42", FORTY_TWO),
    ],
)
def test_an_id_finds_its_own_document_first_and_enter_opens_it(
    page: Page, spoofed: Server, query: str, own: tuple[str, str]
) -> None:
    title, path = own
    page.goto(spoofed.url("guide/"))
    titles = search(page, query)
    assert titles[0] == title, titles
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def test_the_spoofing_documents_are_in_the_index(page: Page, spoofed: Server) -> None:
    """They are found for their own words: the pinning, not their absence, keeps them second."""
    page.goto(spoofed.url("guide/"))
    titles = search(page, "PRFAQ-0007")
    assert "PRFAQ-0007 0007 PRFAQ-0007 0007 PRFAQ-0007 0007" in titles[1:], titles
    assert search(page, "PRFAQ-0099")[0] == "PRFAQ-0007 0007 PRFAQ-0007 0007 PRFAQ-0007 0007"


@pytest.mark.parametrize(("query", "own"), [("PRFAQ-0007", SEVEN), ("0042", FORTY_TWO)])
def test_the_catalog_lists_the_document_an_id_names_first(
    page: Page, spoofed: Server, query: str, own: tuple[str, str]
) -> None:
    page.goto(spoofed.url(f"catalog/?q={query}"))
    first = page.locator("[data-prfaq-hits] .prfaq-hits__item h1").first
    expect(first).to_have_text(own[0])
    expect(page.locator("[data-prfaq-filters]")).to_have_attribute("data-prfaq-searched", query)
    rows = page.eval_on_selector_all(
        "[data-prfaq-table] tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].textContent.trim())"
    )
    assert "PRFAQ-" + query.rsplit("-", 1)[-1] in rows, rows
