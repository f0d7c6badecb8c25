"""scripts/replay-examples.py: the repository's examples committed again, event by event, dated by
their own front matter, so that each example's status timeline shows its life. Run on a real git
repository holding copies of the examples."""

from __future__ import annotations

import shutil
from pathlib import Path

from history_git import EXAMPLES, examples_project, git, git_env, init_project, replay_examples

from mkdocs_prfaq.core.history import read_history


def test_replayed_examples_tell_their_lives(tmp_path: Path) -> None:
    repo, env = examples_project(tmp_path / "project")
    done = replay_examples(repo, env)
    assert done.returncode == 0, done.stderr

    # The documents are exactly as they were, and nothing is left uncommitted.
    for example in EXAMPLES:
        assert (repo / "prfaqs" / example.name).read_bytes() == example.read_bytes()
    assert git(repo, "status", "--porcelain", env=env) == ""

    history = read_history(repo, repo / "prfaqs")
    timelines = {
        name[:10]: [(h["date"][:10], h["status"]) for h in history.status_history(f"prfaqs/{name}")]
        for name in (e.name for e in EXAMPLES)
    }
    assert timelines["PRFAQ-0001"] == [
        ("2025-02-10", "draft"),
        ("2025-03-03", "in-review"),
        ("2025-03-24", "approved"),
        ("2025-04-07", "building"),
        ("2025-09-15", "launched"),
    ]
    assert timelines["PRFAQ-0005"][-1] == ("2025-08-18", "shelved")
    assert timelines["PRFAQ-0003"][-1] == ("2025-09-08", "superseded")
    # Each timeline starts as a draft on the document's own `created` date and ends in its status.
    for example in EXAMPLES:
        text = example.read_text(encoding="utf-8")
        timeline = timelines[example.name[:10]]
        assert timeline[0] == (text.split("created: ", 1)[1][:10], "draft")
        assert f"status: {timeline[-1][1]}\n" in text
    assert sum(len(t) >= 3 for t in timelines.values()) >= len(EXAMPLES) / 2


def test_refuses_a_folder_with_uncommitted_changes(tmp_path: Path) -> None:
    repo = init_project(tmp_path / "project")
    shutil.copy(EXAMPLES[0], repo / "prfaqs" / EXAMPLES[0].name)
    done = replay_examples(repo, git_env())
    assert done.returncode == 1
    assert "uncommitted changes" in done.stderr
