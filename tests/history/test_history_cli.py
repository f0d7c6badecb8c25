"""`prfaq list` shows the same dates and history as the site: from git, when the front matter is silent."""

from __future__ import annotations

import json

import pytest
from history_git import Story

from mkdocs_prfaq.cli import main


def test_list_takes_updated_and_history_from_git(
    story: Story, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(story.repo)
    assert main(["list", "--format", "json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert record["id"] == "PRFAQ-0042"
    assert record["updated"] == "2025-09-15"  # the last commit, in UTC; the file has no `updated`
    assert [h["status"] for h in record["history"]] == ["draft", "in-review", "approved", "launched"]
