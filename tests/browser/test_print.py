"""The reading-meeting edition: a PR/FAQ page printed to PDF by a real headless Chromium."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from browserkit import Server, build_fixture, serve
from playwright.sync_api import Browser
from pypdf import PdfReader

pytestmark = pytest.mark.browser

#: Texts only the site's chrome carries: the site name, navigation entries, search, footer.
CHROME = (
    "Reading room handbook",
    "Welcome aboard",
    "Writing style guide",
    "Press release anatomy",
    "FAQ anatomy",
    "By status",
    "Recent activity",
    "Search",
    "Made with",
    "Table of contents",
    "Writing review",
)


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site = build_fixture("sites/writing-review", tmp_path_factory.mktemp("print") / "project")
    with serve(site) as running:
        yield running


def print_pdf(browser: Browser, url: str) -> tuple[list[str], bool]:
    """The text of each printed page, and whether the page numbered its paragraphs."""
    page = browser.new_page()
    try:
        page.goto(url, wait_until="load")
        numbered = bool(page.evaluate("document.documentElement.classList.contains('prfaq-lines')"))
        data = page.pdf(format="A4")
    finally:
        page.close()
    reader = PdfReader(io.BytesIO(data))
    return [p.extract_text() for p in reader.pages], numbered


def test_a_printed_prfaq_is_the_document_alone(browser: Browser, review_server: Server) -> None:
    pages, numbered = print_pdf(browser, review_server.url("prfaqs/prfaq-0001/"))
    text = "\n".join(pages)
    # The press release on the first page, the FAQ from the second.
    assert len(pages) == 2
    assert "Copperleaf today began weekend delivery" in pages[0]
    assert "External FAQ" not in pages[0] and "External FAQ" in pages[1]
    # The compact card is there; the site's chrome is not.
    assert "PRFAQ-0001" in pages[0] and "Draft" in pages[0]
    for chrome in CHROME:
        assert chrome not in text, chrome
    # Links carry their targets.
    assert "https://copperleaf.example.com/weekend" in text.replace("\n", "")
    assert not numbered


def test_paragraph_numbers_on_request(browser: Browser, review_server: Server) -> None:
    pages, numbered = print_pdf(browser, review_server.url("prfaqs/prfaq-0001/?lines"))
    assert numbered
    assert len(pages) == 2
