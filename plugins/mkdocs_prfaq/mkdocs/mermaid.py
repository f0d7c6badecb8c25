"""Mermaid served by the site itself: site policy, not catalog logic.

Material's script draws the diagrams of `pre.mermaid` blocks, and would fetch Mermaid from a CDN
for them, telling an outside host who reads what. The site serves its own copy (`npm ci`
installs it) and loads it only on pages with a diagram, before Material's bundle looks for it.
Without it, diagrams show as their source, in code blocks Material does not take for diagrams.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

__all__ = ["DEST", "Mermaid"]

log = get_plugin_logger("prfaq")

#: Where the site serves its own copy of Mermaid.
DEST = "assets/vendor/mermaid.min.js"
#: A diagram's block, as Material's script looks for it (`pre.mermaid`): the `class` attribute.
DIAGRAM_CLASS = re.compile(r'(<pre\b[^>]*?\sclass=")([^"]*)(")', re.IGNORECASE)


def _is_diagram(match: re.Match[str]) -> bool:
    return "mermaid" in match.group(2).lower().split()


def _as_code(match: re.Match[str]) -> str:
    classes = [c for c in match.group(2).split() if c.lower() != "mermaid"]
    return f"{match.group(1)}{' '.join(classes)}{match.group(3)}"


class Mermaid:
    """The copy of Mermaid at `source` (the `mermaid_js` option, under `project`)."""

    def __init__(self, project: Path, source: str) -> None:
        self.source = project / source
        self._named = source
        self._said = False

    def add_to(self, files: Files, config: MkDocsConfig) -> None:
        if self.source.is_file():
            files.append(File.generated(config, DEST, abs_src_path=str(self.source)))

    def page(self, output: str, url: str) -> str:
        """A page's HTML that loads Mermaid if it has a diagram (or shows it as code, without Mermaid)."""
        if "mermaid" not in output or not any(_is_diagram(m) for m in DIAGRAM_CLASS.finditer(output)):
            return output
        if not self.source.is_file():
            if not self._said:  # not a warning: a site without npm is still whole
                log.info("Mermaid is not installed at %s, so diagrams show as their source: run `npm ci`", self._named)
                self._said = True
            return DIAGRAM_CLASS.sub(_as_code, output)
        here = url if url.endswith("/") else posixpath.dirname(url)
        src = posixpath.relpath(DEST, here or ".")
        return output.replace("</head>", f'<script src="{src}"></script>\n</head>', 1)
