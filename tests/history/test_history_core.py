"""The core's history reader, on real git repositories."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from history_git import DANA, DOCUMENT, MARCUS, Story, commit, git, init_project, set_status

from mkdocs_prfaq.core.check import check_folder
from mkdocs_prfaq.core.history import apply_history, read_history, status_of
from mkdocs_prfaq.core.model import Document
from mkdocs_prfaq.core.settings import from_options


def _documents(root: Path) -> list[Document]:
    result = check_folder(from_options(root, {"source_dir": "prfaqs", "teams_file": "teams.yml"}))
    assert not result.errors, result.errors
    return result.documents


def test_status_history_follows_changes_renames_and_authors(story: Story) -> None:
    history = read_history(story.repo, story.repo / "prfaqs")
    assert history.available and history.message is None
    assert list(history.files) == [story.path]
    changes = history.status_history(story.path)
    assert changes == [
        {"date": "2025-02-10T08:00:00Z", "status": "draft", "author": DANA[0], "commit": story.commits["draft"]},
        {"date": "2025-03-01T11:00:00Z", "status": "in-review", "author": MARCUS[0], "commit": story.commits["in-review"]},
        {"date": "2025-03-24T15:30:00Z", "status": "approved", "author": DANA[0], "commit": story.commits["approved"]},
        {"date": "2025-09-15T19:00:00Z", "status": "launched", "author": MARCUS[0], "commit": story.commits["launched"]},
    ]
    record = history.files[story.path]
    # Six commits, the rename included: the move kept the file's history.
    assert [c.sha for c, _ in record.versions] == list(story.commits.values())
    assert record.contributors() == [f"{DANA[0]} <{DANA[1]}>", f"{MARCUS[0]} <{MARCUS[1]}>"]


def test_apply_history_fills_documents_and_updated_comes_from_git(story: Story) -> None:
    [doc] = _documents(story.repo)
    assert "updated" not in doc.meta
    apply_history([doc], read_history(story.repo, story.repo / "prfaqs"))
    assert doc.git_created == dt.date(2025, 2, 10)
    assert doc.git_updated == dt.date(2025, 9, 15)
    assert doc.updated == dt.date(2025, 9, 15)
    assert doc.created == dt.date(2025, 2, 10)  # the front matter's
    assert [h["status"] for h in doc.history] == ["draft", "in-review", "approved", "launched"]
    assert [c.split(" <")[0] for c in doc.contributors] == [DANA[0], MARCUS[0]]


def test_front_matter_updated_wins_over_git(story: Story) -> None:
    path = story.repo / story.path
    path.write_text(path.read_text(encoding="utf-8").replace("\ntags:", "\nupdated: 2025-10-01\ntags:"), encoding="utf-8")
    commit(story.repo, "Date it", DANA, "2025-11-30T09:00:00+00:00")
    [doc] = _documents(story.repo)
    apply_history([doc], read_history(story.repo, story.repo / "prfaqs"))
    assert doc.git_updated == dt.date(2025, 11, 30)
    assert doc.updated == dt.date(2025, 10, 1)
    assert len(doc.history) == 4  # no status change in that commit


def test_uncommitted_document_keeps_front_matter_dates(story: Story) -> None:
    text = DOCUMENT.read_text(encoding="utf-8").replace("PRFAQ-0042", "PRFAQ-0043")
    (story.repo / "prfaqs" / "PRFAQ-0043-new.md").write_text(text, encoding="utf-8")
    docs = {d.id: d for d in _documents(story.repo)}
    apply_history(docs.values(), read_history(story.repo, story.repo / "prfaqs"))
    fresh = docs["PRFAQ-0043"]
    assert fresh.history == [] and fresh.git_updated is None and fresh.contributors == []
    assert fresh.updated == dt.date(2025, 2, 10)  # falls back to `created`
    assert len(docs["PRFAQ-0042"].history) == 4


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    site = init_project(repo / "site folder")
    shutil.rmtree(site / ".git")
    name = "PRFAQ-0042 réfunds.md"
    (site / "prfaqs" / name).write_text(DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    commit(repo, "Add", DANA, "2025-02-10T09:00:00+00:00")
    history = read_history(site, site / "prfaqs")
    assert list(history.files) == [f"prfaqs/{name}"]
    assert history.status_history(f"prfaqs/{name}")[0]["status"] == "draft"


def test_a_renamed_source_folder_keeps_each_documents_history(tmp_path: Path) -> None:
    """A log limited to `prfaqs/` sees the folder's files appear there as new: the history
    from before the move (in `proposals/`) must still come along."""
    repo = init_project(tmp_path / "repo")
    (repo / "prfaqs").rename(repo / "proposals")
    path = repo / "proposals" / DOCUMENT.name
    path.write_text(DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    first = commit(repo, "Draft", DANA, "2025-02-10T09:00:00+00:00")
    path.write_text(set_status(DOCUMENT.read_text(encoding="utf-8"), "in-review"), encoding="utf-8")
    commit(repo, "Review", MARCUS, "2025-02-11T09:00:00+00:00")
    git(repo, "mv", "proposals", "prfaqs")
    commit(repo, "Rename the folder", MARCUS, "2025-02-12T09:00:00+00:00")
    history = read_history(repo, repo / "prfaqs")
    assert list(history.files) == [f"prfaqs/{DOCUMENT.name}"]
    record = history.files[f"prfaqs/{DOCUMENT.name}"]
    assert record.versions[0][0].sha == first and record.created == dt.date(2025, 2, 10)
    changes = history.status_history(f"prfaqs/{DOCUMENT.name}")
    assert [(c["status"], c["author"]) for c in changes] == [("draft", DANA[0]), ("in-review", MARCUS[0])]


def test_deleted_and_re_added_file_starts_over(tmp_path: Path) -> None:
    repo = init_project(tmp_path / "repo")
    path = repo / "prfaqs" / DOCUMENT.name
    path.write_text(set_status(DOCUMENT.read_text(encoding="utf-8"), "in-review"), encoding="utf-8")
    commit(repo, "Add", DANA, "2025-02-10T09:00:00+00:00")
    path.unlink()
    commit(repo, "Remove", DANA, "2025-02-11T09:00:00+00:00")
    path.write_text(DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    commit(repo, "Again", MARCUS, "2025-02-12T09:00:00+00:00")
    history = read_history(repo, repo / "prfaqs")
    changes = history.status_history(f"prfaqs/{DOCUMENT.name}")
    assert [(c["status"], c["author"]) for c in changes] == [("draft", MARCUS[0])]


def test_outside_git_says_why(tmp_path: Path) -> None:
    (tmp_path / "prfaqs").mkdir()
    history = read_history(tmp_path, tmp_path / "prfaqs")
    assert not history.available
    assert history.message is not None and "not a git checkout" in history.message
    assert history.files == {}


def test_shallow_clone_says_why(story: Story, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", story.repo.as_uri(), str(clone))
    history = read_history(clone, clone / "prfaqs")
    assert history.message is not None and "shallow" in history.message
    assert history.files == {}


def test_repository_without_commits(tmp_path: Path) -> None:
    repo = init_project(tmp_path / "repo")
    history = read_history(repo, repo / "prfaqs")
    assert history.available and history.files == {}


def test_status_of_reads_only_the_front_matter() -> None:
    assert status_of("---\nid: X\nstatus: approved\n---\n") == "approved"
    assert status_of("---\nstatus: 'in-review'  # asked on Monday\n---\n") == "in-review"
    assert status_of('\ufeff---\r\nstatus: "launched"\r\n---\r\n') == "launched"
    assert status_of("---\nid: X\n---\nstatus: approved\n") is None  # in the body
    assert status_of("---\ndecision:\n  status: approved\n---\n") is None  # not top level
    assert status_of("---\nstatus: finished\n---\n") is None  # not a status
    assert status_of("no front matter\nstatus: draft\n") is None


def test_timeline_escapes_every_value() -> None:
    from mkdocs_prfaq.core.loader import read_document
    from mkdocs_prfaq.core.render.timeline import timeline

    doc, _ = read_document(DOCUMENT, DOCUMENT.name, DOCUMENT.read_text(encoding="utf-8"))
    assert doc is not None
    assert timeline(doc) == ""  # no history, no timeline
    doc.history = [
        {"date": "2025-01-02T03:04:05Z", "status": "draft", "author": "<script>x</script>", "commit": '"><b>'},
        {"date": "2025-02-02T03:04:05Z", "status": "<i>", "author": "A & B", "commit": "0123456789abcdef"},
    ]
    doc.contributors = ["<script>y</script> <s@example.com>"]
    html = timeline(doc)
    assert "<script>" not in html and "<i>" not in html and '"><b>' not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "A &amp; B" in html and "&lt;i&gt;" in html
    assert "First seen as" in html and "Moved to" in html and ">01234567</code>" in html
