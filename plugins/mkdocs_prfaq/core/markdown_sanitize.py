"""A Python-Markdown extension that finishes the PR/FAQ pages `prfaq export` writes, for an
engine that runs Python-Markdown but no MkDocs plugin (Zensical): list it in the engine's
`markdown_extensions` as `mkdocs_prfaq.core.markdown_sanitize`.

The MkDocs plugin sanitizes a PR/FAQ page's HTML after MkDocs converts it
(:func:`~mkdocs_prfaq.core.sanitize.sanitize_html`), and its page template puts the document's
hidden search data (:func:`~mkdocs_prfaq.core.render.search.document_search_html`) before the
content. This extension does both, with the same allowlist and the same data, at the end of the
conversion of each page that starts with the export's marker: the marker says whether to
sanitize and which image hosts to allow, and the lines up to the closing marker are the search
data, kept out of the conversion and out of the sanitizer. A document cannot forge or take away
the marker: it comes before the document's text, only a page's first line counts, and the search
data before the closing marker is escaped text (no `<!--` in it).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .sanitize import sanitize_html

__all__ = ["SanitizeExtension", "makeExtension", "page_prefix"]

_OPEN = re.compile(r"<!-- prfaq:page sanitize=([01]) hosts=([^ ]*) -->")
_CLOSE = "<!-- /prfaq:page -->"


def page_prefix(search_html: str, *, sanitize: bool, image_hosts: tuple[str, ...] | list[str]) -> str:
    """The lines an exported PR/FAQ page starts with (after its front matter)."""
    hosts = ",".join(h for h in image_hosts if re.fullmatch(r"[A-Za-z0-9.:*-]+", h))
    data = " ".join(search_html.split())
    return f"<!-- prfaq:page sanitize={int(sanitize)} hosts={hosts} -->\n{data}\n{_CLOSE}\n"


class _Find(Preprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, owner: SanitizeExtension) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, lines: list[str]) -> list[str]:
        self.owner.reset()
        start = 0
        while start < len(lines) and not lines[start].strip():
            start += 1
        found = _OPEN.fullmatch(lines[start].strip()) if start < len(lines) else None
        end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() == _CLOSE), None)
        if found is None or end is None:
            return lines
        self.owner.page = True
        self.owner.sanitize = found.group(1) == "1"
        self.owner.hosts = tuple(h for h in found.group(2).split(",") if h)
        self.owner.prefix = "\n".join(lines[start + 1 : end])
        # The end of the page, which the body cannot forge: Python-Markdown runs the
        # postprocessors on each heading's text too (the table of contents), not only on the page.
        self.owner.end = f"<!--prfaq-page-end-{secrets.token_hex(8)}-->"
        return [*lines[:start], *lines[end + 1 :], "", self.owner.end, ""]


class _Clean(Postprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, owner: SanitizeExtension) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, text: str) -> str:
        owner = self.owner
        if not owner.page:
            return text
        whole = owner.end in text
        text = text.replace(owner.end, "").rstrip() if whole else text
        if owner.sanitize:
            text = sanitize_html(text, owner.hosts)
        return owner.prefix + text if whole else text


class SanitizeExtension(Extension):  # type: ignore[misc]
    def __init__(self, **kwargs: Any) -> None:
        #: What the marker of the page being converted says; `page` False on any other page.
        self.page, self.sanitize, self.prefix, self.end = False, True, "", ""
        self.hosts: tuple[str, ...] = ()
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # First of the preprocessors, before any reads the text; last of the postprocessors,
        # after the raw HTML (priority 30) and every other extension's output are in place.
        md.preprocessors.register(_Find(md, self), "prfaq_page", 1000)
        md.postprocessors.register(_Clean(md, self), "prfaq_sanitize", 0)

    def reset(self) -> None:
        self.page, self.sanitize, self.prefix, self.end, self.hosts = False, True, "", "", ()


def makeExtension(**kwargs: Any) -> SanitizeExtension:
    return SanitizeExtension(**kwargs)
