"""Escaping and relative links between generated pages."""

from __future__ import annotations

import html
import posixpath
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_prfaq.core.render.html import Links, esc, md_text, relative


def test_esc_escapes_text_and_attributes() -> None:
    assert esc('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


def test_md_text_neutralises_markdown() -> None:
    out = md_text("*a* _b_ [c](d) `e` # f | g <h>")
    bare = re.sub(r"&#?[0-9a-z]+;", "", out)
    for char in "*_[]`#|<>\\":
        assert char not in bare
    assert html.unescape(out) == "*a* _b_ [c](d) `e` # f | g <h>"


@pytest.mark.parametrize(
    ("src", "url"),
    [("index.md", ""), ("catalog/index.md", "catalog/"), ("prfaqs/prfaq-0001.md", "prfaqs/prfaq-0001/")],
)
def test_directory_urls(src: str, url: str) -> None:
    assert Links(True).url(src) == url


@pytest.mark.parametrize(
    ("directory_urls", "from_src", "to_src", "href"),
    [
        (True, "catalog/index.md", "prfaqs/prfaq-0001.md", "../prfaqs/prfaq-0001/"),
        (True, "prfaqs/prfaq-0001.md", "prfaqs/prfaq-0002.md", "../prfaq-0002/"),
        (True, "catalog/teams/payments.md", "catalog/index.md", "../../"),
        (True, "catalog/index.md", "catalog/index.md", "./"),
        (True, "index.md", "catalog/status/draft.md", "catalog/status/draft/"),
        (False, "catalog/index.md", "prfaqs/prfaq-0001.md", "../prfaqs/prfaq-0001.html"),
        (False, "prfaqs/prfaq-0001.md", "prfaqs/prfaq-0002.md", "prfaq-0002.html"),
    ],
)
def test_relative_links(directory_urls: bool, from_src: str, to_src: str, href: str) -> None:
    assert Links(directory_urls).href(from_src, to_src) == href


def test_asset_links() -> None:
    assert Links(True).asset("catalog/index.md", "catalog.json") == "../catalog.json"
    assert Links(False).asset("catalog/index.md", "feed.xml") == "../feed.xml"


_PARTS = st.sampled_from(["catalog", "tags", "prfaqs", "prfaq-0001", "index.html", "x.html", ".", "..", ""])
_PATHS = st.lists(_PARTS, max_size=4).map("/".join)


@given(path=_PATHS, start=_PATHS)
def test_relative_is_posix_relpath(path: str, start: str) -> None:
    """The fast relative path between pages agrees with the standard library everywhere."""
    assert relative(path, start) == posixpath.relpath(path or ".", start or ".")
