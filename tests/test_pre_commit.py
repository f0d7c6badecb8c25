"""The pre-commit hook other repositories use, and this repository's own configuration."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOOD = ROOT / "tests" / "fixtures" / "history" / "PRFAQ-0042-instant-refunds.md"


def hook() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    [entry] = [h for h in hooks if h["id"] == "prfaq-check"]
    return dict(entry)


def test_manifest_declares_the_hook() -> None:
    entry = hook()
    assert entry["entry"] == "prfaq check --skip possible-duplicate"
    assert entry["language"] == "python"
    pattern = re.compile(str(entry["files"]))
    assert pattern.search("prfaqs/PRFAQ-0042-x.md") and pattern.search("prfaqs/archive/PRFAQ-0001-y.md")
    # Every file of the folder: the check reports one that is not a PR/FAQ (see below).
    assert pattern.search("prfaqs/notes.txt") and pattern.search("prfaqs/PRFAQ-0043-y.markdown")
    assert "types" not in entry
    assert not pattern.search("docs/index.md") and not pattern.search("README.md")


@pytest.mark.parametrize(
    ("command", "path"),
    [("validate-manifest", ".pre-commit-hooks.yaml"), ("validate-config", ".pre-commit-config.yaml")],
)
def test_pre_commit_accepts_the_files(command: str, path: str) -> None:
    # pre-commit is a test dependency (pyproject's `test` extra): it must be there, not skipped.
    pre_commit = BIN / "pre-commit"
    assert pre_commit.exists(), "pre-commit is missing from the environment: run `make test`"
    done = subprocess.run([str(pre_commit), command, path], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_own_config_uses_the_same_hook() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    [own] = [h for h in hooks if h["id"] == "prfaq-check"]
    assert own["files"] == hook()["files"]
    assert own["entry"].split("/")[-1] == hook()["entry"]


def _run_entry(project: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit would: the command, then the staged file names."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        [*shlex.split(str(hook()["entry"])), *files], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_entry_runs_and_passes_a_good_file(tmp_path: Path) -> None:
    (tmp_path / "prfaqs").mkdir()
    shutil.copy(GOOD, tmp_path / "prfaqs" / GOOD.name)
    done = _run_entry(tmp_path, f"prfaqs/{GOOD.name}")
    assert done.returncode == 0, done.stdout + done.stderr


def test_entry_fails_on_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "prfaqs").mkdir()
    bad = GOOD.read_text(encoding="utf-8").replace("status: draft", "status: finished")
    (tmp_path / "prfaqs" / GOOD.name).write_text(bad, encoding="utf-8")
    done = _run_entry(tmp_path, f"prfaqs/{GOOD.name}")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"prfaqs/{GOOD.name}:4:" in done.stdout


def test_entry_gives_writing_feedback_on_the_files_it_names_records_too(tmp_path: Path) -> None:
    """A launched document in the commit gets the writing rules (it is being edited); the check of
    the whole folder leaves them out, and `--strict` passes there."""
    (tmp_path / "prfaqs").mkdir()
    launched = (
        GOOD.read_text(encoding="utf-8")
        .replace("status: draft", "status: launched\ndecision: {date: 2025-09-01, by: Board}")
        .replace("Copperleaf today launched", "Copperleaf today launched significantly faster")
    )
    (tmp_path / "prfaqs" / GOOD.name).write_text(launched, encoding="utf-8")
    done = _run_entry(tmp_path, f"prfaqs/{GOOD.name}")
    assert done.returncode == 0, done.stdout + done.stderr  # the hook does not pass --strict: advice
    assert re.search(rf"prfaqs/{re.escape(GOOD.name)}:\d+:\d+: warning weasel-words: ", done.stdout), done.stdout
    whole = subprocess.run(
        [str(BIN / "prfaq"), "check", "--strict"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert whole.returncode == 0 and whole.stdout == "", whole.stdout + whole.stderr


def test_entry_reports_a_stray_file_and_lets_images_and_the_readme_pass(tmp_path: Path) -> None:
    (tmp_path / "prfaqs").mkdir()
    shutil.copy(GOOD, tmp_path / "prfaqs" / GOOD.name)
    shutil.copy(GOOD, tmp_path / "prfaqs" / "PRFAQ-0043-y.markdown")
    (tmp_path / "prfaqs" / "notes.txt").write_text("to do\n", encoding="utf-8")
    passing = ["README.md", "flow.png"]
    for name in passing:
        (tmp_path / "prfaqs" / name).write_bytes(b"")
    done = _run_entry(tmp_path, *(f"prfaqs/{name}" for name in passing))
    assert done.returncode == 0, done.stdout + done.stderr
    done = _run_entry(tmp_path, "prfaqs/notes.txt", "prfaqs/PRFAQ-0043-y.markdown", *(f"prfaqs/{n}" for n in passing))
    assert done.returncode == 1
    assert [line.split(": error ")[0] for line in done.stdout.splitlines()] == [
        "prfaqs/PRFAQ-0043-y.markdown:1:1",
        "prfaqs/notes.txt:1:1",
    ]
    assert "rename it to `PRFAQ-0043-y.md`" in done.stdout
