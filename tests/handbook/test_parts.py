"""The press release's parts have one name each, in one order: the table on the press-release
page is the reference, and its sections, the glossary, the template's page, the reviewer's
checklist and the template `prfaq new` writes use the same names, and no other."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
#: Names the parts once had in some pages; none may come back.
RETIRED = [r"company quote", r"spokesperson quote", r"^closing and call to action\n:", r"^heading\n:"]


def _read(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def _parts() -> list[str]:
    page = _read("learn/press-release.md")
    table = page[page.index("| Part |") : page.index("\n\n", page.index("| Part |"))]
    return [row.split("|")[1].strip() for row in table.split("\n")[2:]]


def test_the_reference_table() -> None:
    assert _parts() == [
        "Headline", "Subheading", "Summary", "Problem", "Solution",
        "Leader quote", "How to get started", "Customer quote", "Call to action",
    ]


def test_the_press_release_page_has_a_section_per_part_in_order() -> None:
    sections = re.findall(r"^## (.+)$", _read("learn/press-release.md"), re.M)
    named = [s.removesuffix(" and dateline") for s in sections if s.removesuffix(" and dateline") in _parts()]
    assert named == _parts()


def test_the_glossary_lists_the_parts_in_order() -> None:
    glossary = " ".join(_read("glossary.md").split())
    listed = ", ".join(p.lower() for p in _parts()[:-1]) + " and " + _parts()[-1].lower()
    assert f"Its parts, in order: {listed}." in glossary
    for part in ("Headline", "Subheading", "Leader quote", "Customer quote", "Call to action"):
        assert f"\n{part}\n:   " in _read("glossary.md"), part


def test_the_template_page_defines_the_parts_in_order() -> None:
    terms = re.findall(r"^(\S[^\n]*)\n:   ", _read("practice/template.md"), re.M)
    assert [t for t in terms if t in _parts()] == _parts()


def test_the_checklist_names_the_parts_as_the_handbook_does() -> None:
    checklist = _read("practice/review-checklist.md").lower()
    for part in ("headline", "subheading", "summary", "problem", "solution", "leader quote", "customer quote"):
        assert f"the {part}" in checklist, part


def test_no_retired_name_is_left() -> None:
    pages = {p: p.read_text(encoding="utf-8") for p in [*DOCS.rglob("*.md"), REPO / "plugins/mkdocs_prfaq/core/template.md"]}
    for name in RETIRED:
        found = [str(p.relative_to(REPO)) for p, text in pages.items() if re.search(name, text, re.I | re.M)]
        assert not found, f"{name!r} in {found}"
