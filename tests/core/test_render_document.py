"""The Markdown source of a PR/FAQ page, from the core alone (no MkDocs)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_prfaq.core.catalog import Catalog
from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.model import BANNERED, STATUSES, Document
from mkdocs_prfaq.core.render.document import banner, card, render_document, resolve_attachment_links, resolve_id_links
from mkdocs_prfaq.core.render.html import Here, Links, SourceLinks, document_src
from mkdocs_prfaq.core.render.site import SiteOptions, render_site

BODY = "Copperleaf today announced a thing.\n\n## FAQ\n\n### Why?\n\nBecause.\n"


def make(doc_id: str = "PRFAQ-0001", body: str = BODY, **fields: str) -> Document:
    values = {
        "id": doc_id,
        "title": "A useful thing",
        "status": "draft",
        "authors": "[Dana Whitfield <dana@example.com>]",
        "team": "payments",
        "created": "2025-02-10",
        "customer": "Shoppers",
    }
    values.update(fields)
    front = "\n".join(f"{k}: {v}" for k, v in values.items())
    text = f"---\n{front}\n---\n\n{body}"
    doc, problems = read_document(Path(f"{doc_id}.md"), f"prfaqs/{doc_id}.md", text)
    assert doc is not None, problems
    return doc


def headlines(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.startswith("# ")]


def test_title_is_the_headline_when_the_body_has_none() -> None:
    doc = make()
    out = render_document(doc, Catalog.build([doc]), Links())
    assert headlines(out) == ["# A useful thing"]


def test_a_body_headline_that_says_the_title_is_kept_with_its_attributes() -> None:
    doc = make(body="# A *useful* thing { #top }\n\n" + BODY)
    out = render_document(doc, Catalog.build([doc]), Links())
    assert headlines(out) == ["# A *useful* thing { #top }"]


def test_a_body_headline_that_is_not_the_title_gives_way_to_it() -> None:
    """One title everywhere: the catalog, search and the browser tab show `title`, so the page
    does too (and `title-mismatch` tells the author)."""
    doc = make(body="# The real headline\n\n" + BODY)
    out = render_document(doc, Catalog.build([doc]), Links())
    assert headlines(out) == ["# A useful thing"]


def test_a_later_level_one_heading_is_not_the_headline() -> None:
    doc = make(body="Intro text first.\n\n# Not a headline\n\n" + BODY)
    out = render_document(doc, Catalog.build([doc]), Links())
    assert headlines(out) == ["# A useful thing", "# Not a headline"]


def test_front_matter_of_the_page_cannot_be_broken_out_of() -> None:
    doc = make(title='"Quotes\\" and: colons --- <b>"', summary='"---\\ntitle: pwned"')
    out = render_document(doc, Catalog.build([doc]), Links())
    head = out.split("\n---\n", 1)[0].split("\n")
    assert head[0] == "---" and len(head) == 3
    assert head[1].startswith('title: "') and head[2].startswith('description: "')


def test_title_markup_is_escaped_in_the_headline() -> None:
    doc = make(title='"<script>alert(1)</script> *bold* [link](x)"')
    line = headlines(render_document(doc, Catalog.build([doc]), Links()))[0]
    assert "<script>" not in line and "*" not in line and "[" not in line


@pytest.mark.parametrize("status", STATUSES)
def test_banner_for_statuses_that_are_not_a_plan_of_record(status: str) -> None:
    extra = {"superseded_by": "PRFAQ-0002"} if status == "superseded" else {}
    if status in ("approved", "building", "launched", "shelved", "rejected"):
        extra["decision"] = "{date: 2025-03-01, by: The board}"
    doc = make(status=status, **extra)
    catalog = Catalog.build([doc, make("PRFAQ-0002")])
    html = banner(doc, Here(Links(), catalog, document_src(doc)))
    assert bool(html) == (status in BANNERED)
    if status == "superseded":
        assert 'href="../prfaq-0002/"' in html
    if status in ("shelved", "rejected"):
        assert "2025-03-01" in html and "The board" in html


def test_card_escapes_values_and_links_supersession() -> None:
    old = make("PRFAQ-0001", status="superseded", superseded_by="PRFAQ-0002", customer='"<i>x</i>"')
    new = make("PRFAQ-0002", supersedes="[PRFAQ-0001]")
    catalog = Catalog.build([old, new], {"payments": {"name": "Pay & <Co>"}})
    html = card(old, catalog, Links())
    assert "Pay &amp; &lt;Co&gt;" in html and "&lt;i&gt;x&lt;/i&gt;" in html
    assert '<a href="../prfaq-0002/">PRFAQ-0002</a>' in html
    assert '<a href="../prfaq-0001/">PRFAQ-0001</a>' in card(new, catalog, Links())


def test_id_links_resolve_to_page_sources() -> None:
    a, b = make("PRFAQ-0001"), make("PRFAQ-0002")
    catalog = Catalog.build([a, b])
    text = 'See [b](PRFAQ-0002), [b anchor](PRFAQ-0002#faq "t"), [none](PRFAQ-0404) and PRFAQ-0002 in prose.'
    out = resolve_id_links(text, "learn/index.md", catalog, Links())
    assert "[b](../prfaqs/prfaq-0002.md)" in out
    assert '[b anchor](../prfaqs/prfaq-0002.md#faq "t")' in out
    assert "[none](PRFAQ-0404)" in out
    assert "and PRFAQ-0002 in prose" in out
    assert "[b](prfaq-0002.md)" in resolve_id_links("[b](PRFAQ-0002)", "prfaqs/prfaq-0001.md", catalog, Links())


def test_the_writing_review_sits_under_the_card_before_the_timeline() -> None:
    from mkdocs_prfaq.core.render.site import SiteOptions, render_site

    doc = make()
    doc.history = [{"date": "2025-02-10T09:00:00+00:00", "status": "draft", "author": "Dana", "commit": "a" * 40}]
    panel = '<details class="prfaq-review"><summary>Writing review</summary></details>'
    [page] = [o.content for o in render_site(Catalog.build([doc]), SiteOptions(extra_html={"PRFAQ-0001": panel})) if o.document]
    assert page.index('class="prfaq-card"') < page.index('class="prfaq-review"') < page.index("prfaq-timeline")
    assert page.index("prfaq-timeline") < page.index("\n\nCopperleaf today announced")


# -- every output well-formed, whatever a title, customer or body holds -----------------------------
#: Weighted towards what YAML, XML and JSON cannot carry as it is.
HARD_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff", "\U0001fffe", "\u2028",
                         '"', "'", "\\", "\n", "---", ":", "#", "<", "&", "]]>", "{{", "\r"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=30,
).map("".join)  # fmt: skip


def _escaped(text: str) -> str:
    """`text` as a YAML double-quoted scalar that writes every character with an escape."""
    return '"' + "".join(f"\\U{ord(c):08x}" for c in text) + '"'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=HARD_TEXT, customer=HARD_TEXT, body=HARD_TEXT)
def test_any_title_customer_and_body_keep_every_output_well_formed(title: str, customer: str, body: str) -> None:
    doc = make(title=_escaped(title), customer=_escaped(customer), body=f"{body}\n\n{BODY}", tags="[refunds]")
    outputs = {o.path: o.content for o in render_site(Catalog.build([doc]), SiteOptions(site_url="https://x.example/"))}
    feed = ET.fromstring(outputs["feed.xml"].encode("utf-8"))
    assert feed.tag.endswith("feed")
    catalog = json.loads(outputs["catalog.json"].encode("utf-8"))
    assert [d["id"] for d in catalog["documents"]] == ["PRFAQ-0001"]
    pages = [content for path, content in outputs.items() if path.endswith(".md")]
    assert len(pages) > 3
    for content in pages:
        assert content.startswith("---\n")
        front = yaml.safe_load(content.split("\n---\n", 1)[0][4:])
        assert isinstance(front, dict) and isinstance(front["title"], str)
    front = yaml.safe_load(outputs[document_src(doc)].split("\n---\n", 1)[0][4:])
    # The title round-trips, as one line, but for what YAML cannot hold (written as U+FFFD or its escape).
    assert len(front["title"]) == len(" ".join(doc.title.split()))


@pytest.mark.parametrize(
    ("written", "on_the_page"),
    [
        ("![Chart](chart.png)", "![Chart](payments/chart.png)"),
        ("![Chart](./chart.png 'Q3')", "![Chart](payments/chart.png 'Q3')"),
        ("![Flow](../flow.png)", "![Flow](flow.png)"),
        ("![Two words](<two words.png>)", "![Two words](<payments/two words.png>)"),
        ("![Two words](two%20words.png)", "![Two words](payments/two%20words.png)"),
        ("[the chart](chart.png#q3)", "[the chart](payments/chart.png#q3)"),
        ("![Chart](chart.png?v=2)", "![Chart](payments/chart.png?v=2)"),  # as missing-image reads it
        ("[chart]: chart.png\n", "[chart]: payments/chart.png\n"),
        # Not an image the site copies from there: left as written.
        ("![Gone](missing.png)", "![Gone](missing.png)"),
        ("![Host](https://img.example/chart.png)", "![Host](https://img.example/chart.png)"),
        ("![Root](/chart.png)", "![Root](/chart.png)"),
        ("[Refunds](PRFAQ-0001)", "[Refunds](PRFAQ-0001)"),
    ],
)
def test_links_to_images_beside_a_document_in_a_subfolder_follow_it_to_its_page(written: str, on_the_page: str) -> None:
    images = {"flow.png", "payments/chart.png", "payments/two words.png"}
    assert resolve_attachment_links(written, "payments", images) == on_the_page


@pytest.mark.parametrize(
    ("links", "src"),
    [(Links(True), "../payments/chart.png"), (Links(False), "payments/chart.png"), (SourceLinks(), "payments/chart.png")],
)
def test_an_html_image_beside_the_document_is_linked_from_its_built_page(links: Links, src: str) -> None:
    """No engine resolves an HTML image's `src`: it is written for the page, wherever that is built."""
    images = {"payments/chart.png"}
    for folder, written in (("payments", "chart.png"), (".", "payments/chart.png")):
        html = f'<img width="200" src="{written}" alt="Chart">'
        out = resolve_attachment_links(html, folder, images, page_src="prfaqs/prfaq-0001.md", links=links)
        assert out == f'<img width="200" src="{src}" alt="Chart">'
    assert resolve_attachment_links("<IMG SRC='elsewhere.png'>", ".", images, page_src="p.md", links=links) == (
        "<IMG SRC='elsewhere.png'>"
    )


def test_links_in_code_stay_as_written() -> None:
    """A code span or block shows what an author types: it is never rewritten."""
    catalog = Catalog.build([make()])
    written = "See [it](PRFAQ-0001), written `[it](PRFAQ-0001)`:\n\n```\n[it](PRFAQ-0001) ![c](chart.png)\n```\n"
    linked = resolve_id_links(written, "prfaqs/prfaq-0002.md", catalog, Links())
    assert linked == written.replace("[it](PRFAQ-0001),", "[it](prfaq-0001.md),", 1)
    moved = resolve_attachment_links("`![c](chart.png)` ![c](chart.png)", "payments", {"payments/chart.png"})
    assert moved == "`![c](chart.png)` ![c](payments/chart.png)"
