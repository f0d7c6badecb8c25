"""The catalog's generated pages list exactly the right documents, and stay out of the way."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort
from sitekit import (
    FIXTURES,
    article,
    build_site,
    copy_project,
    front_matters,
    html_files,
    read_page,
    resolve,
    set_plugin_option,
    table_ids,
)

from mkdocs_prfaq.core.model import STATUSES

FRONT = front_matters(FIXTURES / "basic")
TEAMS = yaml.safe_load((FIXTURES / "basic" / "teams.yml").read_text(encoding="utf-8"))


def _team_name(slug: str) -> str:
    value = TEAMS[slug]
    return str(value["name"] if isinstance(value, dict) else value)


def _counts(section: str, page: str, site: Path) -> dict[str, int]:
    """The dashboard's counts (`by-status` or `by-team`): target URL -> number."""
    content = article(read_page(site, page))
    heading = content.one("h2", id=section)
    parent = next(n for n in content.iter() if heading in n.children)
    out: dict[str, int] = {}
    for item in parent.one("ul", "prfaq-counts").find_all("li"):
        out[resolve(page, item.one("a").attrs["href"])] = int(item.one("span", "prfaq-count").text)
    return out


def test_catalog_lists_every_document_once(basic_site: Path) -> None:
    ids = table_ids(article(read_page(basic_site, "catalog/")))
    assert sorted(ids) == sorted(FRONT)
    assert len(ids) == len(set(ids))


def test_catalog_rows_link_to_each_page(basic_site: Path) -> None:
    table = article(read_page(basic_site, "catalog/")).one("table", "prfaq-table")
    for row in table.find_all("tr")[1:]:
        doc_id = row.one("code").text
        hrefs = {resolve("catalog/", a.attrs["href"]) for a in row.find_all("a")}
        assert f"prfaqs/{doc_id.lower()}/" in hrefs
        assert row.attrs["data-status"] == FRONT[doc_id]["status"]
        assert row.attrs["data-team"] == FRONT[doc_id]["team"]
        assert row.attrs["data-tags"].split() == FRONT[doc_id].get("tags", [])
        assert FRONT[doc_id]["title"] in row.clean_text


def test_dashboard_counts_by_status_and_team(basic_site: Path) -> None:
    by_status = Counter(meta["status"] for meta in FRONT.values())
    assert _counts("by-status", "catalog/", basic_site) == {f"catalog/status/{s}/": by_status[s] for s in STATUSES}
    by_team = Counter(meta["team"] for meta in FRONT.values())
    assert _counts("by-team", "catalog/", basic_site) == {f"catalog/teams/{t}/": n for t, n in by_team.items()}


def test_dashboard_has_an_inline_svg_chart(basic_site: Path) -> None:
    content = article(read_page(basic_site, "catalog/"))
    chart = content.one("svg", "prfaq-chart")
    bars = chart.find_all("rect")
    assert bars
    # Every document created is in one bar segment: the counts in the bars' titles add up.
    total = sum(int(rect.one("title").text.split(": ")[1].split()[0]) for rect in bars)
    assert total == len(FRONT)
    assert not content.find_all("script")


def test_catalog_is_complete_without_javascript(basic_site: Path) -> None:
    text = (basic_site / "catalog/index.html").read_text(encoding="utf-8")
    form = article(read_page(basic_site, "catalog/")).one("form", "prfaq-filters")
    assert "hidden" in form.attrs  # shown by the script, which only hides rows
    assert text.count("<tr data-status=") == len(FRONT)


@pytest.mark.parametrize("status", STATUSES)
def test_status_pages(basic_site: Path, status: str) -> None:
    expected = {i for i, meta in FRONT.items() if meta["status"] == status}
    ids = table_ids(article(read_page(basic_site, f"catalog/status/{status}/")))
    assert sorted(ids) == sorted(expected)


@pytest.mark.parametrize("team", sorted({m["team"] for m in FRONT.values()}))
def test_team_pages(basic_site: Path, team: str) -> None:
    expected = {i for i, meta in FRONT.items() if meta["team"] == team}
    page = read_page(basic_site, f"catalog/teams/{team}/")
    assert sorted(table_ids(article(page))) == sorted(expected)
    assert page.one("h1").clean_text == f"Team: {_team_name(team)}"


@pytest.mark.parametrize("tag", sorted({t for m in FRONT.values() for t in m.get("tags", [])}))
def test_tag_pages(basic_site: Path, tag: str) -> None:
    expected = {i for i, meta in FRONT.items() if tag in meta.get("tags", [])}
    assert sorted(table_ids(article(read_page(basic_site, f"catalog/tags/{tag}/")))) == sorted(expected)


def test_facet_index_pages_link_every_facet(basic_site: Path) -> None:
    for kind, values in (
        ("status", set(STATUSES)),
        ("teams", {m["team"] for m in FRONT.values()}),
        ("tags", {t for m in FRONT.values() for t in m.get("tags", [])}),
    ):
        page = f"catalog/{kind}/"
        links = {resolve(page, a.attrs["href"]) for a in article(read_page(basic_site, page)).find_all("a")}
        assert {f"catalog/{kind}/{v}/" for v in values} <= links


def test_activity_page_names_every_document(basic_site: Path) -> None:
    text = article(read_page(basic_site, "catalog/activity/")).clean_text
    for doc_id in FRONT:
        assert doc_id in text


def test_prfaq_pages_are_not_in_the_nav(basic_site: Path) -> None:
    for path in html_files(basic_site):
        page = (
            read_page(basic_site, path.parent.relative_to(basic_site).as_posix()) if path.name == "index.html" else None
        )
        if page is None:
            continue
        for nav in page.find_all("nav", "md-nav--primary"):
            for link in nav.find_all("a"):
                assert "prfaqs/" not in link.attrs.get("href", ""), f"{path}: {link.attrs['href']}"
    # The catalog's overview pages are in the nav.
    nav = read_page(basic_site, "handbook/").one("nav", "md-nav--primary")
    targets = {resolve("handbook/", a.attrs["href"]) for a in nav.find_all("a") if a.attrs.get("href")}
    assert {"catalog/", "catalog/status/", "catalog/teams/", "catalog/tags/", "catalog/activity/"} <= targets


def _add_documents(project: Path, count: int) -> None:
    template = (project / "prfaqs" / "PRFAQ-0004-chat-help.md").read_text(encoding="utf-8")
    for index in range(count):
        doc_id = f"PRFAQ-{1000 + index:04d}"
        text = template.replace("PRFAQ-0004", doc_id).replace(
            "Chat with a person in under a minute", f"Generated proposal number {index} about something"
        )
        text = text.replace("tags: [chat]", f"tags: [chat, generated-{index % 7}]")
        (project / "prfaqs" / f"{doc_id}-generated.md").write_text(text, encoding="utf-8")


def test_page_size_does_not_grow_with_the_catalog(tmp_path: Path) -> None:
    sizes: dict[int, dict[str, int]] = {}
    for count in (5, 60):
        project = copy_project("basic", tmp_path / f"n{count}")
        _add_documents(project, count)
        site = build_site(project)
        assert len(list((site / "prfaqs").glob("*/index.html"))) == len(FRONT) + count
        sizes[count] = {
            doc_id: (site / "prfaqs" / doc_id.lower() / "index.html").stat().st_size
            for doc_id in ("PRFAQ-0001", "PRFAQ-0004", "PRFAQ-0008")
        }
    for doc_id, small in sizes[5].items():
        assert abs(sizes[60][doc_id] - small) <= small * 0.10, (doc_id, small, sizes[60][doc_id])


def _retag(project: Path, name: str, tags: str, team: str | None = None) -> None:
    path = project / "prfaqs" / name
    text = path.read_text(encoding="utf-8")
    lines = [f"tags: {tags}" if line.startswith("tags:") else line for line in text.split("\n")]
    if team is not None:
        lines = [f"team: {team}" if line.startswith("team:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_tag_and_a_team_named_index_have_pages_beside_the_overviews(tmp_path: Path) -> None:
    project = copy_project("basic", tmp_path / "project")
    _retag(project, "PRFAQ-0003-split-payment.md", "[index, cards]", team="index")
    with (project / "teams.yml").open("a", encoding="utf-8") as teams:
        teams.write("index: Index\n")
    site = build_site(project, strict=True)
    for folder, overview, own in (("tags", "PR/FAQs by tag", "Tag: index"), ("teams", "PR/FAQs by team", "Team: Index")):
        listing = article(read_page(site, f"catalog/{folder}/"))
        assert listing.one("h1").clean_text == overview
        links = {resolve(f"catalog/{folder}/", a.attrs["href"]) for a in listing.one("ul", "prfaq-counts").find_all("a")}
        assert f"catalog/{folder}/index/" in links
        page = article(read_page(site, f"catalog/{folder}/index/"))
        assert page.one("h1").clean_text == own
        assert table_ids(page) == ["PRFAQ-0003"]
    card = article(read_page(site, "prfaqs/prfaq-0003/"))
    hrefs = {resolve("prfaqs/prfaq-0003/", a.attrs["href"]) for a in card.find_all("a")}
    assert {"catalog/tags/index/", "catalog/tags/cards/", "catalog/teams/index/"} <= hrefs


def test_past_a_limit_the_build_stops_with_the_finding_or_keeps_to_the_limit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_project("basic", tmp_path / "project")
    set_plugin_option(project, "max_tags", "2")
    _retag(project, "PRFAQ-0003-split-payment.md", "[cards, wallets, installments]")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(project, strict=True)
    assert "prfaqs/PRFAQ-0003-split-payment.md:10:24: error too-many-tags: `tags` lists 3 tags" in caplog.text
    assert not (project / "site").exists()
    # A site that makes it a warning gets the document, with pages for its first two tags only.
    set_plugin_option(project, "rules", "{too-many-tags: warning}")
    site = build_site(project, strict=True)
    assert table_ids(article(read_page(site, "catalog/tags/wallets/"))) == ["PRFAQ-0003"]
    assert not (site / "catalog" / "tags" / "installments").exists()
    card = article(read_page(site, "prfaqs/prfaq-0003/"))
    tags = {node.clean_text: node.tag for node in card.find_all(cls="prfaq-tag")}
    assert tags == {"cards": "a", "wallets": "a", "installments": "span"}
