"""The built site passes an accessibility audit and reads well on a phone and on a desktop.

axe-core (from the npm registry through package.json, injected from node_modules, never from a
CDN) runs on every page type of this repository's own site, in the light and the dark scheme,
and no critical or serious violation of WCAG 2 A/AA is allowed. At 390 px and 1400 px no catalog
table or card overflows its container, a title cell is at least 120 px wide and no word of a
title is split over two lines (but after a hyphen). A screenshot of each page type at both widths is kept in
`test-artifacts/screenshots/` for a reviewer to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import Server, serve
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"

#: One page of each type, by what a reader would call it.
PAGE_TYPES = {
    "home": "",
    "handbook": "learn/press-release/",
    "checklist": "practice/review-checklist/",
    "workshop kit": "practice/workshop-kit/",
    "diagram": "contribute/lifecycle/",
    "catalog": "catalog/",
    "status index": "catalog/status/",
    "status facet": "catalog/status/draft/",
    "team facet": "catalog/teams/payments/",
    "tag facet": "catalog/tags/refunds/",
    "activity": "catalog/activity/",
    "review queue": "catalog/review/",
    "insights": "catalog/insights/",
    "draft PR/FAQ": "prfaqs/prfaq-0012/",
    "launched PR/FAQ": "prfaqs/prfaq-0001/",
    "reference": "reference/front-matter/",
    "plugin options": "reference/plugin/",
    "glossary": "glossary/",
    "not found": "404.html",
}
#: Pages that hold the catalog's tables.
TABLE_PAGES = ["catalog", "status facet", "team facet", "tag facet"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    site_dir = tmp_path_factory.mktemp("a11y") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir)))
    with serve(site_dir) as server:
        yield server


def _open(browser: Browser, server: Server, path: str, *, scheme: str = "light", width: int = 1400) -> Page:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.url(path), wait_until="load")
    page.wait_for_load_state("networkidle")
    return page


def _axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """() => axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          resultTypes: ["violations"],
        })"""
    )
    return list(result["violations"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_critical_or_serious_violation(browser: Browser, site: Server, kind: str, scheme: str) -> None:
    page = _open(browser, site, PAGE_TYPES[kind], scheme=scheme)
    try:
        found = [v for v in _axe(page) if v["impact"] in {"critical", "serious"}]
    finally:
        page.context.close()
    assert not found, "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}: "
        f"{', '.join(' '.join(n['target']) for n in v['nodes'][:5])})"
        for v in found
    )


def test_the_audit_sees_violations(browser: Browser, site: Server) -> None:
    """The audit is live: a control without a name, added to a real page, is reported."""
    page = _open(browser, site, PAGE_TYPES["catalog"])
    try:
        page.evaluate("() => document.querySelector('article').append(document.createElement('select'))")
        ids = {v["id"] for v in _axe(page) if v["impact"] == "critical"}
    finally:
        page.context.close()
    assert "select-name" in ids


#: For each catalog table: how far it (or a row shown as a card) reaches past its container, the
#: narrowest title cell, and the titles with a word split over two lines.
LAYOUT = r"""() => {
  const out = { overflow: 0, titleWidth: Infinity, split: [] };
  document.querySelectorAll(".prfaq-table").forEach((table) => {
    const box = table.closest(".md-content__inner").getBoundingClientRect();
    [table, ...table.querySelectorAll("tr")].forEach((node) => {
      const r = node.getBoundingClientRect();
      if (r.width) out.overflow = Math.max(out.overflow, r.right - box.right, box.left - r.left);
    });
    table.querySelectorAll("tbody tr:not([hidden]) td:nth-child(2)").forEach((cell) => {
      out.titleWidth = Math.min(out.titleWidth, cell.getBoundingClientRect().width);
      const text = cell.firstChild && cell.firstChild.firstChild;
      if (!text || text.nodeType !== 3) return;
      const range = document.createRange();
      // A word may break after a hyphen ("flat-/pack"), never inside a part.
      for (const part of text.textContent.matchAll(/[^\s-]+/g)) {
        range.setStart(text, part.index);
        range.setEnd(text, part.index + part[0].length);
        if (range.getClientRects().length > 1) out.split.push(part[0]);
      }
    });
  });
  return out;
}"""


@pytest.mark.parametrize("width", [390, 1400])
@pytest.mark.parametrize("kind", TABLE_PAGES)
def test_tables_fit_the_screen(browser: Browser, site: Server, kind: str, width: int) -> None:
    page = _open(browser, site, PAGE_TYPES[kind], width=width)
    try:
        layout = page.evaluate(LAYOUT)
    finally:
        page.context.close()
    assert layout["overflow"] <= 1, f"a table reaches {layout['overflow']:.0f} px past its container"
    assert layout["titleWidth"] >= 120, f"a title cell is {layout['titleWidth']:.0f} px wide"
    assert not layout["split"], f"words split over two lines: {layout['split']}"


def test_controls_show_a_focus_ring(browser: Browser, site: Server) -> None:
    page = _open(browser, site, PAGE_TYPES["catalog"])
    try:
        rings = []
        for selector in ["[data-filter='q']", "select[data-filter='status']", "th[data-sort='title']"]:
            control = page.locator(selector)
            control.focus()
            rings.append((selector, control.evaluate("e => getComputedStyle(e).outlineStyle")))
    finally:
        page.context.close()
    assert all(style not in {"none", ""} for _, style in rings), rings


@pytest.mark.parametrize("width", [390, 1400])
def test_screenshots_of_every_page_type(browser: Browser, site: Server, width: int) -> None:
    """Kept for review, and each one shows a page that rendered (not a blank or an error page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind, path in PAGE_TYPES.items():
        page = _open(browser, site, path, width=width)
        try:
            assert page.locator("article h1").first.is_visible(), kind
            name = kind.replace("/", "").replace(" ", "-")
            page.screenshot(path=str(SCREENSHOTS / f"{width}px-{name}.png"), full_page=True)
        finally:
            page.context.close()


#: The lifecycle diagram's states, top to bottom in lifecycle order, and whether two of its
#: edges cross (each edge sampled as a polyline; segments that share an end point are skipped).
DIAGRAM = r"""() => {
  const svg = document.querySelector(".mermaid").shadowRoot.querySelector("svg");
  const top = {};
  svg.querySelectorAll("g.node").forEach((node) => {
    top[node.textContent.trim()] = node.getBoundingClientRect().top;
  });
  const lines = [...svg.querySelectorAll("path.flowchart-link")].map((path) => {
    const points = [];
    const length = path.getTotalLength();
    for (let i = 0; i <= 40; i++) points.push(path.getPointAtLength((length * i) / 40));
    return points;
  });
  const cross = (a, b, c, d) => {
    const side = (p, q, r) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
  };
  const near = (p, q) => Math.hypot(p.x - q.x, p.y - q.y) < 12;
  let crossings = 0;
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [e, f] = [lines[i], lines[j]];
      for (let s = 0; s < e.length - 1; s++) {
        for (let t = 0; t < f.length - 1; t++) {
          if ([e[s], e[s + 1]].some((p) => near(p, f[t]) || near(p, f[t + 1]))) continue;
          if (cross(e[s], e[s + 1], f[t], f[t + 1])) crossings++;
        }
      }
    }
  }
  return { top, crossings, edges: lines.length };
}"""


#: Material draws each diagram in a closed shadow root; the test opens it to measure the drawing.
OPEN_SHADOWS = """(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (options) { return attach.call(this, { ...options, mode: "open" }); };
})()"""


def test_lifecycle_diagram_reads_top_to_bottom(browser: Browser, site: Server) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(OPEN_SHADOWS)
    page = context.new_page()
    page.goto(site.url(PAGE_TYPES["diagram"]), wait_until="load")
    try:
        page.wait_for_function("() => document.querySelector('.mermaid')?.shadowRoot?.querySelector('svg g.node')")
        drawn = page.evaluate(DIAGRAM)
    finally:
        page.context.close()
    order = ["draft", "in-review", "approved", "building", "launched"]
    tops = [drawn["top"][state] for state in order]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), drawn["top"]
    assert drawn["edges"] >= 10
    assert drawn["crossings"] == 0, drawn


def test_every_navigation_section_looks_alike(browser: Browser, site: Server) -> None:
    """Each section of the main navigation opens on a page of its own, so all are links drawn
    alike (a section without one is a grey label)."""
    page = _open(browser, site, PAGE_TYPES["glossary"])
    try:
        sections = page.evaluate(
            """() => [...document.querySelectorAll(".md-nav--primary .md-nav__item--section")].map((item) => {
              const label = item.querySelector(":scope > .md-nav__link");
              const link = label.matches("a") ? label : label.querySelector("a");
              return [label.textContent.trim(), link ? getComputedStyle(link).color : null];
            })"""
        )
    finally:
        page.context.close()
    assert len(sections) >= 5, sections
    assert all(color is not None for _, color in sections), sections
    assert len({color for _, color in sections}) == 1, sections


def test_the_workshop_kit_prints_each_handout_on_a_sheet_of_its_own(browser: Browser, site: Server) -> None:
    page = _open(browser, site, PAGE_TYPES["workshop kit"])
    try:
        page.emulate_media(media="print")
        breaks = page.eval_on_selector_all(".handout", "all => all.map(e => getComputedStyle(e).breakBefore)")
        hidden = page.eval_on_selector_all(".md-sidebar, .md-header", "all => all.map(e => getComputedStyle(e).display)")
    finally:
        page.context.close()
    assert len(breaks) == 5 and set(breaks) == {"page"}, breaks
    assert set(hidden) == {"none"}, hidden


@pytest.mark.parametrize("kind", ["draft PR/FAQ", "team facet", "tag facet", "status facet"])
def test_the_navigation_shows_the_catalog_on_its_pages(browser: Browser, site: Server, kind: str) -> None:
    """PR/FAQ and facet pages are not in the navigation; the section that holds them is shown
    active, in the colour of a current link, so a reader knows where they are."""
    page = _open(browser, site, PAGE_TYPES[kind])
    try:
        active = page.evaluate(
            """() => [...document.querySelectorAll(".md-nav--primary .md-nav__item--section.md-nav__item--active")]
              .map((item) => {
                const label = item.querySelector(":scope > .md-nav__link, :scope > .md-nav__container > .md-nav__link");
                const plain = document.querySelector(".md-nav--primary .md-nav__item--section:not(.md-nav__item--active) > .md-nav__link");
                return [label.textContent.trim(), getComputedStyle(label).color !== getComputedStyle(plain).color];
              })"""
        )
    finally:
        page.context.close()
    assert active == [["Catalog", True]]
