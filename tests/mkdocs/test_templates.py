"""A site replaces one of the catalog's templates from its theme's `custom_dir` (prfaq/<name>):
the fixture tests/fixtures/sites/templates/ built with MkDocs."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sitekit import build_site, copy_project, mkdocs_serve

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



def test_mkdocs_serve_rebuilds_when_an_override_is_saved(tmp_path: Path) -> None:
    """MkDocs watches a theme's `custom_dir` only with --watch-theme; the catalog's overrides
    (`custom_dir/prfaq/`) are watched by the plugin, as the PR/FAQs are."""
    project = copy_project("templates", tmp_path / "project")
    with mkdocs_serve(project) as served:
        served.wait_for("prfaqs/prfaq-0002/", "<dt>For</dt>", "mkdocs serve did not serve the page")
        card = project / "overrides" / "prfaq" / "card.html"
        card.write_text(card.read_text(encoding="utf-8").replace("<dt>For</dt>", "<dt>Customer</dt>"), encoding="utf-8")
        served.wait_for("prfaqs/prfaq-0002/", "<dt>Customer</dt>", "the saved override was not rebuilt", seconds=60)
