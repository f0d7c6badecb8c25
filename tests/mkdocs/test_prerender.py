"""PR/FAQ pages converted by worker processes: the same site as MkDocs alone makes, and the
same warnings, counted by `--strict`."""

from __future__ import annotations

import logging
import shutil
from concurrent.futures import Future
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from sitekit import FIXTURES, copy_project, set_plugin_option

from mkdocs_prfaq.mkdocs import plugin, prerender

BROKEN = FIXTURES.parent / "prerender" / "PRFAQ-0010-broken-link.md"


@pytest.fixture(autouse=True)
def _small_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for the few documents of a fixture, in several slices."""
    monkeypatch.setattr(plugin, "PRERENDER_MIN_PAGES", 1)
    monkeypatch.setattr(prerender, "SLICE", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def build_as_command(project: Path, jobs: int, site: Path, *, strict: bool = False) -> None:
    """`mkdocs build` with `jobs: N`, as the command runs it (the plugin hears `build` first)."""
    set_plugin_option(project, "jobs", str(jobs))
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
        (project / "mkdocs.yml").write_text(
            (project / "mkdocs.yml").read_text(encoding="utf-8").replace(f"      jobs: {jobs}\n", ""), encoding="utf-8"
        )


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def advice(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The findings the build printed as advice, one per line."""
    lines = [line for r in caplog.records if r.name == "mkdocs.plugins.prfaq" for line in r.getMessage().split("\n")]
    return sorted(line for line in lines if line.startswith("prfaqs/"))


def test_workers_make_the_same_site_as_one_process(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Pages, the writing-review panels of drafts and documents in review, the search index and
    the advice printed: the same whether the workers or MkDocs alone convert the pages."""
    project = copy_project("basic", tmp_path / "project")
    with caplog.at_level(logging.INFO):
        build_as_command(project, 2, tmp_path / "parallel")
    assert "PR/FAQ pages converted by 2 processes" in caplog.text
    parallel_advice = advice(caplog)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build_as_command(project, 1, tmp_path / "single")
    assert "converted by" not in caplog.text
    assert parallel_advice == advice(caplog) and any("call-to-action" in line for line in parallel_advice)
    parallel, single = files(tmp_path / "parallel"), files(tmp_path / "single")
    assert b"Writing review" in parallel["prfaqs/prfaq-0004/index.html"]
    assert parallel.keys() == single.keys()
    assert [name for name in parallel if parallel[name] != single[name]] == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_warning_met_in_a_worker_is_logged_once_and_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, jobs: int
) -> None:
    project = copy_project("basic", tmp_path / "project")
    shutil.copy(BROKEN, project / "prfaqs" / BROKEN.name)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="1 warnings in strict mode"):
        build_as_command(project, jobs, tmp_path / "site", strict=True)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([w for w in warnings if "retired-process.md" in w]) == 1, warnings


def test_pages_a_worker_fails_on_are_converted_by_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker that dies (here: every one) costs time, never a page or a piece of advice."""
    project = copy_project("basic", tmp_path / "project")
    build_as_command(project, 1, tmp_path / "single")

    def broken(*args: object) -> bytes:
        raise RuntimeError("worker lost")

    def lost(work: object) -> Future[object]:
        future: Future[object] = Future()
        future.set_exception(RuntimeError("review process lost"))
        return future

    monkeypatch.setattr(prerender, "_render_slice", broken)
    monkeypatch.setattr(plugin, "in_background", lost)
    with caplog.at_level(logging.INFO):
        build_as_command(project, 2, tmp_path / "parallel")
    assert "0 PR/FAQ pages converted by 2 processes" in caplog.text
    assert any("call-to-action" in line for line in advice(caplog))
    assert files(tmp_path / "parallel") == files(tmp_path / "single")


def test_serve_converts_again_only_the_pages_that_changed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """`mkdocs serve` keeps the plugin from one rebuild to the next: a page whose Markdown, place
    and site are unchanged takes its kept rendering, and still logs its warnings; the site is
    the one a fresh build makes."""
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
        with caplog.at_level(logging.WARNING):
            build(again)
        memo = again.plugins["prfaq"].memo
        assert memo is not None
        pages = len(list((tmp_path / "again" / "prfaqs").glob("*/index.html")))
        assert pages > 5 and memo.hits == pages - 1
    finally:
        config.plugins.on_shutdown()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([w for w in warnings if "retired-process.md" in w]) == 1, warnings
    build_as_command(project, 1, tmp_path / "fresh")
    served, fresh = files(tmp_path / "again"), files(tmp_path / "fresh")
    assert b"A sentence added while serving." in served["prfaqs/prfaq-0004/index.html"]
    assert served.keys() == fresh.keys()
    assert [name for name in served if served[name] != fresh[name]] == []
