"""Helpers for the history tests: real git repositories for the history tests, made with the `git` command line in `tmp_path`.

The story repository: PR/FAQ PRFAQ-0042 goes draft → (an edit) → in-review → approved (with a
decision) → moved into `prfaqs/payments/` → launched, by two authors, Dana and Marcus.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.model import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "history"
DOCUMENT = FIXTURES / "PRFAQ-0042-instant-refunds.md"
PROJECT = FIXTURES / "project"
REPO = FIXTURES.parents[2]
#: The repository's own examples, and the script that commits them again dated by their lives.
EXAMPLES = sorted((REPO / "prfaqs").glob("PRFAQ-*.md"))
REPLAY = REPO / "scripts" / "replay-examples.py"

DANA = ("Dana Whitfield", "dana.whitfield@example.com")
MARCUS = ("Marcus Oyelaran", "marcus.oyelaran@example.com")


def git_env(author: tuple[str, str] = DANA, date: str = "2025-01-01T09:00:00+00:00") -> dict[str, str]:
    """An environment where git reads no user or system configuration and commits as `author`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME=author[0],
        GIT_AUTHOR_EMAIL=author[1],
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_NAME=author[0],
        GIT_COMMITTER_EMAIL=author[1],
        GIT_COMMITTER_DATE=date,
    )
    return env


def git(repo: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=dict(env or git_env()), capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(repo: Path, message: str, author: tuple[str, str], date: str) -> str:
    env = git_env(author, date)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", message, env=env)
    return git(repo, "rev-parse", "HEAD", env=env).strip()


def set_status(text: str, status: str, *, decision: str | None = None) -> str:
    """The document with `status` replaced and, when given, a `decision` dated `decision`."""
    text = re.sub(r"(?m)^status: .*$", f"status: {status}", text, count=1)
    if decision is not None and "\ndecision:" not in text:
        block = f"decision:\n  date: {decision}\n  by: Retail leadership review\n  notes: Go.\n"
        text = text.replace("\n---\n", f"\n{block}---\n", 1)
    return text


def init_project(target: Path) -> Path:
    """A copy of the fixture project (mkdocs.yml, docs/, teams.yml) as a fresh git repository."""
    shutil.copytree(PROJECT, target)
    (target / "prfaqs").mkdir()
    git(target, "init", "-q", "-b", "main")
    return target


@dataclass(frozen=True)
class Story:
    repo: Path
    commits: dict[str, str]

    @property
    def path(self) -> str:
        return "prfaqs/payments/PRFAQ-0042-instant-refunds.md"


def make_story(target: Path) -> Story:
    repo = init_project(target)
    original = DOCUMENT.read_text(encoding="utf-8")
    old = repo / "prfaqs" / DOCUMENT.name
    commits: dict[str, str] = {}
    old.write_text(original, encoding="utf-8")
    commits["draft"] = commit(repo, "Draft PRFAQ-0042", DANA, "2025-02-10T09:00:00+01:00")
    old.write_text(original.replace("in minutes", "within minutes"), encoding="utf-8")
    commits["edit"] = commit(repo, "Tighten the press release", MARCUS, "2025-02-20T10:00:00+00:00")
    text = set_status(old.read_text(encoding="utf-8"), "in-review")
    old.write_text(text, encoding="utf-8")
    commits["in-review"] = commit(repo, "Ask for review", MARCUS, "2025-03-01T11:00:00+00:00")
    text = set_status(text, "approved", decision="2025-03-24")
    old.write_text(text, encoding="utf-8")
    commits["approved"] = commit(repo, "Approved", DANA, "2025-03-24T15:30:00+00:00")
    (repo / "prfaqs" / "payments").mkdir()
    git(repo, "mv", f"prfaqs/{DOCUMENT.name}", f"prfaqs/payments/{DOCUMENT.name}")
    commits["move"] = commit(repo, "File under payments", DANA, "2025-04-02T08:00:00+00:00")
    new = repo / "prfaqs" / "payments" / DOCUMENT.name
    new.write_text(set_status(text, "launched"), encoding="utf-8")
    commits["launched"] = commit(repo, "Launched", MARCUS, "2025-09-15T12:00:00-07:00")
    return Story(repo, commits)


def examples_project(target: Path) -> tuple[Path, dict[str, str]]:
    """The fixture project holding copies of the examples, added in one commit (as the repository
    first held them); and the environment its commits were made in."""
    repo = init_project(target)
    for example in EXAMPLES:
        shutil.copy(example, repo / "prfaqs" / example.name)
    env = git_env(date="2026-11-23T12:00:00+00:00")
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", "Add the examples", env=env)
    return repo, env


def replay_examples(repo: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """scripts/replay-examples.py run in `repo`, as a maintainer runs it."""
    return subprocess.run(
        [sys.executable, str(REPLAY), "prfaqs"], cwd=repo, env=dict(env), capture_output=True, text=True, check=False
    )


def read_documents(repo: Path) -> list[Document]:
    """Every PR/FAQ of `repo`'s source folder, read as the check reads them."""
    docs = []
    for path in sorted((repo / "prfaqs").glob("*.md")):
        doc, problems = read_document(path, f"prfaqs/{path.name}", path.read_text(encoding="utf-8"))
        assert doc is not None, problems
        docs.append(doc)
    return docs
