"""Shared builds: each fixture project is built once per session and read by many tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sitekit import build_site, copy_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def basic_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project("basic", tmp_path_factory.mktemp("basic") / "project")


@pytest.fixture(scope="session")
def basic_site(basic_project: Path) -> Path:
    """The `basic` fixture built strictly: every warning would fail it."""
    return build_site(basic_project, strict=True)
