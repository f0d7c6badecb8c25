"""This repository's own site: it builds strictly, and its generated reference tables are complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitekit import REPO, article, read_page

from mkdocs_prfaq.core.render.reference import option_docs
from mkdocs_prfaq.core.rules.registry import RULES
from mkdocs_prfaq.core.schema import schema


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("repo-site")
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    return site


def _first_cells(site: Path, url: str) -> set[str]:
    cells: set[str] = set()
    for table in article(read_page(site, url)).find_all("table"):
        for row in table.find_all("tr"):
            first = row.find("td")
            if first is not None:
                cells.add(first.clean_text)
    return cells


def test_front_matter_reference_lists_every_field(repo_site: Path) -> None:
    data = schema()
    cells = _first_cells(repo_site, "reference/front-matter/")
    assert set(data["properties"]) <= cells
    assert set(data["properties"]["decision"]["properties"]) <= cells


def test_rules_reference_lists_every_rule(repo_site: Path) -> None:
    assert set(RULES) <= _first_cells(repo_site, "reference/rules/")


def test_plugin_reference_lists_every_option(repo_site: Path) -> None:
    assert {name for name, _, _ in option_docs()} <= _first_cells(repo_site, "reference/plugin/")


def _nav_paths(items: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(items, str):
        out.add(items)
    elif isinstance(items, list):
        for item in items:
            out |= _nav_paths(item)
    elif isinstance(items, dict):
        for value in items.values():
            out |= _nav_paths(value)
    return out


def test_every_handbook_page_is_in_the_nav() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    in_nav = _nav_paths(config.nav)
    docs = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    assert docs - in_nav == set()


def test_every_prfaq_of_the_repository_has_a_page(repo_site: Path) -> None:
    sources = sorted(p.name[:10].lower() for p in (REPO / "prfaqs").glob("PRFAQ-*.md"))
    assert sorted(p.parent.name for p in (repo_site / "prfaqs").glob("*/index.html")) == sources
