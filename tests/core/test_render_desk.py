"""The review queue, insights and similar PR/FAQs as the core renders them, without a site engine:
an empty catalog, the build's day, untrusted names, and a site's own template."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_render_document import make

from mkdocs_prfaq.core.catalog import Catalog
from mkdocs_prfaq.core.render.feed import ATOM
from mkdocs_prfaq.core.render.site import SiteOptions, render_site

TODAY = dt.date(2026, 3, 15)
A = f"{{{ATOM}}}"


def _outputs(catalog: Catalog, **options: object) -> dict[str, str]:
    return {o.path: o.content for o in render_site(catalog, SiteOptions(today=TODAY, **options))}  # type: ignore[arg-type]


def test_an_empty_catalog_has_a_queue_and_insights_that_say_so() -> None:
    out = _outputs(Catalog.build([]))
    assert "No PR/FAQ is in review." in out["catalog/review.md"]
    assert "as of 2026-03-15" in out["catalog/review.md"]
    insights = out["catalog/insights.md"]
    assert insights.count("No PR/FAQ here yet.") == 2 and "No PR/FAQ has a date yet." in insights
    data = json.loads(out["insights.json"])
    assert data["as_of"] == "2026-03-15" and data["total"]["proposals"] == 0
    assert ET.fromstring(out["feeds/review.xml"].split("\n", 1)[1]).findall(f"{A}entry") == []
    assert not [path for path in out if path.startswith(("feeds/teams/", "feeds/tags/"))]


def test_untrusted_names_are_text_everywhere() -> None:
    title = '"<script>alert(1)</script> & co'
    reviewer = "Zoë & \\\"Q\\\" O'Brien"
    doc = make(
        "PRFAQ-0001", status="in-review", title=json.dumps(title), reviewers=f'["{reviewer}"]', created="2026-01-10"
    )
    out = _outputs(Catalog.build([doc], {"payments": {"name": "<b>Pay</b>"}}), overdue_days=30)
    queue = out["catalog/review.md"]
    assert "<script>" not in queue and "&lt;script&gt;alert(1)&lt;/script&gt;" in queue
    assert queue.count("Zoë &amp; &quot;Q&quot; O&#x27;Brien") == 3  # the table, the list, the heading
    assert "64" in queue and "overdue" in queue  # 10 January to 15 March, from `created` (no history)
    assert "from the front matter&#x27;s created" in queue
    assert "This build read no git history" in out["catalog/insights.md"]
    assert "<b>Pay</b>" not in out["catalog/insights.md"] and "&lt;b&gt;Pay&lt;/b&gt;" in out["catalog/insights.md"]
    feed = ET.fromstring(out["feeds/review.xml"].split("\n", 1)[1])
    assert feed.findtext(f"{A}entry/{A}title") == f"PRFAQ-0001 waits for review: {title}"
    team = ET.fromstring(out["feeds/teams/payments.xml"].split("\n", 1)[1])
    assert team.findtext(f"{A}title") == "PR/FAQs: PR/FAQs of team <b>Pay</b>"


def test_a_site_replaces_the_similar_list_template(tmp_path: Path) -> None:
    (tmp_path / "prfaq").mkdir()
    (tmp_path / "prfaq" / "similar.html").write_text(
        "<p class=mine>{% for other, score in items %}{{ other.id }} {% endfor %}</p>", encoding="utf-8"
    )
    text = "Shoppers whose parcel arrives broken get a refund in minutes from two photos of the damage."
    docs = [make("PRFAQ-0001", body=text), make("PRFAQ-0002", body=text + " Really.")]
    out = _outputs(Catalog.build(docs), template_dirs=[tmp_path])
    assert "<p class=mine>PRFAQ-0002 </p>" in out["prfaqs/prfaq-0001.md"]
    records = {r["id"]: r for r in json.loads(out["catalog.json"])["documents"]}
    assert [s["id"] for s in records["PRFAQ-0002"]["similar"]] == ["PRFAQ-0001"]


def test_similar_off_lists_nothing_and_fits_no_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    """`similar: false`: no list on the pages, no `similar` in catalog.json, no vectors fitted."""
    from mkdocs_prfaq.core import similar

    fits: list[int] = []
    fit = similar.fit
    monkeypatch.setattr(similar, "fit", lambda bags: fits.append(len(bags)) or fit(bags))
    text = "Shoppers whose parcel arrives broken get a refund in minutes from two photos of the damage."
    docs = [make("PRFAQ-0001", body=text), make("PRFAQ-0002", body=text + " Really.")]
    out = _outputs(Catalog.build(docs), similar=None)
    assert "prfaq-similar" not in out["prfaqs/prfaq-0001.md"]
    assert all("similar" not in record for record in json.loads(out["catalog.json"])["documents"])
    assert fits == []
    on = _outputs(Catalog.build(docs))
    assert "prfaq-similar" in on["prfaqs/prfaq-0001.md"] and fits == [2]
