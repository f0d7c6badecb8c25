"""The handbook's own pages as any engine takes them: the generated reference tables in place of
their markers, the template download's link, and `[text](PRFAQ-0007)` links to the document's page.

The MkDocs plugin applies it to each handbook page it converts; `prfaq export` to the copies it
writes for an engine that runs no plugin.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping

from ..catalog import Catalog
from .document import resolve_id_links
from .html import Links
from .reference import fields_markdown, options_markdown, rules_markdown

__all__ = ["MARKERS", "TEMPLATE_MARKER", "handbook_page"]

#: Markers in handbook pages replaced by generated reference tables (an adapter adds its own).
MARKERS: Mapping[str, Callable[[], str]] = {
    "<!-- prfaq:fields -->": fields_markdown,
    "<!-- prfaq:rules -->": rules_markdown,
    "<!-- prfaq:options -->": options_markdown,
}
#: Where a handbook page offers the template download: a link to it, or a word that there is none.
TEMPLATE_MARKER = "<!-- prfaq:template-download -->"


def _template_link(src: str, target: str) -> str:
    if not target:
        return "This site offers no download of the template: `prfaq new` writes one for you."
    if "://" not in target:  # a URL is linked as it is (`prfaq export`: the engine would take a path for a page)
        target = posixpath.relpath(target, posixpath.dirname(src) or ".")
    return f"[Download the template]({target}) as a raw Markdown file."


def handbook_page(
    markdown: str,
    src: str,
    *,
    catalog: Catalog | None,
    links: Links,
    template_download: str,
    markers: Mapping[str, Callable[[], str]] = MARKERS,
) -> str:
    """The Markdown of the handbook page at `src` (relative to the docs folder), completed."""
    for marker, make in markers.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    if TEMPLATE_MARKER in markdown:
        markdown = markdown.replace(TEMPLATE_MARKER, _template_link(src, template_download))
    if catalog is not None and "PRFAQ-" in markdown:
        markdown = resolve_id_links(markdown, src, catalog, links)
    return markdown
