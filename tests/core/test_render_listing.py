"""Catalog and facet pages, chart and feed, from the core alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from test_render_document import make

from mkdocs_prfaq.core.catalog import Catalog
from mkdocs_prfaq.core.render.chart import quarter_chart
from mkdocs_prfaq.core.render.document import render_document
from mkdocs_prfaq.core.render.feed import ATOM, atom_feed
from mkdocs_prfaq.core.render.html import Links
from mkdocs_prfaq.core.render.listing import catalog_index, facet_pages, table
from mkdocs_prfaq.core.settings import Limits


def _catalog() -> Catalog:
    return Catalog.build(
        [
            make("PRFAQ-0001", created="2025-01-05", tags="[a, b]"),
            make("PRFAQ-0002", created="2025-05-05", team="support", tags="[b]"),
            make("PRFAQ-0003", created="2025-11-05", title='"<script>x</script>"'),
        ],
        {"payments": {"name": "Payments"}, "support": {"name": "<Support>"}},
    )


def test_table_lists_each_document_once_escaped() -> None:
    catalog = _catalog()
    html = table(catalog.documents, catalog, Links(), "catalog/index.md", filters=True)
    assert html.count("<tr data-status=") == 3
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;Support&gt;" in html
    assert " on" not in html.split("<table", 1)[0].replace("option", "")  # no inline handlers on the filters


def test_empty_table_says_so() -> None:
    assert "No PR/FAQs" in table([], _catalog(), Links(), "catalog/index.md", filters=False)


def test_facet_pages_cover_every_status_team_and_tag() -> None:
    pages = facet_pages(_catalog(), Links())
    assert {"catalog/status/draft.md", "catalog/status/launched.md", "catalog/teams/payments.md",
            "catalog/teams/support.md", "catalog/tags/a.md", "catalog/tags/b.md"} <= set(pages)  # fmt: skip
    assert pages["catalog/tags/b.md"].count("<tr data-status=") == 2
    assert pages["catalog/status/launched.md"].count("<tr data-status=") == 0
    assert "&lt;Support&gt;" in pages["catalog/teams/support.md"].split("---\n", 2)[2]


def test_a_tag_or_team_named_index_gets_a_page_of_its_own_beside_the_overview() -> None:
    catalog = Catalog.build([make("PRFAQ-0001", team="index", tags="[index, b]"), make("PRFAQ-0002", tags="[b]")])
    pages = facet_pages(catalog, Links())
    for folder, title in (("tags", "# PR/FAQs by tag"), ("teams", "# PR/FAQs by team")):
        assert title in pages[f"catalog/{folder}/index.md"]
        own = pages[f"catalog/{folder}/index/index.md"]
        assert own.count("<tr data-status=") == 1 and "PRFAQ-0001" in own
        # The overview links to it, and the document's card too.
        assert 'href="index/"' in pages[f"catalog/{folder}/index.md"]
    card = render_document(catalog.by_id["PRFAQ-0001"], catalog, Links(), extra_html="")
    assert 'href="../../catalog/tags/index/"' in card and 'href="../../catalog/teams/index/"' in card


def test_past_a_limit_a_tag_or_team_gets_no_page_nor_link() -> None:
    """When a site has made the limits' findings warnings, the catalog still keeps to the limits:
    the first `tags` tags of each document, the first `facet_values` tags and teams by file."""
    many = "[" + ", ".join(f"t{i}" for i in range(10)) + "]"
    catalog = Catalog.build(
        [make("PRFAQ-0001", tags=many), make("PRFAQ-0002", team="support", tags="[t0, z]")],
        limits=Limits(tags=3, facet_values=2),
    )
    pages = facet_pages(catalog, Links())
    assert sorted(p for p in pages if p.startswith("catalog/tags/")) == [
        "catalog/tags/index.md", "catalog/tags/t0.md", "catalog/tags/t1.md"
    ]  # fmt: skip
    assert sorted(p for p in pages if p.startswith("catalog/teams/")) == [
        "catalog/teams/index.md", "catalog/teams/payments.md", "catalog/teams/support.md"
    ]  # fmt: skip
    card = render_document(catalog.by_id["PRFAQ-0001"], catalog, Links(), extra_html="")
    assert card.count('class="prfaq-tag" href=') == 2 and '<span class="prfaq-tag">t9</span>' in card
    index = catalog_index(catalog, Links())
    assert '<option value="t1">' in index and '<option value="t2">' not in index
    tight = Catalog.build([make("PRFAQ-0001"), make("PRFAQ-0002", team="support")], limits=Limits(facet_values=1))
    assert "catalog/teams/support.md" not in facet_pages(tight, Links())
    row = table(tight.documents, tight, Links(), "catalog/index.md", filters=False)
    assert "<td>support</td>" in row and "teams/payments/" in row


def test_catalog_index_has_counts_and_chart() -> None:
    out = catalog_index(_catalog(), Links())
    assert "<svg" in out and "**3**" in out
    assert out.count("<tr data-status=") == 3


def test_chart_has_every_quarter_between_first_and_last() -> None:
    svg = quarter_chart(_catalog().by_quarter())
    for label in ("2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4"):
        assert label in svg
    assert svg.count("<rect ") == 3
    assert quarter_chart({}) == ""
    assert quarter_chart({"2025-Q1": Counter({"draft": 2})}).count("<rect ") == 1


def test_chart_axis_legend_and_table_agree_with_the_badges() -> None:
    html = quarter_chart({"2025-Q1": Counter({"draft": 3, "in-review": 4}), "2025-Q2": Counter({"shelved": 2})})
    # Ticks every 2 up to the tallest bar (7) rounded up: 0, 2, 4, 6, 8.
    assert re.findall(r'class="prfaq-chart__axis"[^>]*text-anchor="end">(\d+)<', html) == ["0", "2", "4", "6", "8"]
    # The badges' names and colours (CSS variables of prfaq.css), not raw names or colours of its own.
    assert ">In review</span>" in html and ">in-review<" not in html
    assert "fill=\"#" not in html and "background:#" not in html
    assert 'class="prfaq-chart__bar prfaq-chart__bar--shelved"' in html
    # The same figures as a table, for readers who cannot see the chart.
    rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", html)
    assert [(label, re.findall(r"<td>(\d+)</td>", cells)) for label, cells in rows] == [
        ("2025 Q1", ["3", "4", "0", "0", "0", "0", "0", "0"]),
        ("2025 Q2", ["0", "0", "0", "0", "0", "2", "0", "0"]),
    ]


def test_atom_feed() -> None:
    text = atom_feed(_catalog(), site_url="https://example.com/docs/", site_name="Site & <Co>", limit=2)
    root = ET.fromstring(text.split("\n", 1)[1])
    assert root.tag == f"{{{ATOM}}}feed"
    entries = root.findall(f"{{{ATOM}}}entry")
    assert len(entries) == 2
    link = entries[0].find(f"{{{ATOM}}}link")
    assert link is not None and link.attrib["href"] == "https://example.com/docs/prfaqs/prfaq-0003/"
    assert entries[0].findtext(f"{{{ATOM}}}title") == "New PR/FAQ: <script>x</script>"
    assert root.findtext(f"{{{ATOM}}}title") == "Site & <Co>: PR/FAQs"
