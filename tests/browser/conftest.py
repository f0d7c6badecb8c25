"""Shared fixtures of the real-browser tests: the search fixture site built once per session
(at the root and under a sub-path), served on 127.0.0.1, and one headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browserkit import CHROMIUM, CHROMIUM_ARGS, Recorder, Server, build_fixture, serve
from playwright.sync_api import Browser, BrowserContext, Page, Playwright

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture("search-site", tmp_path_factory.mktemp("search-site") / "project")


@pytest.fixture(scope="session")
def server(search_site: Path) -> Iterator[Server]:
    with serve(search_site) as running:
        yield running


@pytest.fixture(scope="session")
def subpath_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The same site built with `site_url: https://x.example/handbook/`, served at /handbook/."""
    site = build_fixture(
        "search-site", tmp_path_factory.mktemp("search-subpath") / "project", site_url="https://x.example/handbook/"
    )
    with serve(site, "/handbook/") as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # Playwright gives every context a fresh, temporary user-data-dir.
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def context(browser: Browser, recorder: Recorder) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(10_000)
    ctx.on("request", lambda request: recorder.urls.append(request.url))
    yield ctx
    ctx.close()
    # No test may make the browser ask any host but the site's own.
    assert recorder.hosts() <= {"127.0.0.1"}, recorder.hosts()


@pytest.fixture
def page(context: BrowserContext, recorder: Recorder) -> Page:
    page = context.new_page()
    page.on("pageerror", lambda error: recorder.errors.append(str(error)))
    page.on("console", lambda m: recorder.errors.append(m.text) if m.type == "error" else None)
    return page
