"""Helpers for the real-browser tests: build a fixture site, serve it over HTTP on 127.0.0.1, and
drive Debian's Chromium with Playwright."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page, expect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: The results listed under the header's search box.
RESULTS = "[data-prfaq-search-list] .md-search-result__item"


def build_fixture(name: str, dest: Path, *, extra: Path | None = None, **overrides: Any) -> Path:
    """Copy the fixture project `name` to `dest`, with the PR/FAQs of the fixture folder `extra`
    added to its source folder, build it strictly, return the site folder."""
    shutil.copytree(FIXTURES / name, dest)
    for source in sorted(extra.glob("PRFAQ-*.md")) if extra else ():
        shutil.copy(source, dest / "prfaqs" / source.name)
    overrides.setdefault("site_dir", str(dest / "site"))
    config = load_config(str(dest / "mkdocs.yml"), strict=True, **overrides)
    build(config)
    return Path(config.site_dir)


def search(page: Page, query: str) -> list[str]:
    """Type `query` in the header's search box; the titles of the results, best first."""
    box = page.locator("[data-prfaq-search-input]")
    box.click()
    box.fill(query)
    # Results show one by one as their fragments arrive; the box names the query once all have.
    expect(page.locator("[data-prfaq-search]")).to_have_attribute("data-prfaq-query", query.strip())
    meta = page.locator("[data-prfaq-search-meta]")
    expect(meta).to_contain_text(re.compile(r"matching document|No matching"))
    if "No matching" in meta.inner_text():
        return []
    expect(page.locator(RESULTS).first).to_be_visible()
    return page.locator(f"{RESULTS} h1").all_inner_texts()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Server:
    root: str
    host: str
    port: int

    def url(self, path: str = "") -> str:
        return f"{self.root}{path.lstrip('/')}"


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[Server]:
    """Serve `directory` at `http://127.0.0.1:<free port><prefix>` in a background thread.

    With a `prefix` other than `/`, the site is placed at that path of a fresh document root, as
    on a GitHub Pages project site."""
    root = directory
    if prefix.strip("/"):
        root = directory.parent / "www"
        target = root / prefix.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(directory, target)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        path = f"/{prefix.strip('/')}/" if prefix.strip("/") else "/"
        yield Server(f"http://127.0.0.1:{port}{path}", str(host), int(port))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Recorder:
    """Every request a browser context makes, and every script error and dialog of its pages."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname or "" for u in self.urls if urlsplit(u).scheme in {"http", "https"}}


@contextmanager
def watched(browser: Browser) -> Iterator[tuple[Page, Recorder]]:
    """A page in a context of its own, whose requests, script errors and dialogs (dismissed)
    are recorded; the context is closed on leaving."""
    recorder = Recorder()
    context = browser.new_context()
    context.on("request", lambda r: recorder.urls.append(r.url))
    page = context.new_page()
    page.on("dialog", lambda d: (recorder.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: recorder.errors.append(str(e)))
    try:
        yield page, recorder
    finally:
        context.close()
