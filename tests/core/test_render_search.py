"""The search markup of a PR/FAQ page (Pagefind attributes), from the core alone."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs_prfaq.core.catalog import Catalog
from mkdocs_prfaq.core.loader import read_document
from mkdocs_prfaq.core.model import Document
from mkdocs_prfaq.core.render.search import document_filters, document_meta, document_search_html, id_tokens


def make(**fields: str) -> Document:
    values = {
        "id": "PRFAQ-0042",
        "title": "Instant refunds",
        "status": "launched",
        "authors": "[Dana Whitfield <dana@example.com>]",
        "team": "payments",
        "created": "2025-02-10",
        "customer": "Shoppers",
        "tags": "[refunds, logistics]",
    }
    values.update(fields)
    front = "\n".join(f"{k}: {v}" for k, v in values.items())
    doc, problems = read_document(Path("PRFAQ-0042.md"), "prfaqs/PRFAQ-0042.md", f"---\n{front}\n---\n\nBody.\n")
    assert doc is not None, problems
    return doc


def test_id_tokens_give_the_id_and_its_number() -> None:
    assert id_tokens("PRFAQ-0042") == ["PRFAQ-0042", "0042"]
    assert id_tokens(None) == []


def test_filters_match_the_catalog_table() -> None:
    assert document_filters(make()) == {
        "kind": ["prfaq"],
        "status": ["launched"],
        "team": ["payments"],
        "tag": ["refunds", "logistics"],
        "year": ["2025"],
        "id": ["PRFAQ-0042"],
    }


def test_meta_carries_status_and_team_name() -> None:
    doc = make()
    meta = document_meta(doc, Catalog.build([doc], {"payments": {"name": "Payments"}}))
    assert meta == {
        "title": "Instant refunds",
        "id": "PRFAQ-0042",
        "status": "launched",
        "status_label": "Launched",
        "team": "Payments",
    }


def test_markup_is_hidden_weighted_and_escaped() -> None:
    doc = make(title='"<img src=x onerror=alert(1)>"', customer='"a & b"')
    html = document_search_html(doc, Catalog.build([doc]))
    assert "<img" not in html
    assert 'value="&lt;img src=x onerror=alert(1)&gt;" data-pagefind-meta="title[value]"' in html
    assert 'data-pagefind-filter="status[value]"' in html
    assert '<p hidden class="prfaq-search-tokens" data-pagefind-weight="10">PRFAQ-0042 · 0042 · ' in html
    assert "a &amp; b" in html


def test_only_the_documents_own_id_counts_as_an_id_in_the_weighted_line() -> None:
    doc = make(
        customer='"PRFAQ-0007 0007 prfaq 7 shoppers"',
        authors='["PRFAQ-0007", "Ana 0007 Lima"]',
        tags="[prfaq-0007, refunds]",
    )
    html = document_search_html(doc, Catalog.build([doc]))
    line = html.split('class="prfaq-search-tokens"', 1)[1]
    assert 'data-pagefind-weight="10">PRFAQ-0042 · 0042 · ' in line
    others = line.split("PRFAQ-0042 · 0042 · ", 1)[1]
    assert not re.search(r"\d|prfaq", others, re.I), others
    assert "payments" in others and "Ana Lima" in others and "refunds" in others and "shoppers" in others
