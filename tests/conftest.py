"""Fixtures shared by the core and command-line tests (helper functions for the core tests are in
tests/core/corekit.py: a module named conftest cannot be imported, there are several)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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
