"""The published site asks no host but its own for anything: every page of this repository's
built site (handbook, catalog, facets, PR/FAQs, reference), loaded in headless Chromium, with
Mermaid vendored (node_modules/mermaid, diagrams drawn) and without it (diagrams shown as code,
and no script fetching Mermaid from a CDN instead)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browserkit import Server, serve
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, Page, Response, expect
from playwright.sync_api import TimeoutError as PageTimeout

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
#: A page of each kind, which the loop below must have seen among the site's pages.
KINDS = ["", "learn/", "catalog/", "catalog/status/", "catalog/teams/", "catalog/tags/", "reference/rules/"]


def _build(site_dir: Path, mermaid_js: str | None) -> Path:
    """This repository's site, with the plugin's `mermaid_js` moved to a missing file if asked."""
    options = {}
    if mermaid_js is not None:
        with (REPO / "mkdocs.yml").open(encoding="utf-8") as file:
            plugins = yaml_load(file)["plugins"]
        plugins = [
            {"prfaq": {**entry["prfaq"], "mermaid_js": mermaid_js}}
            if isinstance(entry, dict) and "prfaq" in entry
            else entry
            for entry in plugins
        ]
        options["plugins"] = plugins
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir), **options)
    build(config)
    return site_dir


#: How a diagram's source starts (the handbook's flowcharts and state diagrams).
DIAGRAM_SOURCE = re.compile(r"^\s*(flowchart|graph|stateDiagram|sequenceDiagram)")


@pytest.fixture(scope="module", params=["mermaid vendored", "no mermaid"])
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Path, bool]]:
    vendored = request.param == "mermaid vendored"
    if vendored:
        assert (REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js").is_file(), "run `npm ci`"
    folder = tmp_path_factory.mktemp("third-party") / "site"
    built = _build(folder, None if vendored else "node_modules/not-installed/mermaid.min.js")
    with serve(built) as server:
        yield server, built, vendored


def _pages(site_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(site_dir).as_posix().removesuffix("index.html")
        for p in site_dir.rglob("*.html")
        if "pagefind" not in p.relative_to(site_dir).parts and p.name != "404.html"
    )


def test_every_page_asks_only_the_site_itself(browser: Browser, site: tuple[Server, Path, bool]) -> None:
    server, site_dir, vendored = site
    paths = _pages(site_dir)
    assert set(KINDS) <= set(paths) and any(p.startswith("prfaqs/") for p in paths)
    sources = sum(
        f.read_text("utf-8").count("```mermaid") for f in [*REPO.glob("docs/**/*.md"), *REPO.glob("prfaqs/*.md")]
    )
    requests: list[str] = []
    context = browser.new_context()
    context.on("request", lambda r: requests.append(r.url))
    # Anything for another host is refused before it leaves the machine, and recorded above.
    context.route(lambda url: urlsplit(url).hostname != "127.0.0.1", lambda route: route.abort())
    page = context.new_page()
    diagrams = 0
    try:
        for path in paths:
            # Scripts the page runs ask for what they need before its load event (Material's
            # components, Mermaid from a CDN); those that start later (Pagefind, when the page is
            # idle) have asked once the network is quiet: waited for on one page of each kind.
            quiet = path in KINDS or path.startswith("prfaqs/prfaq-0001")
            response = _visit(page, server.url(path), quiet=quiet)
            assert response is not None and response.ok, path
            diagrams += _diagrams(
                page, site_dir / path / "index.html" if path.endswith("/") or not path else site_dir / path, vendored
            )
    finally:
        context.close()
    assert sources >= 1 and diagrams == sources
    others = sorted(
        {u for u in requests if urlsplit(u).scheme in {"http", "https"} and urlsplit(u).hostname != "127.0.0.1"}
    )
    assert others == []
    assert any("/pagefind/" in u for u in requests)
    assert any(u.endswith("/mermaid.min.js") for u in requests) == vendored


def _visit(page: Page, url: str, *, quiet: bool) -> Response | None:
    """Load `url`, to its network's quiet with `quiet`. A local page that has not settled in
    30 s is loaded once more: in two fresh clones' full runs, on this 2-core machine, one facet
    page stalled so (it loads in under a second alone). This test asks where requests go, not
    how fast; a page that never settles still fails it."""
    try:
        return page.goto(url, wait_until="networkidle" if quiet else "load")
    except PageTimeout:
        return page.goto(url, wait_until="networkidle" if quiet else "load")


def _diagrams(page: Page, file: Path, vendored: bool) -> int:
    """The page's diagrams: drawn when Mermaid is vendored (Material puts each in a div of its
    own), shown as their source in a code block otherwise."""
    if vendored:
        count = file.read_text("utf-8").count('<pre class="mermaid">')
        expect(page.locator("div.mermaid")).to_have_count(count)
        for i in range(count):
            box = page.locator("div.mermaid").nth(i).bounding_box()
            assert box is not None and box["height"] > 0, file
        return count
    expect(page.locator(".mermaid")).to_have_count(0)
    code = page.locator("pre > code").filter(has_text=DIAGRAM_SOURCE)
    if code.count():
        expect(code.first).to_be_visible()
    return code.count()
