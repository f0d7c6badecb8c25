"""Every table of the built reference pages is whole: each row has as many cells as the header,
and names something in its first cell (a field, a rule, an option), so that no description
spills into rows of its own."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[2]


class _Tables(HTMLParser):
    """The tables of a page, each as a list of rows of (tag, text) cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, str]]]] = []
        self._cell: list[str] | None = None
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"} and self.tables:
            self._cell, self._tag = [], tag

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append((self._tag, " ".join("".join(self._cell).split())))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("reference") / "site"
    build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir)))
    return site_dir


PAGES = sorted(p.stem for p in (REPO / "docs" / "reference").glob("*.md") if p.stem != "index")


@pytest.mark.parametrize("name", PAGES)
def test_reference_tables_are_whole(site: Path, name: str) -> None:
    parser = _Tables()
    parser.feed((site / "reference" / name / "index.html").read_text(encoding="utf-8"))
    for table in parser.tables:
        header, *rows = table
        assert header and all(tag == "th" for tag, _ in header), header
        assert rows, f"a table on reference/{name} has no rows"
        for row in rows:
            assert len(row) == len(header), f"reference/{name}: {row} against {header}"
            assert row[0][1], f"reference/{name}: a row with nothing in its first cell: {row}"
            # A description that spilled out of its cell fills one cell of a row of its own.
            assert len(row) < 2 or any(text for _, text in row[1:]), f"reference/{name}: a spilled row: {row}"


def test_the_plugin_options_table_lists_every_option(site: Path) -> None:
    from mkdocs_prfaq.core.settings import option_fields

    parser = _Tables()
    parser.feed((site / "reference" / "plugin" / "index.html").read_text(encoding="utf-8"))
    names = [row[0][1] for table in parser.tables for row in table[1:]]
    assert sorted(names) == sorted(option.name for option in option_fields())
