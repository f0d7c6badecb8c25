"""Fixtures shared by the core and command-line tests (helper functions for the core tests are in
tests/core/corekit.py: a module named conftest cannot be imported, there are several)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Playwright, sync_playwright

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy `tests/fixtures/<relative>` into the test's temporary folder: tests never write into
    the fixtures."""

    def copy(relative: str) -> Path:
        target = tmp_path / Path(relative).name
        shutil.copytree(FIXTURES / relative, target, symlinks=True)
        return target

    return copy


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths of the documents the check's rules ran on (the schema rule, which runs
    on every document read for its findings), in order, from now on."""
    from mkdocs_prfaq.core import check

    ran: list[str] = []
    schema = check.check_schema

    def counted(doc: Any) -> Any:
        ran.append(doc.path)
        return schema(doc)

    monkeypatch.setattr(check, "check_schema", counted)
    return ran


@pytest.fixture(autouse=True, scope="session")
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's cache folder (where `prfaq check` keeps what is the same for every project) in
    a temporary folder: the tests never write into the home of whoever runs them."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True, scope="session")
def _pagefind_from_npm() -> Iterator[None]:
    """Test sites are built in temporary folders, away from this repository's node_modules: they
    get its Pagefind (1.6, from `npm ci`) through Pagefind's own variable, as the repository's
    own site does by itself. Without npm they get the Python wheel's, as any such project would."""
    from mkdocs_prfaq.core.search_index import npm_binaries

    before = os.environ.get("PAGEFIND_BINARY_PATH")
    found = next((p for p in npm_binaries(FIXTURES.parents[1]) if p.is_file()), None)
    if found is not None and before is None:
        os.environ["PAGEFIND_BINARY_PATH"] = str(found)
    yield
    if before is None:
        os.environ.pop("PAGEFIND_BINARY_PATH", None)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright driver for the session: the browser tests and the engines' search tests each
    launch their Chromium from it (a second sync driver in one process fails to start)."""
    with sync_playwright() as driver:
        yield driver
