"""A corpus with script-injection payloads in every field and in the body builds, and nothing runs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitekit import (
    FIXTURES,
    Node,
    article,
    build_site,
    copy_project,
    front_matters,
    html_files,
    parse_html,
    raw_title,
    read_page,
    set_plugin_option,
)

FRONT = front_matters(FIXTURES / "hostile")
#: Every payload in the fixture carries this marker.
MARKER = "XSS"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
#: Elements that no content may bring into a page.
FORBIDDEN = ("iframe", "frame", "object", "embed", "form", "base", "meta", "link", "style", "script", "math")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project("hostile", tmp_path_factory.mktemp("hostile") / "project")
    return build_site(project, strict=True)


def _pages(site: Path) -> list[tuple[str, Node, str]]:
    out = []
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        out.append((path.relative_to(site).as_posix(), parse_html(text), text))
    return out


def test_the_fixture_carries_payloads(hostile_site: Path) -> None:
    doc = FRONT["PRFAQ-0001"]
    assert "<script>" in doc["title"] and "onerror" in doc["summary"] and "<form" in doc["decision"]["by"]
    assert (hostile_site / "prfaqs" / "prfaq-0001" / "index.html").is_file()


def test_no_event_handlers_and_no_script_urls_anywhere(hostile_site: Path) -> None:
    for name, page, _ in _pages(hostile_site):
        for node in page.iter():
            for attr, value in node.raw_attrs:
                assert not attr.startswith("on"), f"{name}: <{node.tag} {attr}={value!r}>"
                if attr in URL_ATTRIBUTES and value:
                    scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                    assert not scheme.startswith(BAD_SCHEMES), f"{name}: <{node.tag} {attr}={value!r}>"
            if node.tag == "script":
                assert MARKER not in node.text and MARKER not in node.attrs.get("src", ""), name
            if node.tag == "svg":
                assert MARKER not in node.text, name


def test_no_injected_elements_in_content(hostile_site: Path) -> None:
    for name, page, _ in _pages(hostile_site):
        if name in ("404.html",):
            continue
        content = article(page)
        for node in content.iter():
            if node.tag in FORBIDDEN:
                # The catalog's own filter form is the only form a page may carry.
                assert node.tag == "form" and "prfaq-filters" in node.classes, f"{name}: <{node.tag}>"
                assert name == "catalog/index.html"
            for attr, value in node.raw_attrs:
                if attr == "style":
                    assert MARKER not in (value or "") and "url(" not in (value or ""), f"{name}: style={value!r}"


def test_payload_text_is_shown_as_text(hostile_site: Path) -> None:
    page = read_page(hostile_site, "prfaqs/prfaq-0001/")
    text = article(page).clean_text
    assert FRONT["PRFAQ-0001"]["customer"] in text
    assert FRONT["PRFAQ-0001"]["decision"]["by"] in text
    catalog = article(read_page(hostile_site, "catalog/")).clean_text
    assert FRONT["PRFAQ-0001"]["title"] in catalog


def test_titles_and_descriptions_are_escaped_in_the_head(hostile_site: Path) -> None:
    for name, page, text in _pages(hostile_site):
        title = raw_title(text)
        assert "<" not in title, f"{name}: <title>{title}</title>"
        head = page.one("head")
        for node in head.iter():
            assert node.tag not in ("svg", "img", "iframe", "form"), name
    page = read_page(hostile_site, "prfaqs/prfaq-0001/")
    assert page.one("title").text == f"{FRONT['PRFAQ-0001']['title']} - Hostile catalog"
    description = page.one("meta", name="description").attrs["content"]
    assert description.startswith("</textarea></script><script>")  # the text, not markup
    team = read_page(hostile_site, "catalog/teams/payments/")
    assert team.one("title").text.startswith("Team: <img src=x onerror=")


def test_feed_escapes_every_value(hostile_site: Path) -> None:
    text = (hostile_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "<svg" not in text.lower() and "<img" not in text.lower()
    root = ET.fromstring(text)
    titles = [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(FRONT["PRFAQ-0001"]["title"] in t for t in titles)


def test_every_feed_escapes_every_value(hostile_site: Path) -> None:
    """The review queue's feed, and each team's and tag's, beside the site's."""
    feeds = sorted((hostile_site / "feeds").rglob("*.xml"))
    names = [p.relative_to(hostile_site).as_posix() for p in feeds]
    assert {"feeds/review.xml", "feeds/teams/payments.xml", "feeds/tags/refunds.xml"} <= set(names)
    for path in feeds:
        text = path.read_text(encoding="utf-8").lower()
        assert "<script" not in text and "<svg" not in text and "<img" not in text, path
        ET.fromstring(text)
    queue = ET.parse(hostile_site / "feeds" / "review.xml").getroot()
    summaries = [e.text or "" for e in queue.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any(FRONT["PRFAQ-0002"]["reviewers"][0] in s for s in summaries)


def test_review_queue_and_insights_show_names_as_text(hostile_site: Path) -> None:
    """Reviewers' names (with quotes and `&`), titles and team names are text on the new pages."""
    queue = article(read_page(hostile_site, "catalog/review/"))
    text = queue.clean_text
    for name in FRONT["PRFAQ-0002"]["reviewers"]:
        assert name in text
    assert FRONT["PRFAQ-0002"]["title"] in text
    for node in queue.iter():
        assert not any(attr.startswith("on") or attr == "autofocus" for attr, _ in node.raw_attrs)
    insights = article(read_page(hostile_site, "catalog/insights/")).clean_text
    assert "<img src=x onerror=alert('XSS-team')>Payments" in insights  # the team's name, as text
    data = (hostile_site / "insights.json").read_text(encoding="utf-8")
    assert "<" not in data and ">" not in data
    json.loads(data)


def test_catalog_json_holds_the_values_as_data(hostile_site: Path) -> None:
    text = (hostile_site / "catalog.json").read_text(encoding="utf-8")
    # Safe to embed in a page's <script> block: no markup survives unescaped.
    assert "<" not in text and ">" not in text
    records = {r["id"]: r for r in json.loads(text)["documents"]}
    assert records["PRFAQ-0001"]["title"] == FRONT["PRFAQ-0001"]["title"]
    assert records["PRFAQ-0001"]["extra"] == FRONT["PRFAQ-0001"]["extra"]


def test_search_index_carries_no_markup_from_content(hostile_site: Path) -> None:
    text = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8").lower()
    for tag in ("<script", "<img", "<svg", "<iframe", "<form", "<style", "<input", "<details"):
        assert tag not in text, tag


def test_sanitizing_can_be_turned_off(tmp_path: Path) -> None:
    project = copy_project("hostile", tmp_path / "project")
    set_plugin_option(project, "sanitize", "false")
    site = build_site(project)
    text = (site / "prfaqs" / "prfaq-0001" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert('XSS-body')</script>" in text
    # Front-matter values are escaped whatever the option says.
    assert "<svg onload=alert('XSS-title')>" not in text


# -- control characters: every output well-formed, even with the check's rule relaxed ------------
#: A title written with YAML's escapes: C0, DEL, C1 and a non-character (YAML refuses a lone surrogate).
CONTROL_TITLE = r"Refunds\x01 in\0 one\x7F tap\x85 for\x9F you\uFFFE now"


@pytest.mark.parametrize("severity", ["warning", "off"])
def test_control_characters_leave_every_output_well_formed(tmp_path: Path, severity: str) -> None:
    project = copy_project("basic", tmp_path / "project")
    set_plugin_option(project, "rules", f"{{control-character: {severity}}}")
    source = project / "prfaqs" / "PRFAQ-0001-instant-refunds.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("title: Instant refunds for damaged deliveries", f'title: "{CONTROL_TITLE}"', 1), encoding="utf-8"
    )
    site = build_site(project, strict=True)
    feed = ET.parse(site / "feed.xml").getroot()
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("Refunds in one\x7f tap" in t for t in titles), titles
    records = json.loads((site / "catalog.json").read_bytes().decode("utf-8"))
    (record,) = [r for r in records["documents"] if r["id"] == "PRFAQ-0001"]
    assert record["title"].startswith("Refunds\x01 in\x00 one\x7f tap")
    page = (site / "prfaqs" / "prfaq-0001" / "index.html").read_text(encoding="utf-8")
    # The page's generated front matter was read as YAML: the title is the page's title, and no
    # line of YAML shows as text.
    assert "Refunds" in raw_title(page) and "title:" not in page
