"""History in the built site: the timeline, recent activity, feed and catalog.json; reproducible
builds; builds without history; and the one-pass claim, counted on a 500-document repository."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import stat
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from history_git import DANA, DOCUMENT, MARCUS, Story, commit, git, init_project, set_status

# The site helpers of the plugin's tests (tests/mkdocs/sitekit.py), wherever pytest was started.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mkdocs"))
import sitekit

UNAVAILABLE = "history from git is unavailable"
ATOM = "{http://www.w3.org/2005/Atom}"


def build_site(project: Path, site_dir: Path) -> None:
    sitekit.build_site(project, site_dir=str(site_dir))


def tree(site_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file()
    }


def text(site_dir: Path, path: str) -> str:
    return (site_dir / path).read_text(encoding="utf-8")


@pytest.fixture
def story_site(story: Story, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    build_site(story.repo, site)
    return site


def test_document_page_has_the_status_timeline(story: Story, story_site: Path) -> None:
    page = text(story_site, "prfaqs/prfaq-0042/index.html")
    match = re.search(r'<details class="prfaq-timeline".*?</details>', page, re.S)
    assert match, "no timeline on the page"
    timeline = match.group(0)
    items = re.findall(r'<li class="prfaq-timeline__item">(.*?)</li>', timeline, re.S)
    assert len(items) == 4
    expected = [
        ("2025-02-10", "First seen as", "Draft", DANA[0], "draft"),
        ("2025-03-01", "Moved to", "In review", MARCUS[0], "in-review"),
        ("2025-03-24", "Moved to", "Approved", DANA[0], "approved"),
        ("2025-09-15", "Moved to", "Launched", MARCUS[0], "launched"),
    ]
    for item, (day, verb, label, who, key) in zip(items, expected, strict=True):
        assert f">{day}</time>" in item and verb in item and f">{label}</span>" in item
        assert f"by {who}" in item
        assert story.commits[key][:8] in item
    assert f"Contributors: {DANA[0]}, {MARCUS[0]}" in timeline
    # `updated` is absent from the front matter: the card takes it from the last commit.
    assert "updated 2025-09-15" in page


def test_recent_activity_page_lists_status_changes_newest_first(story_site: Path) -> None:
    page = text(story_site, "catalog/activity/index.html")
    rows = re.findall(r"<li><time datetime=\"([0-9-]+)\">.*?</li>", page, re.S)
    assert rows == ["2025-09-15", "2025-03-24", "2025-03-01", "2025-02-10"]
    assert f"status changed to launched by {MARCUS[0]}" in page
    assert f"status changed to approved by {DANA[0]}" in page
    assert f"status changed to in-review by {MARCUS[0]}" in page
    assert "new document" in page


def test_feed_carries_status_changes_and_the_new_document(story: Story, story_site: Path) -> None:
    feed = ET.parse(story_site / "feed.xml").getroot()
    entries = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated")) for e in feed.iter(f"{ATOM}entry")]
    title = "Instant refunds for damaged deliveries"
    assert entries == [
        (f"PRFAQ-0042 is now launched: {title}", "2025-09-15T00:00:00Z"),
        (f"PRFAQ-0042 is now approved: {title}", "2025-03-24T00:00:00Z"),
        (f"PRFAQ-0042 is now in-review: {title}", "2025-03-01T00:00:00Z"),
        (f"New PR/FAQ: {title}", "2025-02-10T00:00:00Z"),
    ]
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert ids[0] == f"urn:prfaq:PRFAQ-0042/{story.commits['launched'][:12]}"


def test_catalog_json_carries_the_history(story: Story, story_site: Path) -> None:
    data = json.loads(text(story_site, "catalog.json"))
    [doc] = data["documents"]
    assert doc["source"] == story.path
    assert doc["updated"] == "2025-09-15"
    assert [(h["status"], h["author"], h["commit"]) for h in doc["history"]] == [
        ("draft", DANA[0], story.commits["draft"]),
        ("in-review", MARCUS[0], story.commits["in-review"]),
        ("approved", DANA[0], story.commits["approved"]),
        ("launched", MARCUS[0], story.commits["launched"]),
    ]
    assert all(set(h) == {"date", "status", "author", "commit"} for h in doc["history"])


def test_history_escapes_author_names(tmp_path: Path) -> None:
    repo = init_project(tmp_path / "repo")
    (repo / "prfaqs" / DOCUMENT.name).write_text(DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    # git itself drops `<` and `>` from names; quotes and ampersands are kept, and must be escaped.
    evil = ('Bobby "Tables" & <b>Co</b>', "bobby@example.com")
    commit(repo, "Add", evil, "2025-02-10T09:00:00+00:00")
    site = tmp_path / "site"
    build_site(repo, site)
    page = text(site, "prfaqs/prfaq-0042/index.html")
    # (The sanitizer serializes text with quotes as they are, `&` escaped.)
    assert 'by Bobby "Tables" &amp; bCo/b</span>' in page
    assert 'Contributors: Bobby "Tables" &amp; bCo/b</p>' in page


def test_two_builds_of_one_commit_are_byte_identical(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", git(story.repo, "log", "-1", "--format=%ct").strip())
    first, second = tmp_path / "first", tmp_path / "second"
    build_site(story.repo, first)
    # A second clone at another path, as another CI run would have.
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", story.repo.as_uri(), str(clone))
    build_site(clone, second)
    one, two = tree(first), tree(second)
    assert "sitemap.xml.gz" in one and "catalog.json" in one and "feed.xml" in one
    assert any(k.startswith("pagefind/") for k in one)  # the search index too
    assert one == two, sorted(k for k in one.keys() | two.keys() if one.get(k) != two.get(k))
    assert json.loads(text(first, "catalog.json"))["generated"] == "2025-09-15T19:00:00+00:00"


def test_outside_git_the_build_works_and_says_so_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = init_project(tmp_path / "repo")
    shutil.rmtree(project / ".git")
    (project / "prfaqs" / DOCUMENT.name).write_text(DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path / "site"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.prfaq"):
        build_site(project, site)
    said = [r.getMessage() for r in caplog.records if UNAVAILABLE in r.getMessage()]
    assert len(said) == 1 and "not a git checkout" in said[0]
    assert "prfaq-timeline" not in text(site, "prfaqs/prfaq-0042/index.html")
    doc = json.loads(text(site, "catalog.json"))["documents"][0]
    assert doc["history"] == [] and doc["updated"] == "2025-02-10"  # front matter's `created`


def test_shallow_clone_builds_and_says_so_once(
    story: Story, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", story.repo.as_uri(), str(clone))
    site = tmp_path / "site"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.prfaq"):
        build_site(clone, site)
    said = [r.getMessage() for r in caplog.records if UNAVAILABLE in r.getMessage()]
    assert len(said) == 1 and "shallow" in said[0]
    assert (site / "prfaqs/prfaq-0042/index.html").is_file()
    assert "prfaq-timeline" not in text(site, "prfaqs/prfaq-0042/index.html")


def _counting_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put a `git` first on PATH that logs each invocation, then runs the real one."""
    real = shutil.which("git")
    assert real is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "git-calls.log"
    wrapper = bin_dir / "git"
    wrapper.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(' '.join(sys.argv[1:3]) + '\\n')\n"
        f"os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n",
        encoding="utf-8",
    )
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return log


def _big_repository(target: Path, count: int) -> Path:
    repo = init_project(target)
    template = DOCUMENT.read_text(encoding="utf-8")
    for i in range(count):
        doc_id = f"PRFAQ-{1000 + i}"
        body = template.replace("PRFAQ-0042", doc_id).replace(
            "title: Instant refunds for damaged deliveries", f"title: Proposal number {i}"
        )
        (repo / "prfaqs" / f"{doc_id}-proposal.md").write_text(body, encoding="utf-8")
    commit(repo, "Add them all", DANA, "2025-02-10T09:00:00+00:00")
    for i in range(0, count, 2):
        path = repo / "prfaqs" / f"PRFAQ-{1000 + i}-proposal.md"
        path.write_text(set_status(path.read_text(encoding="utf-8"), "in-review"), encoding="utf-8")
    commit(repo, "Half of them to review", MARCUS, "2025-03-01T09:00:00+00:00")
    return repo


def test_500_documents_run_git_a_constant_number_of_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = _big_repository(tmp_path / "small", 3)
    big = _big_repository(tmp_path / "big", 500)
    log = _counting_git(tmp_path, monkeypatch)

    build_site(small, tmp_path / "small-site")
    calls_small = log.read_text(encoding="utf-8").splitlines()
    log.write_text("", encoding="utf-8")
    build_site(big, tmp_path / "big-site")
    calls_big = log.read_text(encoding="utf-8").splitlines()

    assert len(calls_big) == len(calls_small) == 4, calls_big
    data = json.loads(text(tmp_path / "big-site", "catalog.json"))
    assert data["count"] == 500
    reviewed = [d for d in data["documents"] if len(d["history"]) == 2]
    assert len(reviewed) == 250
    assert all(d["history"][1]["author"] == MARCUS[0] for d in reviewed)


def test_history_option_off_runs_no_git(story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = story.repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      history: false\n", encoding="utf-8")
    log = _counting_git(tmp_path, monkeypatch)
    site = tmp_path / "site"
    build_site(story.repo, site)
    assert not log.exists() or log.read_text(encoding="utf-8") == ""
    assert "prfaq-timeline" not in text(site, "prfaqs/prfaq-0042/index.html")
