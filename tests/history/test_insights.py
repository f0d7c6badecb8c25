"""The decision funnel (core/insights.py) on the repository's own examples, replayed into a real
git repository by scripts/replay-examples.py, against figures worked out by hand from their
front matter (see the plan the script prints)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from history_git import examples_project, read_documents, replay_examples

from mkdocs_prfaq.core.history import apply_history, read_history
from mkdocs_prfaq.core.insights import insights
from mkdocs_prfaq.core.model import Document


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    repo, env = examples_project(tmp_path_factory.mktemp("insights") / "project")
    assert replay_examples(repo, env).returncode == 0
    docs = read_documents(repo)
    apply_history(docs, read_history(repo, repo / "prfaqs"))
    return docs


def test_funnel_by_quarter_of_creation(documents: list[Document]) -> None:
    figures = insights(documents, dt.date(2026, 4, 30)).as_dict()
    quarters = figures["by_quarter"]
    assert list(quarters) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    # 0001 and 0002: both approved 42 days after they were created, 21 of them in review.
    assert quarters["2025-Q1"] == {
        "proposals": 2, "decided": 2, "approved": 2, "approval_rate": 1.0,
        "median_days_to_decision": 42, "median_days_in_review": 21, "review_unknown": 0,
    }
    # 0003 approved (then superseded), 0004 rejected, 0005 shelved: 35, 35 and 77 days; 18, 18, 39 in review.
    assert quarters["2025-Q2"] == {
        "proposals": 3, "decided": 3, "approved": 1, "approval_rate": 0.333,
        "median_days_to_decision": 35, "median_days_in_review": 18, "review_unknown": 0,
    }
    # 0006 (56 days, 28 in review) and 0007 (49, 25).
    assert quarters["2025-Q3"]["median_days_to_decision"] == 52.5
    assert quarters["2025-Q3"]["median_days_in_review"] == 26.5
    # Four documents still being written or reviewed: nothing decided, no rate.
    assert quarters["2026-Q1"]["proposals"] == 4 and quarters["2026-Q1"]["approval_rate"] is None
    assert figures["total"]["proposals"] == 12 and figures["total"]["decided"] == 8
    assert figures["total"]["approval_rate"] == 0.75


def test_funnel_by_team(documents: list[Document]) -> None:
    teams = insights(documents, dt.date(2026, 4, 30)).as_dict()["by_team"]
    assert {k: (v["proposals"], v["decided"], v["approved"]) for k, v in teams.items()} == {
        "fulfillment": (2, 2, 2),
        "payments": (3, 2, 1),
        "platform": (3, 2, 2),
        "support": (2, 1, 0),
        "workplace": (2, 1, 1),
    }


def test_statuses_at_the_end_of_each_quarter(documents: list[Document]) -> None:
    statuses = insights(documents, dt.date(2026, 4, 30)).as_dict()["statuses_at_quarter_end"]
    nonzero = {q: {s: n for s, n in counts.items() if n} for q, counts in statuses.items()}
    assert nonzero["2025-Q1"] == {"in-review": 1, "approved": 1}
    assert nonzero["2025-Q3"] == {
        "in-review": 1, "building": 1, "launched": 2, "shelved": 1, "rejected": 1, "superseded": 1,
    }
    assert list(nonzero)[-1] == "2026-Q2" and sum(nonzero["2026-Q2"].values()) == 12


def test_a_document_committed_already_decided_has_no_known_time_in_review(documents: list[Document]) -> None:
    rejected = next(d for d in documents if d.id == "PRFAQ-0004")
    decided = dataclasses.replace(rejected, history=rejected.history[-1:])  # first committed as rejected
    figures = insights([decided], dt.date(2026, 4, 30)).as_dict()["total"]
    assert figures["decided"] == 1 and figures["review_unknown"] == 1 and figures["median_days_in_review"] is None
