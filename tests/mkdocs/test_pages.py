"""Each PR/FAQ's page: where it is, its card, its banner, one headline, its edit link."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import article, card, front_matters, read_page, resolve

from mkdocs_prfaq.core.model import BANNERED

FRONT = front_matters(Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "basic")
IDS = sorted(FRONT)


def _url(doc_id: str) -> str:
    return f"prfaqs/{doc_id.lower()}/"


def test_fixture_covers_every_status() -> None:
    statuses = {meta["status"] for meta in FRONT.values()}
    assert statuses == {"draft", "in-review", "approved", "building", "launched", "shelved", "rejected", "superseded"}


def test_every_document_has_its_page(basic_site: Path) -> None:
    pages = sorted(p.parent.name for p in (basic_site / "prfaqs").glob("*/index.html"))
    assert pages == [i.lower() for i in IDS]


@pytest.mark.parametrize("doc_id", IDS)
def test_card_shows_every_field(basic_site: Path, basic_project: Path, doc_id: str) -> None:
    meta: dict[str, Any] = FRONT[doc_id]
    page = read_page(basic_site, _url(doc_id))
    fields = card(page)
    assert fields["Id"].clean_text == doc_id
    badge = fields["Status"].one("span", "prfaq-status")
    assert f"prfaq-status--{meta['status']}" in badge.classes
    teams = yaml.safe_load((basic_project / "teams.yml").read_text(encoding="utf-8"))
    team = teams[meta["team"]]
    assert fields["Team"].clean_text == (team["name"] if isinstance(team, dict) else team)
    team_link = fields["Team"].one("a").attrs["href"]
    assert resolve(_url(doc_id), team_link) == f"catalog/teams/{meta['team']}/"
    for author in meta["authors"]:
        assert author.split(" <")[0] in fields["Authors"].clean_text
    if "<" in meta["authors"][0]:
        assert fields["Authors"].find("a", href="mailto:" + meta["authors"][0].split("<")[1].rstrip(">"))
    for reviewer in meta.get("reviewers", []):
        assert reviewer in fields["Reviewers"].clean_text
    assert fields["Customer"].clean_text == meta["customer"]
    assert str(meta["created"]) in fields["Document dates"].clean_text
    if "updated" in meta:
        assert str(meta["updated"]) in fields["Document dates"].clean_text
    if "launch" in meta:
        assert fields["Launch"].clean_text == str(meta["launch"])
    if "decision" in meta:
        decision = fields["Decision"].clean_text
        assert str(meta["decision"]["date"]) in decision
        assert meta["decision"]["by"] in decision
        if "notes" in meta["decision"]:
            assert meta["decision"]["notes"] in decision
    else:
        assert "Decision" not in fields
    if meta.get("tags"):
        links = fields["Tags"].find_all("a")
        assert [a.text for a in links] == meta["tags"]
        assert [resolve(_url(doc_id), a.attrs["href"]) for a in links] == [f"catalog/tags/{t}/" for t in meta["tags"]]
    else:
        assert "Tags" not in fields
    for label, ids in (("Supersedes", meta.get("supersedes", [])), ("Superseded by", [meta.get("superseded_by")])):
        ids = [i for i in ids if i]
        if ids:
            hrefs = [resolve(_url(doc_id), a.attrs["href"]) for a in fields[label].find_all("a")]
            assert hrefs == [_url(i) for i in ids]
        else:
            assert label not in fields


@pytest.mark.parametrize("doc_id", IDS)
def test_banner_only_for_documents_that_are_not_a_plan_of_record(basic_site: Path, doc_id: str) -> None:
    status = FRONT[doc_id]["status"]
    banners = article(read_page(basic_site, _url(doc_id))).find_all("div", "prfaq-banner")
    if status in BANNERED:
        assert len(banners) == 1
        text = banners[0].clean_text.lower()
        assert {"in-review": "in review"}.get(status, status) in text
        if status == "superseded":
            link = banners[0].one("a")
            assert resolve(_url(doc_id), link.attrs["href"]) == _url(FRONT[doc_id]["superseded_by"])
    else:
        assert banners == []


@pytest.mark.parametrize("doc_id", IDS)
def test_one_headline(basic_site: Path, doc_id: str) -> None:
    page = read_page(basic_site, _url(doc_id))
    headlines = page.find_all("h1")
    assert len(headlines) == 1
    assert headlines[0].clean_text == FRONT[doc_id]["title"]


def test_body_headline_is_the_page_headline_not_a_second_one(basic_project: Path) -> None:
    body = (basic_project / FRONT["PRFAQ-0001"]["_path"]).read_text(encoding="utf-8")
    assert "\n# Instant refunds for damaged deliveries\n" in body  # the fixture opens with its own headline


@pytest.mark.parametrize("doc_id", IDS)
def test_edit_link_points_at_the_source_file(basic_site: Path, doc_id: str) -> None:
    page = read_page(basic_site, _url(doc_id))
    edit = page.one("a", rel="edit")
    assert edit.attrs["href"] == f"https://github.com/example/basic/edit/main/{FRONT[doc_id]['_path']}"


def test_page_title_and_description(basic_site: Path) -> None:
    text = (basic_site / "prfaqs/prfaq-0002/index.html").read_text(encoding="utf-8")
    assert "<title>Weekend delivery windows - Basic catalog</title>" in text
    page = read_page(basic_site, "prfaqs/prfaq-0002/")
    description = page.one("meta", name="description").attrs["content"]
    assert description.startswith("Copperleaf today announced two-hour delivery windows")


def test_press_release_and_faq_keep_their_headings(basic_site: Path) -> None:
    content = article(read_page(basic_site, "prfaqs/prfaq-0002/"))
    assert [h.clean_text for h in content.find_all("h2")] == ["External FAQ", "Internal FAQ"]
    assert "Who can use it?" in [h.clean_text for h in content.find_all("h3")]


def test_handbook_pages_are_untouched(basic_site: Path) -> None:
    page = read_page(basic_site, "handbook/")
    assert page.find("dl", "prfaq-card") is None
    assert page.find("div", "prfaq-banner") is None
