"""Small helpers for writing escaped HTML and relative links between generated pages."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from ..catalog import Catalog
from ..model import Document

__all__ = ["Here", "Links", "attachment_src", "document_src", "esc", "md_text", "relative"]


def esc(value: object) -> str:
    """Escape a value for HTML text or a double-quoted attribute."""
    return html.escape(str(value), quote=True)


def md_text(value: str) -> str:
    """Escape text for a Markdown line: HTML-escaped, with Markdown's link and emphasis marks neutral."""
    # One pass: replacing marks one after another would mangle the `#` of earlier entities.
    return html.escape(value, quote=False).translate(_MD_MARKS)


_MD_MARKS = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*_[]#|"})


class Links:
    """URLs between pages, from the site-relative path of each page's Markdown source."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls

    def url(self, src: str) -> str:
        """The site-relative URL of the page built from `src` (e.g. `catalog/index.md`)."""
        stem = src[: -len(".md")]
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/"

    def href(self, from_src: str, to_src: str) -> str:
        """A relative link from the page built from `from_src` to the one built from `to_src`."""
        here = self.url(from_src)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        target = self.url(to_src)
        rel = relative(target, base)
        if target.endswith("/") and rel != ".":
            rel += "/"
        if rel == ".":
            return "./"
        return rel

    def asset(self, from_src: str, asset: str) -> str:
        here = self.url(from_src)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        return relative(asset, base)


class SourceLinks(Links):
    """Links from one Markdown source to another (`../prfaqs/prfaq-0007.md`, `../feed.xml`),
    relative to the source file, for an engine that resolves every link of a page from its
    source file, in its HTML as in its Markdown, and turns links to `.md` files into its page
    URLs (Zensical does): `prfaq export` writes its pages with these. MkDocs leaves the links in
    HTML as they are, so the plugin's pages link to the built pages' URLs (:class:`Links`)."""

    def url(self, src: str) -> str:
        return src

    def href(self, from_src: str, to_src: str) -> str:
        return self.asset(from_src, to_src)

    def asset(self, from_src: str, asset: str) -> str:
        folder = posixpath.dirname(from_src)
        return relative(asset, f"{folder}/" if folder else "")


def relative(path: str, start: str) -> str:
    """`posixpath.relpath(path or ".", start or ".")` for two site-relative paths, without its
    cost: it makes both absolute from the working folder first, and the catalog's tables call
    it once per row (26,000 times at 2,000 documents, a quarter of the pages' rendering)."""
    to = [c for c in path.split("/") if c and c != "."]
    base = [c for c in start.split("/") if c and c != "."]
    if ".." in to or ".." in base or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path or ".", start or ".")
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def document_src(doc: Document) -> str:
    return f"prfaqs/{doc.slug}.md"


def attachment_src(relative: str) -> str:
    """Where an image of the source folder goes (`relative` to that folder): beside the PR/FAQ
    pages, in its folders, so that a link from a document at the folder's top works as written."""
    return f"prfaqs/{relative}"


@dataclass(frozen=True, slots=True)
class Here:
    """Links from one generated page (built from `src`), as its templates ask for them."""

    links: Links
    catalog: Catalog
    src: str

    def to(self, src: str) -> str:
        """A relative link to the page built from `src`."""
        return self.links.href(self.src, src)

    def doc(self, doc: Document) -> str:
        return self.links.href(self.src, document_src(doc))

    def doc_id(self, doc_id: str) -> str:
        """A link to the document with this id, or `#` when the catalog has none."""
        target = self.catalog.by_id.get(doc_id)
        return self.doc(target) if target else "#"

    def facet(self, folder: str, value: str | None) -> str | None:
        """A link to the page of a team or tag (`folder`: teams, tags), or None when it has none."""
        page = self.catalog.facet_src(folder, value) if value else None
        return self.links.href(self.src, page) if page else None

    def asset(self, name: str) -> str:
        """A relative link to a file of the site (`catalog.json`)."""
        return self.links.asset(self.src, name)
