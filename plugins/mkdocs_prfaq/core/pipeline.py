"""From the source folder to the catalog and its site, for every adapter: check every file,
date the documents from git's history, assemble the :class:`Catalog` (`load_catalog`), then
render its pages with the writing review of each document still being written (`site_outputs`).

`mkdocs build` refuses a catalog with errors; `prfaq list` lists it with them. Both read it here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import CACHE_DIR, CheckCache
from .catalog import Catalog
from .check import CheckResult, check_documents, corpus_paths
from .findings import Severity
from .history import apply_history, read_history
from .loader import attachments, display_path
from .render.html import Links, SourceLinks, attachment_src
from .render.review import review_panels
from .render.site import Output, SiteOptions, render_site
from .settings import Settings, require_source_dir

__all__ = ["LoadedCatalog", "build_time", "load_catalog", "site_outputs"]


@dataclass(slots=True)
class LoadedCatalog:
    """The catalog, and the check it was read with: its findings (`check.errors`, `check.warnings`)
    and every file it read (`check.files`, as findings name them, in corpus order)."""

    catalog: Catalog
    check: CheckResult
    #: Why git's history was not read (not a repository, no git), when it was not.
    history_unavailable: str | None = None


def load_catalog(
    settings: Settings, paths: Sequence[str | Path] | None = None, *, jobs: int = 1, cache: CheckCache | None = None
) -> LoadedCatalog:
    """Check `paths` (by default every file of the source folder, which must exist: SettingsError)
    as one corpus in `jobs` processes, apply git's history when the `history` option is on, and
    assemble the catalog of the documents read, errors or not. With `cache` (`prfaq check`'s,
    :func:`~.check.cache_for`), the rules run again only on the files changed since it was
    filled; every file is read for its document."""
    require_source_dir(settings)
    # `possible-duplicate` is `prfaq check`'s, for authors: a site lists each page's similar
    # PR/FAQs from its own comparison, and a second one would cost the build seconds at N = 10,000.
    quiet = replace(settings, rules={**settings.rules, "possible-duplicate": Severity.OFF})
    result = check_documents(
        quiet, corpus_paths(settings) if paths is None else paths, jobs=jobs, cache=cache, every_document=True
    )
    unavailable = None
    if settings.history:
        history = read_history(settings.root, settings.source_dir)
        unavailable = history.message
        apply_history(result.documents, history)
    catalog = Catalog.build(result.documents, result.teams, settings.limits)
    return LoadedCatalog(catalog, result, unavailable)


def build_time() -> dt.datetime | None:
    """The time a reproducible build gives its pages (`SOURCE_DATE_EPOCH`), else None (now)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else None


def site_outputs(
    loaded: LoadedCatalog,
    settings: Settings,
    *,
    site_name: str,
    has_page: Callable[[str], bool],
    template_dirs: Sequence[Path] = (),
    source_links: bool = False,
    jobs: int = 1,
) -> list[Output]:
    """The catalog's pages, feeds and assets, and the images beside the PR/FAQs (copied into the
    site's `prfaqs/` in their folders); each document in draft or in review gets the panel of its
    writing review (`has_page` says which handbook pages its links may point to). With
    `source_links`, pages link to each other's Markdown sources (`prfaq export`, :class:`SourceLinks`).
    With several `jobs`, a large catalog's pages are rendered in two processes."""
    links = SourceLinks() if source_links else Links(settings.directory_urls)
    images = attachments(settings.source_dir) if settings.source_dir.is_dir() else []
    panels = review_panels(
        loaded.catalog.documents, loaded.check.writing, settings, links, has_page=has_page, template_dirs=template_dirs
    )
    generated = build_time()
    options = SiteOptions(
        site_url=settings.site_url,
        site_name=site_name,
        directory_urls=settings.directory_urls,
        generated=generated,
        # Days waiting are counted to the build's day: SOURCE_DATE_EPOCH's, for a reproducible build.
        today=(generated or dt.datetime.now(dt.UTC)).date(),
        feed_size=settings.feed_size,
        similar=settings.similar,
        overdue_days=settings.review_overdue_days,
        extra_html=panels,
        template_dirs=template_dirs,
        source_links=source_links,
        cache_dir=settings.root / CACHE_DIR,
        jobs=jobs,
        source_folder=display_path(settings.source_dir, settings.root),
        attachments=frozenset(images),
    )
    copies = [Output(attachment_src(rel), "", copy_of=settings.source_dir / rel) for rel in images]
    return [*render_site(loaded.catalog, options), *copies]
