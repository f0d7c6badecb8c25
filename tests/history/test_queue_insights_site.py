"""The review queue, the insights, the similar PR/FAQs and the team and tag feeds in a site built
with MkDocs from a real git repository whose documents enter and leave review on known dates.

The build's day is 15 March 2026 (SOURCE_DATE_EPOCH). The story, in commits:

- PRFAQ-0001 (payments, refunds): draft 3 Nov 2025, in review 20 Nov, approved 18 Dec (45 days
  from created, 28 in review);
- PRFAQ-0002 (payments, refunds): a rewrite of 0001's idea; draft 5 Jan 2026, in review 20 Jan,
  still waiting (54 days, overdue), reviewers Ana Lima and Zoë & "Q" O'Brien;
- PRFAQ-0003 (logistics, delivery): created 1 Oct 2025, first committed in review 15 Feb 2026
  (28 days), reviewer Carla Mendes;
- PRFAQ-0004 (logistics, delivery): draft 10 Oct 2025, in review 1 Nov, back to draft 15 Nov,
  in review again 1 Mar 2026 (14 days), reviewers Carla Mendes and Ana Lima;
- PRFAQ-0005 (logistics): created 20 Oct 2025, first committed rejected on 1 Dec with a decision
  dated 28 Nov (39 days; its time in review unknown).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from history_git import DANA, MARCUS, commit, init_project

# The site helpers of the plugin's tests (tests/mkdocs/sitekit.py), wherever pytest was started.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mkdocs"))
import sitekit

ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = dt.datetime(2026, 3, 15, 8, 0, tzinfo=dt.UTC)
ZOE = "Zoë & \"Q\" O'Brien"

TOPICS = {
    "PRFAQ-0001": (
        "Instant refunds for broken parcels",
        "Shoppers whose parcel arrives broken take two photos and get their money back within minutes. "
        "They keep the broken item and print no return label. Refunds from photos replace the slow return trip.",
        "Do I send the broken item back?",
        "No. Keep or recycle the broken item: the refund arrives minutes after the photos.",
    ),
    "PRFAQ-0002": (
        "Refunds in minutes when a parcel arrives broken",
        "Shoppers who receive a broken parcel send two photos and get their money back in minutes. "
        "They keep the broken item, with no return label to print. Photos replace the return trip for refunds.",
        "Must I return the broken item?",
        "No. Recycle or keep the broken item; the refund comes minutes after the two photos.",
    ),
    "PRFAQ-0003": (
        "Weekend delivery windows for furniture",
        "Households pick a two-hour window on Saturday or Sunday for sofas and wardrobes to arrive. "
        "Drivers text twenty minutes ahead, and the crew carries each piece upstairs.",
        "Which weekends are open?",
        "Every Saturday and Sunday, from eight in the morning until six in the evening.",
    ),
    "PRFAQ-0004": (
        "Drone drops for rural homes",
        "Farms and cottages far from any depot receive small packages by drone, landing in the garden "
        "within an hour. Batteries swap at village hubs along the route.",
        "How heavy can a package be?",
        "Up to two kilograms, about the weight of a bag of flour.",
    ),
    "PRFAQ-0005": (
        "Pay with a crypto wallet",
        "Buyers settle their basket with a cryptocurrency wallet at checkout. Prices convert from bitcoin "
        "at the moment of purchase, and the exchange rate locks for ninety seconds.",
        "Which coins are accepted?",
        "Bitcoin and ether, converted by our exchange partner.",
    ),
}
PROFILE = {
    "PRFAQ-0001": ("payments", "2025-11-03", ["refunds"]),
    "PRFAQ-0002": ("payments", "2026-01-05", ["refunds"]),
    "PRFAQ-0003": ("logistics", "2025-10-01", ["delivery"]),
    "PRFAQ-0004": ("logistics", "2025-10-10", ["delivery"]),
    "PRFAQ-0005": ("logistics", "2025-10-20", []),
}
REVIEWERS = {
    "PRFAQ-0002": ["Ana Lima", ZOE],
    "PRFAQ-0003": ["Carla Mendes"],
    "PRFAQ-0004": ["Carla Mendes", "Ana Lima"],
}
DECISIONS = {"PRFAQ-0001": "2025-12-18", "PRFAQ-0005": "2025-11-28"}


def _document(doc_id: str, status: str) -> str:
    title, lead, question, answer = TOPICS[doc_id]
    team, created, tags = PROFILE[doc_id]
    front = [
        f"id: {doc_id}",
        f"title: {title}",
        f"status: {status}",
        "authors: [Dana Whitfield]",
        f"team: {team}",
        f"created: {created}",
        f"customer: People who want {title.lower()}",
        f"tags: {json.dumps(tags)}",
    ]
    if doc_id in REVIEWERS:
        front.append(f"reviewers: {json.dumps(REVIEWERS[doc_id], ensure_ascii=False)}")
    if status in ("approved", "rejected"):
        front.append(f"decision: {{date: {DECISIONS[doc_id]}, by: Leadership review}}")
    body = f"{lead}\n\n## External FAQ\n\n### {question}\n\n{answer}\n\n## Internal FAQ\n\n### Why now?\n\n{lead}\n"
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


#: (day, document, status) in commit order; one commit per step.
STEPS = [
    ("2025-10-10", "PRFAQ-0004", "draft"),
    ("2025-11-01", "PRFAQ-0004", "in-review"),
    ("2025-11-03", "PRFAQ-0001", "draft"),
    ("2025-11-15", "PRFAQ-0004", "draft"),
    ("2025-11-20", "PRFAQ-0001", "in-review"),
    ("2025-12-01", "PRFAQ-0005", "rejected"),
    ("2025-12-18", "PRFAQ-0001", "approved"),
    ("2026-01-05", "PRFAQ-0002", "draft"),
    ("2026-01-20", "PRFAQ-0002", "in-review"),
    ("2026-02-15", "PRFAQ-0003", "in-review"),
    ("2026-03-01", "PRFAQ-0004", "in-review"),
]


def _repository(target: Path) -> Path:
    repo = init_project(target)
    (repo / "teams.yml").write_text(
        "payments: {name: Payments}\nlogistics: {name: Logistics & delivery}\n", encoding="utf-8"
    )
    for index, (day, doc_id, status) in enumerate(STEPS):
        (repo / "prfaqs" / f"{doc_id}.md").write_text(_document(doc_id, status), encoding="utf-8")
        commit(repo, f"{doc_id}: {status}", DANA if index % 2 else MARCUS, f"{day}T09:00:00+00:00")
    return repo


def _build(repo: Path) -> Path:
    site_dir = repo.parent / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(TODAY.timestamp())))
        return sitekit.build_site(repo, site_dir=str(site_dir), strict=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield _build(_repository(tmp_path_factory.mktemp("desk") / "project"))


def _content(site: Path, url: str) -> sitekit.Node:
    return sitekit.article(sitekit.read_page(site, url))


def _rows(table: sitekit.Node) -> list[list[str]]:
    return [[cell.clean_text for cell in row.find_all("td")] for row in table.find_all("tr") if row.find("td")]


def test_the_queue_is_oldest_first_with_its_ages(site: Path) -> None:
    page = _content(site, "catalog/review/")
    table = page.one("table", "prfaq-queue")
    rows = _rows(table)
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("PRFAQ-0002", "2026-01-20 from git history", "54 overdue"),
        ("PRFAQ-0003", "2026-02-15 from git history", "28"),
        ("PRFAQ-0004", "2026-03-01 from git history", "14"),
    ]
    assert [r[4] for r in rows] == [f"Ana Lima, {ZOE}", "Carla Mendes", "Carla Mendes, Ana Lima"]
    # The last change: the document's last commit (its front matter has no `updated`).
    assert [r[5] for r in rows] == ["2026-01-20", "2026-02-15", "2026-03-01"]
    marked = [row for row in table.find_all("tr") if "prfaq-queue__overdue" in row.classes]
    assert len(marked) == 1 and "PRFAQ-0002" in marked[0].clean_text
    assert "as of 2026-03-15" in page.clean_text and "more than 42 days" in page.clean_text
    links = [sitekit.resolve("catalog/review/", a.attrs["href"]) for a in table.find_all("a")]
    assert links[:2] == ["prfaqs/prfaq-0002/", "prfaqs/prfaq-0002/"]


def test_each_reviewer_sees_what_waits_for_them(site: Path) -> None:
    page = _content(site, "catalog/review/")
    sections = page.find_all("section", "prfaq-reviewer")
    seen = {
        section.one("h3").clean_text: [code.text for code in section.find_all("code")] for section in sections
    }
    assert list(seen) == ["Ana Lima", "Carla Mendes", ZOE]
    assert seen == {"Ana Lima": ["PRFAQ-0002", "PRFAQ-0004"], "Carla Mendes": ["PRFAQ-0003", "PRFAQ-0004"], ZOE: ["PRFAQ-0002"]}
    assert "1 waiting, 1 overdue." in sections[2].clean_text
    # The list at the top links to each section.
    anchors = [a.attrs["href"] for a in page.one("ul", "prfaq-counts").find_all("a")]
    assert anchors == [f"#{section.attrs['aria-labelledby']}" for section in sections]


def test_the_queue_feed(site: Path) -> None:
    root = ET.parse(site / "feeds" / "review.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2026-03-01T00:00:00Z", "2026-02-15T00:00:00Z", "2026-01-20T00:00:00Z"
    ]  # fmt: skip
    links = [e.find(f"{ATOM}link").attrib["href"] for e in entries]  # type: ignore[union-attr]
    assert links == [f"https://prfaq.example.com/prfaqs/prfaq-000{n}/" for n in (4, 3, 2)]
    summary = entries[2].findtext(f"{ATOM}summary") or ""
    assert "54 days on 2026-03-15, overdue" in summary and ZOE in summary
    assert root.findtext(f"{ATOM}id") == "https://prfaq.example.com/feeds/review.xml"


def _table(page: sitekit.Node, heading: str) -> list[list[str]]:
    """The rows (header cell first) of the first table after the heading of id `heading`."""
    nodes = list(page.iter())
    start = next(i for i, n in enumerate(nodes) if n.tag == "h2" and n.attrs.get("id") == heading)
    table = next(n for n in nodes[start:] if n.tag == "table")
    return [[cell.clean_text for cell in row.find_all("th") + row.find_all("td")] for row in table.find_all("tr")[1:]]


def test_insights_figures_against_hand_counts(site: Path) -> None:
    data = json.loads((site / "insights.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2026-03-15" and data["generated"] == TODAY.isoformat()
    assert data["total"] == {
        "proposals": 5, "decided": 2, "approved": 1, "approval_rate": 0.5,
        "median_days_to_decision": 42, "median_days_in_review": 28, "review_unknown": 1,
    }  # fmt: skip
    assert data["by_quarter"]["2025-Q4"] == {**data["total"], "proposals": 4}
    assert data["by_quarter"]["2026-Q1"]["proposals"] == 1 and data["by_quarter"]["2026-Q1"]["decided"] == 0
    assert data["by_team"]["payments"] == {
        "proposals": 2, "decided": 1, "approved": 1, "approval_rate": 1.0,
        "median_days_to_decision": 45, "median_days_in_review": 28, "review_unknown": 0,
    }  # fmt: skip
    assert data["by_team"]["logistics"] == {
        "proposals": 3, "decided": 1, "approved": 0, "approval_rate": 0.0,
        "median_days_to_decision": 39, "median_days_in_review": None, "review_unknown": 1,
    }  # fmt: skip
    ends = data["statuses_at_quarter_end"]
    assert {s: n for s, n in ends["2025-Q4"].items() if n} == {"draft": 1, "approved": 1, "rejected": 1}
    assert {s: n for s, n in ends["2026-Q1"].items() if n} == {"in-review": 3, "approved": 1, "rejected": 1}
    assert "review_unknown" in data["definitions"]


def test_the_insights_page_shows_the_same_figures(site: Path) -> None:
    page = _content(site, "catalog/insights/")
    assert _table(page, "by-quarter") == [
        ["2025 Q4", "4", "2", "1", "50%", "42", "28", "1"],
        ["2026 Q1", "1", "0", "0", "–", "–", "–", "0"],
    ]
    assert _table(page, "by-team") == [
        ["Logistics & delivery", "3", "1", "0", "0%", "39", "–", "1"],
        ["Payments", "2", "1", "1", "100%", "45", "28", "0"],
    ]
    chart = page.one("svg", "prfaq-chart")
    assert chart.one("title", id="prfaq-statuses-chart-title").text == "PR/FAQs in each status at the end of each quarter"
    figures = page.one("details", "prfaq-chart-table")
    assert _rows(figures)[-1] == ["2026 Q1", "0", "3", "1", "0", "0", "0", "1", "0"]
    definitions = page.one("dl", "prfaq-definitions").clean_text
    assert "committed with a decided status already" in definitions
    assert "has no time in review" in page.clean_text
    assert "This build read no git history" not in page.clean_text


def test_similar_documents_on_the_page_and_in_catalog_json(site: Path) -> None:
    page = _content(site, "prfaqs/prfaq-0001/")
    similar = page.one("details", "prfaq-similar")
    assert [code.text for code in similar.find_all("code")] == ["PRFAQ-0002"]
    assert "In review" in similar.clean_text
    assert sitekit.resolve("prfaqs/prfaq-0001/", similar.one("a").attrs["href"]) == "prfaqs/prfaq-0002/"
    # PRFAQ-0002's list names 0001 with its status and the day of its decision.
    other = _content(site, "prfaqs/prfaq-0002/").one("details", "prfaq-similar")
    assert "Approved 2025-12-18 PRFAQ-0001" in other.clean_text
    records = {r["id"]: r for r in json.loads((site / "catalog.json").read_text(encoding="utf-8"))["documents"]}
    assert [(s["id"], s["status"]) for s in records["PRFAQ-0001"]["similar"]] == [("PRFAQ-0002", "in-review")]
    assert records["PRFAQ-0001"]["similar"][0]["score"] > 0.5
    # Unrelated documents stay under the threshold: no list on their pages, none in their records.
    assert records["PRFAQ-0005"]["similar"] == []
    assert _content(site, "prfaqs/prfaq-0005/").find("details", "prfaq-similar") is None


def test_team_and_tag_feeds_carry_only_their_documents(site: Path) -> None:
    for path, ids, count in [
        ("feeds/teams/payments.xml", {"prfaqs/prfaq-0001/", "prfaqs/prfaq-0002/"}, 5),
        ("feeds/teams/logistics.xml", {"prfaqs/prfaq-0003/", "prfaqs/prfaq-0004/", "prfaqs/prfaq-0005/"}, 6),
        ("feeds/tags/delivery.xml", {"prfaqs/prfaq-0003/", "prfaqs/prfaq-0004/"}, 5),
    ]:
        root = ET.parse(site / path).getroot()
        entries = root.findall(f"{ATOM}entry")
        hrefs = {e.find(f"{ATOM}link").attrib["href"].removeprefix("https://prfaq.example.com/") for e in entries}  # type: ignore[union-attr]
        assert hrefs == ids and len(entries) == count, path
        assert root.findtext(f"{ATOM}id") == f"https://prfaq.example.com/{path}"
    # The team's page links to its feed.
    page = _content(site, "catalog/teams/payments/")
    feed = page.one("a", type="application/atom+xml")
    assert sitekit.resolve("catalog/teams/payments/", feed.attrs["href"]) == "feeds/teams/payments.xml"
    title = ET.parse(site / "feeds/teams/logistics.xml").getroot().findtext(f"{ATOM}title")
    assert title == "History test: PR/FAQs of team Logistics & delivery"


def test_the_new_pages_are_in_the_navigation(site: Path) -> None:
    nav = sitekit.read_page(site, "catalog/review/").one("nav", "md-nav--primary").clean_text
    assert "Review queue" in nav and "Insights" in nav



def test_the_threshold_and_the_overdue_age_are_options(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "project")
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - prfaq:\n", "  - prfaq:\n      similar: 1.0\n      review_overdue_days: 60\n"), encoding="utf-8")
    site = _build(repo)
    queue = _content(site, "catalog/review/")
    assert queue.find("tr", "prfaq-queue__overdue") is None and "more than 60 days" in queue.clean_text
    assert _content(site, "prfaqs/prfaq-0001/").find("details", "prfaq-similar") is None
    records = json.loads((site / "catalog.json").read_text(encoding="utf-8"))["documents"]
    assert all(r["similar"] == [] for r in records)
