"""`catalog.json` and `feed.xml` as published in a built site."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from sitekit import FIXTURES, front_matters

from mkdocs_prfaq.core.schema import SCHEMA_VERSION

FRONT = front_matters(FIXTURES / "basic")
ATOM = "{http://www.w3.org/2005/Atom}"


def _catalog(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    return data


def test_catalog_json_counts_every_document(basic_site: Path) -> None:
    data = _catalog(basic_site)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["count"] == len(FRONT) == len(data["documents"])
    assert sorted(r["id"] for r in data["documents"]) == sorted(FRONT)


def test_catalog_json_records(basic_site: Path) -> None:
    for record in _catalog(basic_site)["documents"]:
        meta = FRONT[record["id"]]
        assert record["url"] == f"prfaqs/{record['id'].lower()}/"
        assert (basic_site / record["url"] / "index.html").is_file()
        assert record["source"] == meta["_path"]
        assert isinstance(record["summary"], str) and record["summary"]
        assert record["words"]["total"] > 0
        assert 0 < record["words"]["press_release"] <= record["words"]["total"]
        assert isinstance(record["history"], list)
        for key, value in meta.items():
            if key.startswith("_"):
                continue
            expected = json.loads(json.dumps(value, default=str))
            assert record[key] == expected, key


def test_catalog_json_summary_falls_back_to_the_first_paragraph(basic_site: Path) -> None:
    records = {r["id"]: r for r in _catalog(basic_site)["documents"]}
    assert records["PRFAQ-0001"]["summary"] == FRONT["PRFAQ-0001"]["summary"]
    assert records["PRFAQ-0002"]["summary"].startswith("Copperleaf today announced two-hour delivery windows")


def test_feed_is_atom(basic_site: Path) -> None:
    root = ET.parse(basic_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{child}") or "").strip()
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(FRONT)  # one "new document" entry each; no git history in the fixture
    seen: set[str] = set()
    for entry in entries:
        entry_id = entry.findtext(f"{ATOM}id") or ""
        assert entry_id and entry_id not in seen
        seen.add(entry_id)
        assert (entry.findtext(f"{ATOM}title") or "").strip()
        updated = entry.findtext(f"{ATOM}updated") or ""
        assert len(updated) == 20 and updated.endswith("Z")
        link = entry.find(f"{ATOM}link")
        assert link is not None
        href = link.attrib["href"]
        assert href.startswith("https://catalog.example.com/prfaqs/prfaq-")
        assert (basic_site / href.removeprefix("https://catalog.example.com/") / "index.html").is_file()
        assert (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
    dates = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert dates == sorted(dates, reverse=True)


def test_catalog_page_links_the_exports(basic_site: Path) -> None:
    text = (basic_site / "catalog" / "index.html").read_text(encoding="utf-8")
    assert 'href="../catalog.json"' in text
    assert 'href="../feed.xml"' in text
