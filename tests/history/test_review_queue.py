"""The review queue (core/queue.py) over a real git repository whose documents enter and leave
review on known dates: the queue's order, each document's days in review, the overdue mark, the
per-reviewer view, and the front matter's dates when there is no history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from history_git import DANA, DOCUMENT, MARCUS, commit, init_project, read_documents, set_status

from mkdocs_prfaq.core.history import apply_history, read_history
from mkdocs_prfaq.core.queue import by_reviewer, review_queue

TODAY = dt.date(2026, 3, 15)


def _variant(doc_id: str, status: str, reviewers: str = "") -> str:
    text = set_status(DOCUMENT.read_text(encoding="utf-8"), status).replace("PRFAQ-0042", doc_id)
    if reviewers:
        text = text.replace("team: payments\n", f"team: payments\nreviewers: [{reviewers}]\n")
    return text


def _write(repo: Path, doc_id: str, status: str, reviewers: str = "") -> None:
    (repo / "prfaqs" / f"{doc_id}-refunds.md").write_text(_variant(doc_id, status, reviewers), encoding="utf-8")


def test_queue_from_history(tmp_path: Path) -> None:
    repo = init_project(tmp_path / "project")
    # PRFAQ-0001: draft, then in review on 20 January; reviewed by Ana and Carla.
    _write(repo, "PRFAQ-0001", "draft", "Ana Lima, Carla Mendes")
    commit(repo, "0001 draft", DANA, "2026-01-05T09:00:00+00:00")
    _write(repo, "PRFAQ-0001", "in-review", "Ana Lima, Carla Mendes")
    commit(repo, "0001 in review", DANA, "2026-01-20T09:00:00+00:00")
    # PRFAQ-0002: in review, sent back to draft, in review again on 1 March.
    _write(repo, "PRFAQ-0002", "in-review", "Carla Mendes")
    commit(repo, "0002 in review", MARCUS, "2026-02-10T09:00:00+00:00")
    _write(repo, "PRFAQ-0002", "draft", "Carla Mendes")
    commit(repo, "0002 rewrite", MARCUS, "2026-02-20T09:00:00+00:00")
    _write(repo, "PRFAQ-0002", "in-review", "Carla Mendes")
    commit(repo, "0002 in review again", MARCUS, "2026-03-01T09:00:00+00:00")
    # PRFAQ-0003: committed in review on 15 February; PRFAQ-0004 was approved and is not waiting.
    _write(repo, "PRFAQ-0003", "in-review")
    _write(repo, "PRFAQ-0004", "draft")
    commit(repo, "0003 and 0004", DANA, "2026-02-15T09:00:00+00:00")
    (repo / "prfaqs" / "PRFAQ-0004-refunds.md").write_text(
        set_status(_variant("PRFAQ-0004", "approved"), "approved", decision="2026-03-02"), encoding="utf-8"
    )
    commit(repo, "0004 approved", DANA, "2026-03-02T09:00:00+00:00")

    docs = read_documents(repo)
    apply_history(docs, read_history(repo, repo / "prfaqs"))
    queue = review_queue(docs, TODAY)

    assert [(e.doc.id, e.since.isoformat(), e.days, e.overdue, e.since_source) for e in queue] == [
        ("PRFAQ-0001", "2026-01-20", 54, True, "history"),
        ("PRFAQ-0003", "2026-02-15", 28, False, "history"),
        ("PRFAQ-0002", "2026-03-01", 14, False, "history"),
    ]
    assert [e.doc.id for e in review_queue(docs, TODAY, overdue_days=20) if e.overdue] == ["PRFAQ-0001", "PRFAQ-0003"]
    mine = by_reviewer(queue)
    assert list(mine) == ["Ana Lima", "Carla Mendes"]
    assert [e.doc.id for e in mine["Carla Mendes"]] == ["PRFAQ-0001", "PRFAQ-0002"]


def test_without_history_the_front_matter_dates_are_used_and_said(tmp_path: Path) -> None:
    folder = tmp_path / "prfaqs"
    folder.mkdir()
    (folder / "PRFAQ-0001-refunds.md").write_text(
        _variant("PRFAQ-0001", "in-review").replace("created: 2025-02-10\n", "created: 2025-02-10\nupdated: 2026-02-01\n"),
        encoding="utf-8",
    )
    (folder / "PRFAQ-0002-refunds.md").write_text(_variant("PRFAQ-0002", "in-review"), encoding="utf-8")
    docs = read_documents(tmp_path)
    queue = review_queue(docs, TODAY)
    assert [(e.doc.id, e.since.isoformat(), e.since_source) for e in queue] == [
        ("PRFAQ-0002", "2025-02-10", "created"),
        ("PRFAQ-0001", "2026-02-01", "updated"),
    ]
