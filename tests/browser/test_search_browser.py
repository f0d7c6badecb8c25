"""Search in a real headless Chromium, against the search fixture site served on 127.0.0.1:
the header's search box on every kind of page, the catalog's facets, the catalog table's filter
and sort, a site under a sub-path, and no request to any other host."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browserkit import RESULTS, Recorder, Server, search
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

def visible_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-prfaq-table] tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].textContent.trim())"
    )


def test_one_search_box_and_no_lunr(page: Page, server: Server, recorder: Recorder) -> None:
    for path in ("", "guide/", "catalog/", "prfaqs/prfaq-0042/", "catalog/status/launched/"):
        page.goto(server.url(path))
        assert page.locator(".md-search").count() == 1
        assert page.locator("form[name=search]").count() == 0
    search(page, "refunds")
    assert not [u for u in recorder.urls if "search_index" in u or "/search/" in u]
    assert recorder.errors == []


def test_unique_phrase_finds_the_document_with_status_and_team(page: Page, server: Server) -> None:
    page.goto(server.url())
    assert search(page, "zephyr quokka") == ["Instant refunds for damaged deliveries"]
    first = page.locator(RESULTS).first
    expect(first.locator(".prfaq-status")).to_have_text("Launched")
    expect(first.locator(".prfaq-search-team")).to_have_text("Payments")
    expect(first.locator("mark").first).to_have_text(re.compile("zephyr", re.I))


@pytest.mark.parametrize("query", ["PRFAQ-0042", "0042", "prfaq-0042"])
def test_an_id_finds_the_document_first(page: Page, server: Server, query: str) -> None:
    page.goto(server.url("guide/"))
    titles = search(page, query)
    # PRFAQ-0007 mentions PRFAQ-0042 in its body: the document itself must come first.
    assert titles[0] == "Instant refunds for damaged deliveries"


@pytest.mark.parametrize("query", ["PRFAQ-0042", "0042"])
def test_an_id_result_shows_the_body_not_the_indexed_tokens(page: Page, server: Server, query: str) -> None:
    """The id, team and people are indexed in a hidden line so that they are found; a result
    found by them shows the opening of the document's body, never that line."""
    page.goto(server.url())
    search(page, query)
    excerpt = page.locator(RESULTS).first.locator(".prfaq-search-excerpt")
    expect(excerpt).to_contain_text("Copperleaf today announced instant refunds.")
    expect(excerpt).not_to_contain_text("·")


def test_a_phrase_ranks_above_a_page_with_its_words_apart(page: Page, server: Server) -> None:
    """PRFAQ-0003 says quiet, lantern and harbour many times apart, which Pagefind ranks first;
    PRFAQ-0011 says "quiet lantern harbour" once."""
    page.goto(server.url())
    titles = search(page, "quiet lantern harbour")
    assert titles[:2] == ["Chat help for refunds", "Split a payment across two cards"]
    page.goto(server.url("catalog/?q=quiet+lantern+harbour"))
    expect(page.locator("[data-prfaq-hits] .prfaq-hits__item h1")).to_have_text(
        ["Chat help for refunds", "Split a payment across two cards"]
    )


def test_a_search_with_no_result_shows_its_message_in_view(page: Page, server: Server) -> None:
    """The header's search sends a query with no result to the catalog: the message is on screen."""
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(server.url("catalog/?q=zyzzyva+quagmire"))
    message = page.locator("[data-prfaq-hits] .prfaq-hits__meta")
    expect(message).to_have_text("No document matches.")
    expect(message).to_be_in_viewport()


def test_enter_opens_the_first_result_from_a_nested_page(page: Page, server: Server) -> None:
    page.goto(server.url("prfaqs/prfaq-0042/"))
    assert search(page, "parcel lockers")[0] == "Parcel lockers at train stations"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/prfaqs/prfaq-0015/$"))
    expect(page.locator("h1").first).to_contain_text("Parcel lockers at train stations")


def test_one_letter_is_not_searched_and_enter_takes_it_to_the_catalog(
    page: Page, server: Server, recorder: Recorder
) -> None:
    """One letter matches nearly every document and needs the largest index chunks: a query is
    searched from its second character (or when it is an id, such as `7`)."""
    page.goto(server.url("guide/"))
    box = page.locator("[data-prfaq-search-input]")
    box.click()
    box.fill("p")
    # Searched, "p" would have results, and Enter would open the first of them.
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/catalog/\?q=p$"))
    expect(page.locator("[data-prfaq-filters]")).to_have_attribute("data-prfaq-searched", "")
    expect(page.locator("[data-prfaq-hits]")).to_be_hidden()
    assert not [u for u in recorder.urls if "/pagefind/index/" in u]
    page.goto(server.url("guide/"))
    assert search(page, "7")[0] == "Weekend delivery windows"


def test_search_finds_handbook_pages_from_a_handbook_page(page: Page, server: Server) -> None:
    page.goto(server.url("guide/"))
    assert search(page, "marmalade") == ["Writing guide"]
    expect(page.locator(RESULTS).first.locator(".prfaq-search-kind")).to_have_text("Handbook")
    page.locator(f"{RESULTS} a").first.click()
    page.wait_for_url(re.compile(r"/guide/$"))


def test_catalog_listing_pages_are_not_results(page: Page, server: Server) -> None:
    page.goto(server.url())
    # "Status: Launched" is the title of a facet page; only documents and handbook pages are results.
    titles = search(page, "launched")
    assert "Status: Launched" not in titles
    assert "PR/FAQ catalog" not in search(page, "catalog")


def test_the_writing_review_is_not_searched(page: Page, server: Server) -> None:
    """The panel under a draft's card says the same on every draft ("Flesch reading ease",
    "findings"): a search for its words finds none of the drafts, whose own words still do."""
    page.goto(server.url())
    drafts = {"Weekend delivery windows", "Chat help for refunds"}
    assert drafts.isdisjoint(search(page, "Flesch reading ease"))
    assert "Weekend delivery windows" in search(page, "weekend delivery windows")


def test_keyboard_opens_and_closes_the_search(page: Page, server: Server) -> None:
    page.goto(server.url("guide/"))
    page.keyboard.press("/")
    expect(page.locator("[data-prfaq-search-input]")).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.type("refunds")
    expect(page.locator(RESULTS).first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"{RESULTS} a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    # Nothing hidden keeps the focus, and no link has it: Enter now opens no result nobody can see.
    page.wait_for_function(
        "() => !document.querySelector('[data-prfaq-search]').contains(document.activeElement)"
        " && !document.activeElement.closest('a[href]')"
    )
    assert page.url.endswith("/guide/")


def test_status_facet_narrows_the_results_and_the_url_shares_the_view(page: Page, server: Server) -> None:
    page.goto(server.url("catalog/"))
    text = page.locator('[data-prfaq-filters] [data-filter="q"]')
    text.fill("refunds")
    expect(page.locator("[data-prfaq-hits] .prfaq-hits__item").first).to_be_visible()
    expect(page.locator("[data-prfaq-filters] [data-prfaq-count]")).to_have_text("4 of 5 shown")
    assert sorted(visible_ids(page)) == ["PRFAQ-0003", "PRFAQ-0007", "PRFAQ-0011", "PRFAQ-0042"]
    status = page.locator('select[data-filter="status"]')
    expect(status.locator('option[value="launched"]')).to_have_text("Launched (1)")
    expect(status.locator('option[value="rejected"]')).to_have_text("Rejected (0)")
    status.select_option("launched")
    expect(page.locator("[data-prfaq-filters] [data-prfaq-count]")).to_have_text("1 of 5 shown")
    assert visible_ids(page) == ["PRFAQ-0042"]
    expect(page.locator('select[data-filter="team"] option[value="payments"]')).to_have_text("Payments (1)")
    expect(page.locator("[data-prfaq-hits] .prfaq-hits__item")).to_have_count(1)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["refunds"], "status": ["launched"]}

    # The shared URL opens the same view.
    shared = page.context.new_page()
    shared.goto(page.url)
    expect(shared.locator('[data-prfaq-filters] [data-filter="q"]')).to_have_value("refunds")
    expect(shared.locator("[data-prfaq-hits] .prfaq-hits__item h1")).to_have_text(["Instant refunds for damaged deliveries"])
    expect(shared.locator("[data-prfaq-filters] [data-prfaq-count]")).to_have_text("1 of 5 shown")
    assert visible_ids(shared) == ["PRFAQ-0042"]


def test_catalog_full_text_finds_words_only_in_bodies(page: Page, server: Server) -> None:
    page.goto(server.url("catalog/?q=commuters"))
    expect(page.locator("[data-prfaq-hits] .prfaq-hits__item h1")).to_have_text(["Parcel lockers at train stations"])
    expect(page.locator("[data-prfaq-filters] [data-prfaq-count]")).to_have_text("1 of 5 shown")
    assert visible_ids(page) == ["PRFAQ-0015"]


def test_catalog_table_filter_and_sort(page: Page, server: Server) -> None:
    page.goto(server.url("catalog/"))
    expect(page.locator("[data-prfaq-filters]")).to_be_visible()
    page.locator('select[data-filter="team"]').select_option("fulfillment")
    expect(page.locator("[data-prfaq-filters] [data-prfaq-count]")).to_have_text("2 of 5 shown")
    assert sorted(visible_ids(page)) == ["PRFAQ-0007", "PRFAQ-0015"]
    assert parse_qs(urlsplit(page.url).query) == {"team": ["fulfillment"]}
    page.locator('select[data-filter="team"]').select_option("")
    header = page.locator('[data-prfaq-table] th[data-sort="id"]')
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert visible_ids(page) == ["PRFAQ-0003", "PRFAQ-0007", "PRFAQ-0011", "PRFAQ-0015", "PRFAQ-0042"]
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert visible_ids(page) == ["PRFAQ-0042", "PRFAQ-0015", "PRFAQ-0011", "PRFAQ-0007", "PRFAQ-0003"]
    # Statuses sort in the order of the lifecycle (draft first), not of the alphabet.
    page.locator('[data-prfaq-table] th[data-sort="status"]').click()
    shown = page.eval_on_selector_all(
        "[data-prfaq-table] tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.status)"
    )
    order = ["draft", "in-review", "approved", "building", "launched", "shelved", "rejected", "superseded"]
    assert shown == sorted(shown, key=order.index) and len(set(shown)) > 1
    # The sort is in the URL with the filters: a shared link opens the same view.
    page.locator('select[data-filter="team"]').select_option("fulfillment")
    id_header = page.locator('[data-prfaq-table] th[data-sort="id"]')
    id_header.click()
    id_header.click()
    assert parse_qs(urlsplit(page.url).query) == {"team": ["fulfillment"], "sort": ["-id"]}
    page.goto(page.url)
    expect(page.locator('[data-prfaq-table] th[data-sort="id"]')).to_have_attribute("aria-sort", "descending")
    assert visible_ids(page) == ["PRFAQ-0015", "PRFAQ-0007"]


def test_catalog_table_is_complete_without_javascript(browser: Browser, server: Server) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("catalog/?q=refunds&status=launched"))
        assert len(visible_ids(page)) == 5
        expect(page.locator("[data-prfaq-filters]")).to_be_hidden()
    finally:
        context.close()


def test_site_under_a_sub_path(page: Page, subpath_server: Server, recorder: Recorder) -> None:
    page.goto(subpath_server.url("prfaqs/prfaq-0007/"))
    assert search(page, "0042")[0] == "Instant refunds for damaged deliveries"
    page.locator(f"{RESULTS} a").first.click()
    page.wait_for_url(subpath_server.url("prfaqs/prfaq-0042/"))
    page.goto(subpath_server.url("catalog/?q=commuters"))
    expect(page.locator("[data-prfaq-hits] .prfaq-hits__item a")).to_have_attribute(
        "href", re.compile(r"^/handbook/prfaqs/prfaq-0015/$")
    )
    pagefind = [u for u in recorder.urls if "/pagefind/" in u]
    assert pagefind and all(urlsplit(u).path.startswith("/handbook/pagefind/") for u in pagefind)
    assert recorder.errors == []


def test_every_request_goes_to_the_site_itself(page: Page, server: Server, recorder: Recorder) -> None:
    for path in ("", "guide/", "catalog/", "prfaqs/prfaq-0042/", "catalog/teams/payments/", "catalog/activity/"):
        response = page.goto(server.url(path))
        assert response is not None and response.ok, path
    search(page, "refunds")
    page.goto(server.url("catalog/?q=refunds&status=launched"))
    expect(page.locator("[data-prfaq-hits] .prfaq-hits__item")).to_have_count(1)
    assert any("/pagefind/" in u for u in recorder.urls)
    assert {f"{urlsplit(u).hostname}:{urlsplit(u).port}" for u in recorder.urls} == {f"127.0.0.1:{server.port}"}
    assert recorder.errors == []


def test_pagefind_starts_when_the_page_is_idle_and_fetches_no_index_before_a_query(
    page: Page, server: Server, recorder: Recorder
) -> None:
    # The engine starts before any keystroke, so that the first query waits only for its own chunks.
    with page.expect_response(lambda r: ".pf_meta" in r.url):
        page.goto(server.url("guide/"))
    assert not [u for u in recorder.urls if "/pagefind/index/" in u or "/pagefind/fragment/" in u]
    search(page, "refunds")
    assert [u for u in recorder.urls if "/pagefind/index/" in u]
    assert recorder.errors == []


def test_the_header_search_fetches_no_filter_and_only_its_first_results(
    page: Page, server: Server, recorder: Recorder
) -> None:
    page.goto(server.url())
    titles = search(page, "the")
    assert 1 <= len(titles) <= 10
    # Filters are for the catalog's facets; the header fetches one fragment per result it shows.
    assert not [u for u in recorder.urls if "/pagefind/filter/" in u]
    assert len([u for u in recorder.urls if "/pagefind/fragment/" in u]) == len(titles)

