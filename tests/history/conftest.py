"""The `story` fixture: a real git repository (see history_git.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from history_git import Story, make_story


@pytest.fixture
def story(tmp_path: Path) -> Story:
    return make_story(tmp_path / "repo")
