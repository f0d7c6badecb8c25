"""A Python-Markdown extension that sanitizes the PR/FAQ pages `prfaq export` writes, for an
engine that runs Python-Markdown but no MkDocs plugin (Zensical): list it in the engine's
`markdown_extensions` as `mkdocs_prfaq.core.markdown_sanitize`.

The MkDocs plugin sanitizes a PR/FAQ page's HTML after MkDocs converts it
(:func:`~mkdocs_prfaq.core.sanitize.sanitize_html`); this extension does the same, with the same
allowlist, at the end of the conversion, on the pages that start with the marker the export puts
first in each PR/FAQ page (with the site's `image_hosts`). A document cannot take the marker
away: the marker comes before its text, and only the first line of a page counts. Handbook pages
have no marker and are left as they are, as under MkDocs.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .sanitize import sanitize_html

__all__ = ["MARKER_PREFIX", "SanitizeExtension", "makeExtension", "sanitize_marker"]

MARKER_PREFIX = "<!-- prfaq:sanitize"
_MARKER = re.compile(r"<!-- prfaq:sanitize hosts=([^ ]*) -->")


def sanitize_marker(image_hosts: tuple[str, ...] | list[str]) -> str:
    """The first line of an exported PR/FAQ page: sanitize it, images from these hosts allowed."""
    return f"{MARKER_PREFIX} hosts={','.join(h for h in image_hosts if re.fullmatch(r'[A-Za-z0-9.:*-]+', h))} -->"


class _Find(Preprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, owner: SanitizeExtension) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, lines: list[str]) -> list[str]:
        self.owner.hosts = None
        start = 0
        while start < len(lines) and not lines[start].strip():
            start += 1
        found = _MARKER.fullmatch(lines[start].strip()) if start < len(lines) else None
        if found is None:
            return lines
        self.owner.hosts = tuple(h for h in found.group(1).split(",") if h)
        return lines[:start] + lines[start + 1 :]


class _Clean(Postprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, owner: SanitizeExtension) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, text: str) -> str:
        hosts = self.owner.hosts
        return text if hosts is None else sanitize_html(text, hosts)


class SanitizeExtension(Extension):  # type: ignore[misc]
    def __init__(self, **kwargs: Any) -> None:
        #: The image hosts of the page being converted, when it is an exported PR/FAQ page.
        self.hosts: tuple[str, ...] | None = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # First of the preprocessors, before any reads the text; last of the postprocessors,
        # after the raw HTML (priority 30) and every other extension's output are in place.
        md.preprocessors.register(_Find(md, self), "prfaq_sanitize_find", 1000)
        md.postprocessors.register(_Clean(md, self), "prfaq_sanitize", 0)

    def reset(self) -> None:
        self.hosts = None


def makeExtension(**kwargs: Any) -> SanitizeExtension:
    return SanitizeExtension(**kwargs)
