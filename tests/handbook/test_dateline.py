"""Every dateline the project shows follows the handbook's definition (city, outlet, proposed
launch date): the template `prfaq new` writes, its page in the handbook, the worked example and
every example PR/FAQ, written the same way: `CITY — Outlet, Date —`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
#: City (capitals, a comma and a region allowed) — outlet, date — and the summary goes on.
DATELINE = re.compile(r"^\**[A-Z][A-Z .]+(?:, [A-Z]{2})? — (?P<outlet>[A-Z][^,—*]+), (?P<date>[^—*]+?)\** —", re.M)
#: Dates as the examples write them: "November 2, 2026" or "14 September 2026".
DATE = re.compile(r"([A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})")


@pytest.mark.parametrize("path", sorted((REPO / "prfaqs").glob("PRFAQ-*.md")), ids=lambda p: p.name[:10])
def test_every_example_dateline_has_city_outlet_and_date(path: Path) -> None:
    match = DATELINE.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name}: no dateline of the form **CITY — Outlet, Date** —"
    assert DATE.fullmatch(match["date"]), match["date"]


def test_the_template_asks_for_city_outlet_and_date() -> None:
    text = (REPO / "plugins" / "mkdocs_prfaq" / "core" / "template.md").read_text(encoding="utf-8")
    assert "**${dateline_city} — ${dateline_outlet}, $launch_words** —" in text


def test_the_handbook_shows_the_same_form() -> None:
    template_page = (REPO / "docs" / "practice" / "template.md").read_text(encoding="utf-8")
    assert "**SEATTLE, WA — Copperleaf Newsroom, September 15, 2025**" in template_page
    example = (REPO / "docs" / "learn" / "press-release.md").read_text(encoding="utf-8")
    match = DATELINE.search(re.sub(r"^    ", "", example, flags=re.M))
    assert match and match["outlet"] == "Care Management Today" and DATE.fullmatch(match["date"])
