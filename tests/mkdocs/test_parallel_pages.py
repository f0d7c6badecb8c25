"""`mkdocs build` converts the PR/FAQ pages in worker processes (see conversions.py), and renders
the catalog's listing pages in a process of their own (core/render/site.py): the site is the one
a single process makes, byte for byte, and the pages' warnings are logged once."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitekit import FIXTURES, copy_project, folder_bytes, set_plugin_option

from mkdocs_prfaq.core.render import site
from mkdocs_prfaq.mkdocs import conversions, plugin

BROKEN = FIXTURES.parent / "serve" / "PRFAQ-0010-broken-link.md"


def _build(project: Path, site: Path, jobs: int) -> plugin.PrfaqPlugin:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config["plugins"]["prfaq"].config["jobs"] = jobs
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    built: plugin.PrfaqPlugin = config.plugins["prfaq"]
    return built


def test_workers_make_the_site_a_single_process_makes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setattr(conversions, "MIN_PAGES", 1)  # the fixture has a dozen PR/FAQs, not hundreds
    monkeypatch.setattr(site, "PARALLEL_MIN_DOCUMENTS", 1)  # the listing pages rendered aside too
    project = copy_project("basic", tmp_path / "project")
    shutil.copy(BROKEN, project / "prfaqs" / BROKEN.name)
    with caplog.at_level(logging.INFO):
        parallel = _build(project, tmp_path / "parallel", jobs=2)
    pages = len(list((tmp_path / "parallel" / "prfaqs").glob("*/index.html")))
    assert parallel.conversions.memo is not None and pages > 5 and parallel.conversions.memo.hits == pages
    assert f"{pages} PR/FAQ pages converted by 2 worker processes" in caplog.text
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([w for w in warnings if "retired-process.md" in w]) == 1, warnings

    single = _build(project, tmp_path / "single", jobs=1)
    assert single.conversions.memo is None
    one, many = folder_bytes(tmp_path / "single"), folder_bytes(tmp_path / "parallel")
    assert one.keys() == many.keys()
    assert [name for name in one if one[name] != many[name]] == []


def test_no_workers_when_another_plugin_handles_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another plugin's page handlers would not see pages converted elsewhere."""
    monkeypatch.setattr(conversions, "MIN_PAGES", 1)
    project = copy_project("basic", tmp_path / "project")
    set_plugin_option(project, "jobs", "2")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - tags\n", 1), encoding="utf-8")
    assert _build(project, tmp_path / "site", jobs=2).conversions.memo is None
