"""The catalog's templates (core/render/templates.py): a template in a site's folder replaces the
package's one of that name and no other, and every front-matter value comes out escaped, never
evaluated as a template, whichever template prints it.

The site is tests/fixtures/sites/templates/: its `overrides/prfaq/card.html` is a card of its own,
and its PR/FAQs and teams file carry markup, quotes and Jinja syntax.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from corekit import FIXTURES, check

from mkdocs_prfaq.core.catalog import Catalog
from mkdocs_prfaq.core.render.search import document_search_html
from mkdocs_prfaq.core.render.site import SiteOptions, render_site
from mkdocs_prfaq.core.render.templates import TemplateFailure

SITE = FIXTURES / "sites" / "templates"
OVERRIDES = SITE / "overrides"
TEMPLATES = FIXTURES / "templates"
CARD = re.compile(r'<dl class="prfaq-card[ "].*?</dl>', re.S)
CHART = re.compile(r'<figure class="prfaq-figure">.*?</figure>', re.S)
#: Elements and attributes that only the hostile values could have brought (outside the chart).
INJECTED_TAGS = {"script", "img", "svg", "b", "i"}
INJECTED_ATTRIBUTES = {"onmouseover", "onclick", "onerror", "onload", "data-x"}


def _catalog() -> Catalog:
    result = check(SITE, "prfaqs", {"teams_file": "teams.yml"})
    assert not result.errors, [f.format() for f in result.errors]
    return Catalog.build(result.documents, result.teams)


def _pages(template_dirs: tuple[Path, ...] = ()) -> dict[str, str]:
    """Each generated page's Markdown, without its front matter (YAML, not HTML)."""
    outputs = render_site(_catalog(), SiteOptions(template_dirs=template_dirs))
    return {o.path: o.content.split("---\n", 2)[2] for o in outputs if o.is_page}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser.tags


def test_a_template_in_a_site_folder_replaces_that_template_only() -> None:
    plain, custom = _pages(), _pages((OVERRIDES,))
    assert plain.keys() == custom.keys()
    page = custom["prfaqs/prfaq-0002.md"]
    assert '<dl class="prfaq-card prfaq-card--custom">' in page and "<dt>For</dt>" in page
    assert "prfaq-card--custom" not in "".join(plain.values())
    # Everything else, on every page, is the package's.
    for path, text in plain.items():
        assert CARD.sub("", custom[path]) == CARD.sub("", text), path


def test_a_folder_without_the_template_leaves_the_package_one(tmp_path: Path) -> None:
    assert _pages((tmp_path, OVERRIDES / "prfaq")) == _pages()


def test_an_overriding_template_escapes_values_too() -> None:
    page = _pages((OVERRIDES,))["prfaqs/prfaq-0001.md"]
    [card] = CARD.findall(page)
    assert "<dd>Shoppers&quot; data-x=&quot;{{ config }}</dd>" in card


@pytest.mark.parametrize("template_dirs", [(), (OVERRIDES,)], ids=["package", "overridden"])
def test_hostile_values_are_text_on_every_page(template_dirs: tuple[Path, ...]) -> None:
    pages = _pages(template_dirs)
    for path, page in pages.items():
        text = CHART.sub("", page)  # the chart's own SVG, numbers and all
        elements = _elements(text)
        assert not {tag for tag, _ in elements} & INJECTED_TAGS, path
        assert not {name for _, attrs in elements for name in attrs} & INJECTED_ATTRIBUTES, path
        # Jinja syntax in a value is printed, not run: 7*7 and 111*3 never become numbers.
        assert "49" not in text and "333" not in text, path
    # The values whole, as text: in a table row, a card, a team's page.
    catalog = pages["catalog/index.md"]
    title = 'Refunds {{ 7*7 }} {% raw %}<script>alert("title")</script>" onmouseover="alert(1)'
    assert f">{html.escape(title)}</a>" in catalog
    assert "Payments &quot;&lt;b&gt;&quot; {{ 7*7 }}" in catalog
    team = pages["catalog/teams/payments.md"]
    assert "Checkout, refunds and payouts {% if true %}evaluated{% endif %}." in team


def test_the_card_shows_values_whole() -> None:
    pages = _pages()
    hrefs = [attrs.get("href") for tag, attrs in _elements(pages["prfaqs/prfaq-0001.md"]) if tag == "a"]
    assert 'https://example.com/?q="onclick="alert(4)' in hrefs
    assert "mailto:dana@example.com" in hrefs
    decision = "2026-03-20 · The board {{ 111*3 }} · &lt;i&gt;Go&lt;/i&gt; &quot;ahead&quot;"
    assert f"<dt>Decision</dt><dd>{decision}</dd>" in pages["prfaqs/prfaq-0002.md"]


def test_search_markup_carries_the_title_as_an_attribute_value() -> None:
    catalog = _catalog()
    doc = catalog.by_id["PRFAQ-0001"]
    values = {attrs.get("data-pagefind-meta"): attrs.get("value") for _, attrs in _elements(document_search_html(doc, catalog))}
    assert values["title[value]"] == doc.title
    assert values["status[value]"] == "superseded"


@pytest.mark.parametrize(
    ("folder", "where", "what"),
    [
        ("misspelled", "misspelled/prfaq/card.html:3", "has no attribute 'titel'"),
        ("unclosed", "unclosed/prfaq/banner.html:3", "Unexpected end of template"),
    ],
)
def test_a_broken_override_stops_the_rendering_at_its_line(folder: str, where: str, what: str) -> None:
    with pytest.raises(TemplateFailure) as failure:
        _pages((TEMPLATES / folder,))
    message = str(failure.value)
    assert message.startswith(str(TEMPLATES / where) + ": ") and what in message, message


def test_each_build_sees_overrides_added_edited_and_removed_since_the_last(tmp_path: Path) -> None:
    """As under `mkdocs serve`: the same process builds again after the site's folder changed."""
    folder = (tmp_path,)
    card = tmp_path / "prfaq" / "card.html"
    assert "prfaq-card--custom" not in _pages(folder)["prfaqs/prfaq-0002.md"]
    card.parent.mkdir()
    shutil.copyfile(OVERRIDES / "prfaq" / "card.html", card)
    assert "prfaq-card--custom" in _pages(folder)["prfaqs/prfaq-0002.md"]
    shutil.copyfile(TEMPLATES / "misspelled" / "prfaq" / "card.html", card)
    os.utime(card, ns=(1, 1))  # another date, however fast the copies came
    with pytest.raises(TemplateFailure, match="titel"):
        _pages(folder)
    card.unlink()
    assert _pages(folder) == _pages()
