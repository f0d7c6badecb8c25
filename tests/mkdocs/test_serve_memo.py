"""`mkdocs serve`'s rebuilds convert again only the PR/FAQ pages that changed (see conversions.py)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitekit import FIXTURES, build_site, copy_project, folder_bytes

BROKEN = FIXTURES.parent / "serve" / "PRFAQ-0010-broken-link.md"


def test_a_rebuild_converts_again_only_the_pages_that_changed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page whose Markdown, place and site are unchanged takes its kept conversion, and still
    logs its warnings: every PR/FAQ page but those the edit changed (the edited document's, and
    those that list it among their similar PR/FAQs). The site is byte for byte the one a fresh
    build makes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = copy_project("basic", tmp_path / "project")
    shutil.copy(BROKEN, project / "prfaqs" / BROKEN.name)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "first"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        edited = project / "prfaqs" / "PRFAQ-0004-chat-help.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added while serving.\n", encoding="utf-8")
        # A rebuild, as `mkdocs serve` makes it: the configuration read again, the same plugin.
        again = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "again"))
        caplog.clear()
        with caplog.at_level(logging.INFO):
            build(again)
        memo = again.plugins["prfaq"].conversions.memo
        assert memo is not None
        hits = memo.hits
    finally:
        config.plugins.on_shutdown()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([w for w in warnings if "retired-process.md" in w]) == 1, warnings
    first, served = folder_bytes(tmp_path / "first"), folder_bytes(tmp_path / "again")
    fresh = folder_bytes(build_site(project, site_dir=str(tmp_path / "fresh")))
    assert b"A sentence added while serving." in served["prfaqs/prfaq-0004/index.html"]
    assert served.keys() == fresh.keys()
    assert [name for name in served if served[name] != fresh[name]] == []
    pages = [name for name in fresh if name.startswith("prfaqs/") and name.endswith("/index.html")]
    changed = [name for name in pages if first[name] != fresh[name]]
    assert len(pages) > 5 and "prfaqs/prfaq-0004/index.html" in changed and hits == len(pages) - len(changed)
    assert f"{hits} PR/FAQ page(s) unchanged since the last build, not converted again" in caplog.text


def test_a_plain_build_keeps_nothing(tmp_path: Path) -> None:
    """Nor does `mkdocs serve --clean`, which starts the plugins for `build` (the operate page's
    way to convert every page on every rebuild)."""
    project = copy_project("basic", tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
        assert config.plugins["prfaq"].conversions.memo is None
    finally:
        config.plugins.on_shutdown()


def test_a_page_whose_generated_html_changed_is_converted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A retitled document changes the banner on the page of the document it supersedes, HTML
    the core wrote around that page's unchanged Markdown: that page is converted again too."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = copy_project("basic", tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "first"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        newer = project / "prfaqs" / "PRFAQ-0009-pickup-points.md"
        text = newer.read_text(encoding="utf-8")
        newer.write_text(text.replace("title: Pickup points in corner shops", "title: Pickup at the corner shop"), encoding="utf-8")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "again")))
    finally:
        config.plugins.on_shutdown()
    served, fresh = folder_bytes(tmp_path / "again"), folder_bytes(build_site(project, site_dir=str(tmp_path / "fresh")))
    assert b"Pickup at the corner shop" in fresh["prfaqs/prfaq-0008/index.html"]
    assert [name for name in served if served[name] != fresh.get(name)] == []
