"""After another engine built a site from `prfaq export` (`prfaq finish`): what the MkDocs
plugin does to its pages as MkDocs writes them, done to the built pages' files.

- A page with a diagram loads the site's own copy of Mermaid, copied into the site, before the
  theme's script would fetch Mermaid from a CDN (:mod:`.render.diagrams`); without that copy, its
  diagrams show as code.
- The repository link in the header stays a plain link: the theme's `source` component (Material's,
  Zensical's) asks the repository host's API for stars and forks from every reader's browser, and
  the plugin's template leaves it out, as a site must ask no host but its own.

Every change is made once: running it again on the same site changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from .export_folder import write_if_changed
from .render.diagrams import DEST, as_code, has_diagram, load_mermaid

__all__ = ["finish_pages"]

#: The theme's repository link, whose `data-md-component="source"` has its script fetch the stats.
_SOURCE = re.compile(r'(<a\b[^>]*\bclass="md-source")\s+data-md-component="source"')


def _finished(html: str, url: str, mermaid: bool) -> str:
    html = _SOURCE.sub(r"\1", html)
    if has_diagram(html) and f'{DEST}"></script>' not in html:
        html = load_mermaid(html, url) if mermaid else as_code(html)
    return html


def finish_pages(site: Path, mermaid: Path) -> tuple[int, int]:
    """(pages changed, pages with a diagram) of the built `site`; `mermaid`: the copy of Mermaid
    the site serves (the plugin's `mermaid_js`)."""
    if mermaid.is_file():
        write_if_changed(site / DEST, mermaid.read_bytes())
    changed = diagrams = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        html = page.read_text(encoding="utf-8")
        url = rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel
        diagrams += has_diagram(html)
        changed += write_if_changed(page, _finished(html, url, mermaid.is_file()).encode("utf-8"))
    return changed, diagrams
