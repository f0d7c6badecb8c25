"""Mermaid served by the site itself: site policy, not catalog logic, and the same for every engine.

Material's script (and Zensical's) draws the diagrams of `pre.mermaid` blocks, and would fetch
Mermaid from a CDN for them, telling an outside host who reads what. The site serves its own copy
(`npm ci` installs it) at `DEST` and loads it only on pages with a diagram, before the theme's
bundle looks for it. Without it, diagrams show as their source, in code blocks the theme does not
take for diagrams.
"""

from __future__ import annotations

import posixpath
import re

__all__ = ["DEST", "as_code", "has_diagram", "load_mermaid"]

#: Where the site serves its own copy of Mermaid, relative to the site's root.
DEST = "assets/vendor/mermaid.min.js"
#: A diagram's block, as the theme's script looks for it (`pre.mermaid`): the `class` attribute.
_DIAGRAM_CLASS = re.compile(r'(<pre\b[^>]*?\sclass=")([^"]*)(")', re.IGNORECASE)


def _is_diagram(match: re.Match[str]) -> bool:
    return "mermaid" in match.group(2).lower().split()


def _without_mermaid(match: re.Match[str]) -> str:
    classes = [c for c in match.group(2).split() if c.lower() != "mermaid"]
    return f"{match.group(1)}{' '.join(classes)}{match.group(3)}"


def has_diagram(html: str) -> bool:
    return "mermaid" in html and any(_is_diagram(m) for m in _DIAGRAM_CLASS.finditer(html))


def as_code(html: str) -> str:
    """The page with its diagrams shown as code (no theme script takes them for diagrams)."""
    return _DIAGRAM_CLASS.sub(_without_mermaid, html)


def load_mermaid(html: str, url: str) -> str:
    """The page at `url` (relative to the site's root) loading the site's copy of Mermaid."""
    here = url if url.endswith("/") else posixpath.dirname(url)
    src = posixpath.relpath(DEST, here or ".")
    return html.replace("</head>", f'<script src="{src}"></script>\n</head>', 1)
