"""Every class of the second red-team pass (issue 14), in one real site and a real Chromium: file
names that end the edit link's attribute, bodies that take the theme's names (DOM clobbering)
or put markup in tooltips, a document stuffed with another's id, control characters in titles,
images and emoji from other hosts, unclosed elements that would take the rest of a body
(`tests/fixtures/sites/hostile-browser/`). Every page is loaded: no payload's script runs (each
sets `window.__xss`), no dialog opens, no request leaves 127.0.0.1, and what the attacks tried
to break still works."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import FIXTURES, Server, search, serve, watched
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

#: The documents of `named/`, under names that end an attribute (made here: Windows cannot hold them).
NAMES = {
    "name-quote.md": 'PRFAQ-0021"><img src=x onerror=window.__xss=11>.md',
    "name-apostrophe.md": "PRFAQ-0022'><svg onload=window.__xss=12>x.md",
}
#: Any element whose attributes carry a payload's script.
INJECTED = "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /__xss/.test(a.value) && /^on/i.test(a.name))).length"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile-browser") / "project"
    shutil.copytree(FIXTURES / "sites" / "hostile-browser", project)
    for fixture, name in NAMES.items():
        (project / "named" / fixture).rename(project / "prfaqs" / name)
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
    build(config)
    return Path(config.site_dir)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[Server]:
    with serve(site) as running:
        yield running


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def test_no_page_runs_a_payload_or_asks_another_host(browser: Browser, site: Path, server: Server) -> None:
    paths = pages(site)
    assert len(paths) > 20 and "prfaqs/prfaq-0021/" in paths
    with watched(browser) as (page, recorder):
        for path in paths:
            response = page.goto(server.url(path))
            assert response is not None and response.ok, path
            page.wait_for_load_state("load")
            # Tooltips (content.tooltips) render a title as HTML on hover: hover whatever has one.
            for titled in page.locator("article [title], article abbr").all()[:20]:
                if titled.is_visible():
                    titled.hover()
            assert page.evaluate("window.__xss") is None, path
            assert page.evaluate(INJECTED) == 0, path
            # The theme reads its own configuration, and every page ends with its footer.
            assert page.evaluate("document.getElementById('__config').tagName") == "SCRIPT", path
            assert page.evaluate("JSON.parse(document.getElementById('__config').textContent).search") != (
                "https://evil.example/x.js"
            ), path
            assert page.locator("footer.md-footer").count() == 1, path
    assert recorder.dialogs == []
    assert recorder.errors == []
    assert recorder.hosts() == {"127.0.0.1"}, sorted(u for u in recorder.urls if "127.0.0.1" not in u)


def test_the_named_documents_edit_links_are_one_attribute_each(page: Page, server: Server) -> None:
    for number, name in (("0021", NAMES["name-quote.md"]), ("0022", NAMES["name-apostrophe.md"])):
        page.goto(server.url(f"prfaqs/prfaq-{number}/"))
        edit = page.locator("a[rel=edit]")
        expect(edit).to_have_count(1)
        href = edit.get_attribute("href") or ""
        assert href.endswith("/prfaqs/" + re.sub(r"[^\w.-]", lambda m: "%" + m.group().encode().hex().upper(), name)), (
            href
        )


def test_table_of_contents_and_in_page_links_reach_their_headings(page: Page, server: Server) -> None:
    page.set_viewport_size({"width": 1400, "height": 500})
    page.goto(server.url("prfaqs/prfaq-0023/"))
    toc = page.locator("nav.md-nav--secondary")
    for text, anchor in (("Where it goes", "where-it-goes"), ("__config", "user-content-__config")):
        page.evaluate("window.scrollTo(0, 0)")
        toc.get_by_role("link", name=text, exact=True).click()
        expect(page).to_have_url(re.compile(f"#{re.escape(anchor)}$"))
        expect(page.locator(f"h2[id='{anchor}']")).to_be_in_viewport()
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("article").get_by_role("link", name="Jump to the plan").click()
    expect(page.locator("h2[id='where-it-goes']")).to_be_in_viewport()


def test_an_id_finds_its_own_document_before_the_one_stuffed_with_it(page: Page, server: Server) -> None:
    page.goto(server.url())
    for query in ("PRFAQ-0021", "0021"):
        assert search(page, query)[0] == "A file name that closes the edit link with a double quote"


def test_control_characters_leave_titles_and_outputs_whole(page: Page, site: Path, server: Server) -> None:
    ET.parse(site / "feed.xml")
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert {d["id"] for d in catalog["documents"]} >= {"PRFAQ-0025", "PRFAQ-0026"}
    for number, words in (("0025", "Control"), ("0026", "DEL")):
        page.goto(server.url(f"prfaqs/prfaq-{number}/"))
        expect(page.locator("article h1").first).to_contain_text(words)
        assert words in page.title()
        # The generated front matter was read as such, not shown as text.
        expect(page.locator("article")).not_to_contain_text("description:")


def test_images_from_other_hosts_are_left_out_and_emoji_show_as_characters(page: Page, server: Server) -> None:
    page.goto(server.url("prfaqs/prfaq-0027/"))
    images = page.locator("article img")
    expect(images).to_have_count(7)
    assert all(src is None for src in images.evaluate_all("els => els.map(e => e.getAttribute('src'))"))
    assert images.evaluate_all("els => els.map(e => e.alt)")[:2] == ["😄", "🚀"]


@pytest.mark.parametrize(
    ("number", "after"), [("0028", "Text after the math element"), ("0029", "Text after the template element")]
)
def test_an_unclosed_element_leaves_the_rest_of_the_body(page: Page, server: Server, number: str, after: str) -> None:
    page.goto(server.url(f"prfaqs/prfaq-{number}/"))
    article = page.locator("article")
    for text in (after, "Internal FAQ", "What does it cost?", "Nothing we could measure."):
        expect(article).to_contain_text(text)
    expect(page.locator("footer.md-footer")).to_have_count(1)
