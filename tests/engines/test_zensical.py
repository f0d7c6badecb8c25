"""Zensical from `prfaq export`, as `make zensical` runs it: a failed check leaves the published
site as it was, and the PR/FAQ pages are sanitized as the MkDocs plugin sanitizes them. (What
the three engines' sites share is tested in test_same_site.py.)"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from enginekit import FIXTURES, STAGING, ZENSICAL_SITE, make_zensical, project


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
