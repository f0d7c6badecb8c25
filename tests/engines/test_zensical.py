"""Zensical from `prfaq export`, as `make zensical` runs it: a failed check leaves the published
site as it was, and the PR/FAQ pages are sanitized as the MkDocs plugin sanitizes them. (What
the three engines' sites share is tested in test_same_site.py.)"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browserkit import serve
from enginekit import FIXTURES, REPO, STAGING, ZENSICAL_SITE, broken_links, make_zensical, project
from playwright.sync_api import Browser, expect

from mkdocs_prfaq.core.scaffold import template_download


class _Live(HTMLParser):
    """What in a page would run a script an author wrote: scripts, event handlers,
    `javascript:` URLs (in a link, a frame, a form's action), frames, from the hostile fixture."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = tag == "script"
        if tag in {"iframe", "object", "embed"}:
            self.found.append(tag)
        for name, value in attrs:
            value = (value or "").strip().lower()
            if (name.startswith("on") and "xss" in value) or value.startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        if self._script and "XSS" in data:
            self.found.append(f"script {data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        self._script = False


def _state(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def test_a_failed_check_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    root = project("basic", tmp_path / "project")
    make_zensical(root)
    site, staging = _state(root / ZENSICAL_SITE), _state(root / STAGING)
    shutil.copy(FIXTURES / "invalid/prfaqs/PRFAQ-0011-bad-status.md", root / "prfaqs")
    done = make_zensical(root, ok=False)
    assert done.returncode != 0 and "status-enum" in done.stdout
    assert "zensical build" not in done.stdout
    assert _state(root / ZENSICAL_SITE) == site and _state(root / STAGING) == staging


def test_a_second_run_writes_no_staged_file(tmp_path: Path) -> None:
    """Nothing for Zensical's watcher (`zensical serve`) to see when nothing changed."""
    root = project("basic", tmp_path / "project")
    make_zensical(root)
    staging = _state(root / STAGING)
    done = make_zensical(root)
    assert "prfaq export: 0 file(s) written" in done.stderr
    assert _state(root / STAGING) == staging


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project("hostile", tmp_path_factory.mktemp("hostile") / "project")
    make_zensical(root)
    return root / ZENSICAL_SITE


def test_hostile_documents_run_no_script_under_zensical(hostile: Path) -> None:
    pages = sorted(hostile.glob("prfaqs/*/index.html"))
    assert pages
    for page in [*pages, *hostile.glob("catalog/**/index.html")]:
        parser = _Live()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], (page, parser.found)


def test_the_sanitizer_can_fail(tmp_path: Path) -> None:
    """Without the export's extension in zensical.yml, the same hostile page does run scripts:
    the test above would see it."""
    root = project("hostile", tmp_path / "project")
    config = root / "zensical.yml"
    config.write_text(config.read_text().replace("  - mkdocs_prfaq.core.markdown_sanitize\n", ""))
    make_zensical(root)
    parser = _Live()
    parser.feed((root / ZENSICAL_SITE / "prfaqs/prfaq-0001/index.html").read_text(encoding="utf-8"))
    assert parser.found


@pytest.fixture(scope="module")
def repository_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's own site built by `make zensical` from a copy of its sources."""
    root = tmp_path_factory.mktemp("repository") / "project"
    root.mkdir()
    for name in ("docs", "prfaqs"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "zensical.yml", "teams.yml"):
        shutil.copy(REPO / name, root / name)
    if (REPO / "node_modules").is_dir():
        (root / "node_modules").symlink_to(REPO / "node_modules")
    make_zensical(root)
    return root / ZENSICAL_SITE


def test_the_repository_site_builds_whole(repository_site: Path) -> None:
    assert broken_links(repository_site) == []
    assert (repository_site / "reference/cli/index.html").read_text(encoding="utf-8").count("prfaq export") >= 1
    assert "<!-- prfaq:" not in (repository_site / "reference/rules/index.html").read_text(encoding="utf-8")
    # The template download: the raw Markdown, linked by its URL; not a page made of it.
    assert (repository_site / "practice/prfaq-template.md").read_text(encoding="utf-8") == template_download()
    assert not (repository_site / "practice/prfaq-template").exists()
    page = (repository_site / "practice/template/index.html").read_text(encoding="utf-8")
    assert '<a href="https://prfaq.example.com/practice/prfaq-template.md">Download the template</a>' in page


@pytest.mark.browser
def test_diagrams_are_drawn_by_the_sites_own_mermaid(repository_site: Path, browser: Browser) -> None:
    if not (REPO / "node_modules" / "mermaid").is_dir():
        pytest.skip("Mermaid is not installed: run `npm ci`")
    pages = [p for p in repository_site.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]
    assert pages
    page_path = pages[0].relative_to(repository_site).as_posix()
    with serve(repository_site) as server:
        context = browser.new_context()
        hosts: set[str] = set()
        context.on("request", lambda r: hosts.add(urlsplit(r.url).hostname or ""))
        try:
            page = context.new_page()
            page.goto(server.url(page_path))
            # The theme replaces the diagram's source (`pre.mermaid`) with a drawn `div.mermaid`.
            page.wait_for_selector("div.mermaid", timeout=15_000)
            expect(page.locator("pre.mermaid")).to_have_count(0)
            assert page.evaluate("() => typeof window.mermaid") == "object"
        finally:
            context.close()
    assert hosts <= {"127.0.0.1"}, hosts
