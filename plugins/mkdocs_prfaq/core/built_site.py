"""After another engine built a site from `prfaq export` (`prfaq finish`): what the MkDocs
plugin does to its pages as MkDocs writes them, done to the built pages' files.

- A page with a diagram loads the site's own copy of Mermaid, copied into the site, before the
  theme's script would fetch Mermaid from a CDN (:mod:`.render.diagrams`); without that copy, its
  diagrams show as code.
- A generated page's "edit this page" link points at its PR/FAQ's source, as the plugin's does,
  not at a file of `docs/` that does not exist (the catalog's own pages get none): the links
  `prfaq export` kept in its manifest.
- The part of a page search indexes is marked for Pagefind (`data-pagefind-body` on the theme's
  article), on every page but the catalog's listings: results are documents and handbook pages,
  as with the plugin (the pages the export names `unindexed` in its manifest; with no manifest,
  nothing is marked, and Pagefind indexes every page whole).
- The template download (raw Markdown, which the engine would have made a page) is written.
- The repository link in the header stays a plain link: the theme's `source` component (Material's,
  Zensical's) asks the repository host's API for stars and forks from every reader's browser, and
  the plugin's template leaves it out, as a site must ask no host but its own.

Every change is made once: running it again on the same site changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from pathlib import Path

from .export_folder import MANIFEST, read_manifest, write_if_changed
from .render.diagrams import DEST, as_code, has_diagram, load_mermaid
from .render.html import esc
from .scaffold import template_download
from .search_index import IndexStats, build_index, find_pagefind
from .settings import Settings

__all__ = ["Finished", "NotASite", "finish_pages", "finish_site"]

#: The theme's repository link, whose `data-md-component="source"` has its script fetch the stats.
_SOURCE = re.compile(r'(<a\b[^>]*\bclass="md-source")\s+data-md-component="source"')


#: The theme's "edit this page" link (and "view", the same URL under /raw/).
_EDIT = re.compile(r'<a href="([^"]*)" title="[^"]*" class="md-content__button md-icon" rel="edit">')


def _edit_link(html: str, url: str) -> str:
    """The page with its edit link (and view link) pointing at `url`, or without them ("")."""
    found = _EDIT.search(html)
    if found is None or found.group(1) == url:
        return html
    old = found.group(1)
    pairs = [(old, url), (old.replace("/edit/", "/raw/"), url.replace("/edit/", "/raw/"))]
    for before, after in pairs:
        anchor = re.compile(rf'<a href="{re.escape(before)}"[^>]*class="md-content__button md-icon"[^>]*>.*?</a>', re.S)
        html = anchor.sub(_Relink(before, after), html)
    return html


class _Relink:
    """A theme button's link moved from `before` to `after`, or the button taken out ("")."""

    def __init__(self, before: str, after: str) -> None:
        self.before, self.after = before, after

    def __call__(self, match: re.Match[str]) -> str:
        if not self.after:
            return ""
        return match.group(0).replace(f'href="{self.before}"', f'href="{self.after}"', 1)


_ARTICLE = '<article class="md-content__inner md-typeset">'


def _finished(html: str, url: str, mermaid: bool, edit: str | None, index: bool) -> str:
    html = _SOURCE.sub(r"\1", html)
    if index:
        html = html.replace(_ARTICLE, f"{_ARTICLE[:-1]} data-pagefind-body>", 1)
    if edit is not None:
        html = _edit_link(html, esc(edit))
    if has_diagram(html) and f'{DEST}"></script>' not in html:
        html = load_mermaid(html, url) if mermaid else as_code(html)
    return html


def _page_file(src: str, directory_urls: bool) -> str:
    """The built page of the Markdown source `src`, as the engine writes it."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    return f"{stem[: -len('index')]}index.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def finish_pages(
    site: Path,
    mermaid: Path,
    *,
    edit: Mapping[str, str] | None = None,
    unindexed: Set[str] | None = None,
    directory_urls: bool = True,
    download: str = "",
) -> tuple[int, int]:
    """(pages changed, pages with a diagram) of the built `site`; `mermaid`: the copy of Mermaid
    the site serves (the plugin's `mermaid_js`); `edit`: the generated pages' edit links;
    `unindexed`: the generated pages search leaves out (None: mark no page for search);
    `download`: where the site serves the raw template (the plugin's `template_download`)."""
    if download:
        write_if_changed(site / download, template_download().encode("utf-8"))
    edits = {_page_file(src, directory_urls): url for src, url in (edit or {}).items()}
    skip = None if unindexed is None else {_page_file(src, directory_urls) for src in unindexed} | {"404.html"}
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
        finished = _finished(html, url, mermaid.is_file(), edits.get(rel), skip is not None and rel not in skip)
        changed += write_if_changed(page, finished.encode("utf-8"))
    return changed, diagrams


class NotASite(ValueError):
    """The folder holds no built site."""


@dataclass(frozen=True, slots=True)
class Finished:
    """What :func:`finish_site` did."""

    #: Pages with a diagram.
    diagrams: int
    #: The search index's figures; None with `search: false`.
    index: IndexStats | None
    #: What to tell the user about the Pagefind program that built it (:meth:`Pagefind.notice`).
    notice: str | None = None

    def summary(self) -> str:
        index = self.index
        made = "no search index (`search: false`)" if index is None else (
            f"search index of {index.pages} pages built in {index.seconds:.2f} s"
        )  # fmt: skip
        return f"{self.diagrams} page(s) with diagrams; {made}"


def finish_site(settings: Settings, site: Path, *, export: Path | None, language: str) -> Finished:
    """`prfaq finish SITE`: the pages finished as the plugin finishes them (:func:`finish_pages`,
    with what the export into `export` kept in its manifest), then Pagefind's index of the site.
    Raises :class:`NotASite`, and :class:`~.search_index.SearchIndexError` when Pagefind fails."""
    if not (site / "index.html").is_file():
        raise NotASite(f"{site} holds no built site (no index.html)")
    if export is not None and not (export / MANIFEST).is_file():
        raise NotASite(f"--export {export}: no {MANIFEST} there; give the folder `prfaq export` wrote")
    edit, unindexed = read_manifest(export) if export is not None else ({}, set())
    _, diagrams = finish_pages(
        site,
        settings.root / settings.mermaid_js,
        edit=edit,
        unindexed=unindexed if settings.search else None,
        directory_urls=settings.directory_urls,
        download=settings.template_download,
    )
    if not settings.search:
        return Finished(diagrams, None)
    pagefind = find_pagefind(settings.root)
    index = build_index(site, language, pagefind, keep_index_url=not settings.directory_urls)
    return Finished(diagrams, index, pagefind.notice(settings.root))
