"""The two-hour workshop kit fits in two hours, and its scoring sheet is made of items of the
reviewer's checklist, word for word, so the two cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
KIT = (DOCS / "practice" / "workshop-kit.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = KIT.index(f"## {title}")
    end = KIT.find("\n## ", start + 1)
    return KIT[start : end if end != -1 else None]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_agenda_adds_up_to_two_hours_in_order() -> None:
    rows = re.findall(r"^\| (\d):(\d\d) \| [^|]+ \| (\d+) \|", _section("Agenda"), re.MULTILINE)
    starts = [int(h) * 60 + int(m) for h, m, _ in rows]
    minutes = [int(n) for *_, n in rows]
    assert len(rows) >= 6
    assert starts[0] == 0 and sum(minutes) == 120
    assert all(start + length == following for start, length, following in zip(starts, minutes, starts[1:], strict=False))


def test_every_scoring_line_is_a_checklist_item() -> None:
    checklist = [
        _flat(item)
        for item in re.findall(r"^- \[ \] (.*?)(?=^- \[ \]|^\S|\Z)", (DOCS / "practice" / "review-checklist.md").read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    ]
    lines = re.findall(r"^\| ([^|]+?) \| \|$", _section("Scoring sheet"), re.MULTILINE)
    assert len(lines) >= 10
    for line in lines:
        assert any(item.startswith(line.rstrip(".")) for item in checklist), f"not a checklist item: {line!r}"
    assert f"out of {2 * len(lines)}" in _section("Scoring sheet")


def test_both_role_play_briefs_and_the_scenario_are_there() -> None:
    for title in ("Starter scenario", "Role-play brief: the customer", "Role-play brief: the sceptical leader"):
        assert len(_section(title).split()) > 120, title
