"""The plugin under ProperDocs, the maintained fork of MkDocs 1.x: this repository's site, built
with the `properdocs` command from `mkdocs.yml`, is the same site MkDocs builds, file for file and
byte for byte, but for the generator's name in each page's <meta name="generator">."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(command: str, site: Path) -> None:
    """`<command> build` of this repository into `site`, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / command), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("engines")
    _build("mkdocs", root / "mkdocs")
    _build("properdocs", root / "properdocs")
    return root / "mkdocs", root / "properdocs"


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_files(sites: tuple[Path, Path]) -> None:
    mkdocs, properdocs = sites
    assert _files(properdocs) == _files(mkdocs)
    assert {"catalog/index.html", "catalog.json", "feed.xml", "pagefind/pagefind.js"} <= _files(mkdocs)
    assert any(name.startswith("prfaqs/prfaq-") for name in _files(mkdocs))


def test_properdocs_pages_differ_only_by_the_generator(sites: tuple[Path, Path]) -> None:
    mkdocs, properdocs = sites
    different = []
    for name in sorted(_files(mkdocs)):
        ours, theirs = (mkdocs / name).read_bytes(), (properdocs / name).read_bytes()
        if GENERATOR.sub(b"", ours) != GENERATOR.sub(b"", theirs):
            different.append(name)
    assert not different, different
    page = (properdocs / "catalog" / "index.html").read_bytes()
    assert b"ProperDocs" in GENERATOR.search(page).group(0)  # type: ignore[union-attr]
