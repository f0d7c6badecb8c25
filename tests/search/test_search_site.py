"""The search as built into the site (no browser): the Pagefind index, one search box on every
page, which pages are indexed, the filters of a PR/FAQ, the `search` option, `mkdocs serve`,
which Pagefind builds the index (1.6 from node_modules, else the Python wheel's), and the same
index from one build to the next."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

# The site helpers of the plugin's tests (tests/mkdocs/sitekit.py), wherever pytest was started.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mkdocs"))
from sitekit import mkdocs_serve

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "search-site"
REPO = Path(__file__).resolve().parents[2]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_copy(dest: Path, **overrides: object) -> Path:
    shutil.copytree(FIXTURE, dest)
    config = load_config(str(dest / "mkdocs.yml"), strict=True, site_dir=str(dest / "site"), **overrides)
    build(config)
    return dest / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(tmp_path_factory.mktemp("search-site") / "project")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def test_the_index_is_built_and_no_lunr_index(site: Path) -> None:
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert list((site / "pagefind" / "fragment").iterdir())
    assert not (site / "search").exists()


def test_one_search_box_on_every_page(site: Path) -> None:
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert html.count("data-prfaq-search ") == 1, page
        assert 'name="search"' not in html, page
        assert "assets/prfaq/prfaq-search.js" in html, page


def test_documents_and_handbook_pages_are_indexed_listings_are_not(site: Path) -> None:
    indexed = {p.relative_to(site).as_posix() for p in pages(site) if "data-pagefind-body" in p.read_text("utf-8")}
    assert indexed == {
        "index.html",
        "guide/index.html",
        *(f"prfaqs/prfaq-{n}/index.html" for n in ("0003", "0007", "0011", "0015", "0042")),
    }


def test_a_document_carries_its_filters_and_id_tokens(site: Path) -> None:
    html = (site / "prfaqs" / "prfaq-0042" / "index.html").read_text(encoding="utf-8")
    filters = sorted(re.findall(r'<data hidden value="([^"]*)" data-pagefind-filter="(\w+)\[value\]">', html))
    assert filters == sorted(
        [("prfaq", "kind"), ("launched", "status"), ("payments", "team"), ("refunds", "tag"),
         ("logistics", "tag"), ("2025", "year"), ("PRFAQ-0042", "id")]
    )  # fmt: skip
    assert 'value="Payments" data-pagefind-meta="team[value]"' in html
    assert ">PRFAQ-0042 · 0042 · Payments" in html


def test_the_search_option_turns_it_all_off(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    config_file = project / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text("utf-8").replace("      history: false\n", "      history: false\n      search: false\n"),
        encoding="utf-8",
    )
    config = load_config(str(config_file), strict=True, site_dir=str(project / "site"))
    build(config)
    home = (project / "site" / "index.html").read_text("utf-8")
    assert not (project / "site" / "pagefind").exists()
    assert "data-prfaq-search " not in home and "data-pagefind-body" not in home
    # Nor the script that would ask for an index that is not there (the catalog's own filter stays).
    catalog = (project / "site" / "catalog" / "index.html").read_text("utf-8")
    assert "prfaq-search.js" not in catalog and "prfaq.js" in catalog


def test_a_pagefind_that_cannot_run_stops_the_build_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The program is looked for before MkDocs cleans the site folder: the last good site stays,
    and the build ends with one line that names the program, not a traceback."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and re.match(r"prfaq: cannot run Pagefind at .*no-such-pagefind", errors[0]), errors
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text("utf-8") == "the last good site"


def test_mkdocs_serve_builds_the_index(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    with mkdocs_serve(project, "--no-livereload") as served:
        served.wait_for("pagefind/pagefind-entry.json", "{", "mkdocs serve wrote no search index")
        assert "data-prfaq-search " in served.page("guide/")


def _pagefind_version(site: Path) -> str:
    return str(json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))["version"])


def _wheel_said(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "from the Python wheel" in r.getMessage()]


def test_pagefind_1_6_comes_from_the_projects_node_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    with caplog.at_level(logging.INFO):
        build(load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site")))
    assert _pagefind_version(project / "site").startswith("1.6."), "run `npm ci`: package-lock.json pins Pagefind 1.6"
    assert not _wheel_said(caplog)


def test_without_node_modules_the_wheels_pagefind_builds_the_index_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs_prfaq.mkdocs import search

    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(search, "_said", set())  # said once per process: as if this one were new
    with caplog.at_level(logging.INFO):
        site = build_copy(tmp_path / "project")
        build_copy(tmp_path / "again")
    assert _pagefind_version(site).startswith("1.5.")
    assert len(list((site / "pagefind" / "fragment").iterdir())) == 7  # every indexed page
    said = _wheel_said(caplog)
    assert len(said) == 1 and "run `npm ci` for Pagefind 1.6" in said[0], said


def test_two_builds_write_the_same_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind 1.6 writes its files in a fixed order: byte-identical indexes, whatever the
    folder, as SOURCE_DATE_EPOCH makes the rest of the site."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    trees = []
    for name in ("one", "two"):
        index = build_copy(tmp_path / name) / "pagefind"
        trees.append({p.relative_to(index).as_posix(): p.read_bytes() for p in sorted(index.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    assert any(name.startswith("filter/") for name in trees[0])
