"""A site replaces one of the catalog's templates from its theme's `custom_dir` (prfaq/<name>):
the fixture tests/fixtures/sites/templates/ built with MkDocs."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sitekit import build_site, copy_project

TEMPLATES = Path(__file__).resolve().parents[1] / "fixtures" / "templates"
BROKEN = TEMPLATES / "misspelled" / "prfaq" / "card.html"
#: A `prfaq/search.html` with one filter more (`desk`) than the package's.
SEARCH = TEMPLATES / "search-desk" / "prfaq" / "search.html"


def test_the_theme_custom_dir_replaces_one_template(tmp_path: Path) -> None:
    site = build_site(copy_project("templates", tmp_path / "project"), strict=True)
    page = (site / "prfaqs" / "prfaq-0002" / "index.html").read_text(encoding="utf-8")
    assert '<dl class="prfaq-card prfaq-card--custom">' in page and "<dt>For</dt>" in page
    # The other templates are the package's: the banner, and the catalog's table.
    assert 'class="admonition warning prfaq-banner"' in (site / "prfaqs" / "prfaq-0001" / "index.html").read_text()
    assert 'data-prfaq-table' in (site / "catalog" / "index.html").read_text(encoding="utf-8")


def test_a_broken_override_stops_the_build_naming_its_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_project("templates", tmp_path / "project")
    shutil.copy(BROKEN, project / "overrides" / "prfaq" / "card.html")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project)
    assert f"prfaq: {project / 'overrides' / 'prfaq' / 'card.html'}:3: " in caplog.text and "'titel'" in caplog.text
    assert not (project / "site").exists()


def test_the_search_data_template_is_replaced_too(tmp_path: Path) -> None:
    """`prfaq/search.html` from the `custom_dir` makes each PR/FAQ page's hidden search data
    (what Pagefind indexes): the site's own filter is on the page."""
    project = copy_project("templates", tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search: false", "search: true"), encoding="utf-8")
    shutil.copy(SEARCH, project / "overrides" / "prfaq" / "search.html")
    site = build_site(project, strict=True)
    page = (site / "prfaqs" / "prfaq-0002" / "index.html").read_text(encoding="utf-8")
    assert '<data hidden value="catalog desk" data-pagefind-filter="desk[value]">' in page


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_mkdocs_serve_rebuilds_when_an_override_is_saved(tmp_path: Path) -> None:
    """MkDocs watches a theme's `custom_dir` only with --watch-theme; the catalog's overrides
    (`custom_dir/prfaq/`) are watched by the plugin, as the PR/FAQs are."""
    project = copy_project("templates", tmp_path / "project")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/prfaqs/prfaq-0002/"
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while "<dt>For</dt>" not in _page(url):
            assert time.monotonic() < deadline and process.poll() is None, "mkdocs serve did not serve the page"
            time.sleep(0.2)
        card = project / "overrides" / "prfaq" / "card.html"
        card.write_text(card.read_text(encoding="utf-8").replace("<dt>For</dt>", "<dt>Customer</dt>"), encoding="utf-8")
        deadline = time.monotonic() + 60
        while "<dt>Customer</dt>" not in _page(url):
            assert time.monotonic() < deadline and process.poll() is None, "the saved override was not rebuilt"
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)
