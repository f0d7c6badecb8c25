"""Fixtures shared by the core and command-line tests (helper functions for the core tests are in
tests/core/corekit.py: a module named conftest cannot be imported, there are several)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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
