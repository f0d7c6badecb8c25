"""The site's own copy of Mermaid handed to MkDocs (see :mod:`~mkdocs_prfaq.core.render.diagrams`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..core.render.diagrams import DEST, as_code, has_diagram, load_mermaid

__all__ = ["Mermaid"]

log = get_plugin_logger("prfaq")


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
        if not has_diagram(output):
            return output
        if self.source.is_file():
            return load_mermaid(output, url)
        if not self._said:  # not a warning: a site without npm is still whole
            log.info("Mermaid is not installed at %s, so diagrams show as their source: run `npm ci`", self._named)
            self._said = True
        return as_code(output)
