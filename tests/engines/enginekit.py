"""One small site built three ways (MkDocs + Material, ProperDocs + Material, Zensical from
`prfaq export`), and the assertions every one of them must pass: each PR/FAQ's page with its
metadata card and FAQ questions, the catalog and the facets listing exactly the right documents,
catalog.json and the feed counting every document, every internal link resolving, and Pagefind's
index finding a document by id and by a phrase of its body in a real headless Chromium."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browserkit import serve

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "sites"
BIN = Path(sys.executable).parent
#: Beside the environment the tests run in (PAGEFIND_BINARY_PATH: tests/conftest.py).
ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
ENGINES = ("mkdocs", "properdocs", "zensical")
#: Where the Zensical recipe (zensical.yml, `make zensical`) stages the docs and builds the site.
STAGING, ZENSICAL_SITE = "build/zensical/docs", "build/zensical/site"

_DOC_LINK = re.compile(r'href="([^"#]*?prfaqs/(prfaq-[0-9]{4})/?(?:index\.html)?)"')
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_EDIT = re.compile(r'<a href="([^"]*)"[^>]*\srel="edit"')
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')


def run(args: list[str], cwd: Path, *, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env={**os.environ, **ENV}, capture_output=True, text=True, check=False)
    if ok:
        assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def project(name: str, dest: Path) -> Path:
    """A copy of the fixture project `name`, with the repository's zensical.yml beside its mkdocs.yml."""
    shutil.copytree(FIXTURES / name, dest)
    shutil.copy(REPO / "zensical.yml", dest / "zensical.yml")
    return dest


def build(engine: str, root: Path) -> Path:
    """Build the project at `root` with `engine` as a user does; the built site's folder."""
    if engine == "zensical":
        make_zensical(root)
        return root / ZENSICAL_SITE
    run([str(BIN / engine), "build", "--strict", "-f", "mkdocs.yml", "-d", "site"], root)
    return root / "site"


def make_zensical(root: Path, *, ok: bool = True) -> subprocess.CompletedProcess[str]:
    """The repository's `make zensical`, run in the project at `root` with this virtualenv's
    programs (check, export, zensical build, index)."""
    variables = [f"BIN={BIN}", "STAMP=", "NODE_MODULES="]
    return run(["make", "--no-print-directory", "-C", str(root), "-f", str(REPO / "Makefile"), "zensical", *variables], root, ok=ok)


def catalog(site: Path) -> list[dict[str, object]]:
    """The documents of the site's catalog.json, checked against its count."""
    data = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert data["count"] == len(data["documents"])
    return list(data["documents"])


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def listed(site: Path, path: str) -> set[str]:
    """The PR/FAQ pages (`prfaq-0001`...) the page at `path` links to from its content."""
    article = _ARTICLE.search(_page(site, path))
    assert article is not None, path
    return {m.group(2) for m in _DOC_LINK.finditer(article.group(0))}


def _slug(doc: dict[str, object]) -> str:
    return str(doc["id"]).lower()


def _sources(root: Path) -> dict[str, str]:
    """Each PR/FAQ's source text, by slug."""
    texts = {p.read_text(encoding="utf-8") for p in (root / "prfaqs").glob("PRFAQ-*.md")}
    return {m.group(1).lower(): text for text in texts if (m := re.search(r"^id: (PRFAQ-[0-9]{4})$", text, re.M))}


def assert_pages(site: Path, root: Path) -> None:
    """Every PR/FAQ has its page, with its metadata card and every FAQ question of its source."""
    sources = _sources(root)
    docs = catalog(site)
    assert {_slug(d) for d in docs} == set(sources)
    for doc in docs:
        page = html.unescape(_page(site, f"prfaqs/{_slug(doc)}"))
        card = re.search(r'<dl class="prfaq-card">.*?</dl>', page, re.S)
        assert card is not None and str(doc["id"]) in card.group(0), doc["id"]
        for question in re.findall(r"^### (.+)$", sources[_slug(doc)], re.M):
            assert re.search(rf"<h3[^>]*>{re.escape(question)}", page), (doc["id"], question)


def assert_edit_links(site: Path) -> None:
    """A PR/FAQ page's "edit this page" link opens its source; a catalog page has none."""
    for doc in catalog(site):
        edit = _EDIT.findall(_page(site, f"prfaqs/{_slug(doc)}"))
        assert edit == [f"https://github.com/example/basic/edit/main/{doc['source']}"], (doc["id"], edit)
    assert _EDIT.findall(_page(site, "catalog")) == []
    assert _EDIT.findall(_page(site, "handbook")) == ["https://github.com/example/basic/edit/main/docs/handbook.md"]


def assert_listings(site: Path) -> None:
    """The catalog lists every document; each status, team and tag page exactly its own."""
    docs = catalog(site)
    assert listed(site, "catalog") == {_slug(d) for d in docs}
    facets: dict[str, set[str]] = {}
    for doc in docs:
        facets.setdefault(f"catalog/status/{doc['status']}", set()).add(_slug(doc))
        facets.setdefault(f"catalog/teams/{doc['team']}", set()).add(_slug(doc))
        for tag in doc.get("tags") or []:  # type: ignore[attr-defined]
            facets.setdefault(f"catalog/tags/{tag}", set()).add(_slug(doc))
    for path, slugs in facets.items():
        assert listed(site, path) == slugs, path


def assert_feed(site: Path) -> None:
    """The feed parses and has an entry for every document (the fixture has fewer than its limit)."""
    root = ET.fromstring((site / "feed.xml").read_bytes())
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(catalog(site))


def _target(site: Path, page: Path, link: str) -> Path | None:
    """The file an internal link points at, None for an external one."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "data:", "mailto:")) or not parts.path:
        return None
    path = unquote(parts.path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(site: Path) -> list[str]:
    """Every internal link or source of every page whose file is not in the site."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.relative_to(site).parts:
            continue
        for link in _LINK.findall(page.read_text(encoding="utf-8")):
            target = _target(site, page, html.unescape(link))
            if target is not None and not target.resolve().is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


def search(browser: Browser, site: Path, query: str) -> list[str]:
    """The URLs Pagefind's index of the built site gives for `query`, best first, searched in a
    real Chromium through Pagefind's own script, as every engine's site loads it; the page asks
    no host but the site's own for anything."""
    hosts: set[str] = set()
    with serve(site) as server:
        context = browser.new_context()
        context.on("request", lambda r: hosts.add(urlsplit(r.url).hostname or ""))
        try:
            page = context.new_page()
            page.goto(server.url("index.html"))
            urls: list[str] = page.evaluate(
                """async (query) => {
                    const pagefind = await import("/pagefind/pagefind.js");
                    const found = await pagefind.search(query);
                    const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
                    return data.map((d) => d.url);
                }""",
                query,
            )
        finally:
            context.close()
    assert hosts <= {"127.0.0.1"}, hosts
    return urls
