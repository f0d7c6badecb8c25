"""The `prfaq` MkDocs plugin: validate first, then hand the core's pages and assets to MkDocs.

Event order matters: validation runs in `on_pre_build`, which MkDocs calls before it cleans
`site_dir`, so a corpus with errors stops the build with nothing written.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from ..cli import handbook_markers
from ..core.check import cache_for, default_jobs
from ..core.exports import source_url
from ..core.findings import render
from ..core.pipeline import LoadedCatalog, load_catalog, site_outputs
from ..core.render import handbook
from ..core.render.blocks import splice
from ..core.render.html import Links, esc
from ..core.render.listing import CATALOG
from ..core.render.site import Output, page_assets
from ..core.render.templates import FOLDER, TemplateFailure
from ..core.sanitize import safe_name, sanitize_html
from ..core.scaffold import template_download
from ..core.settings import Settings, SettingsError, from_options
from ..core.site_search import SiteSearch
from . import search, theme
from .config import PrfaqConfig
from .conversions import Conversions
from .mermaid import Mermaid

__all__ = ["PrfaqPlugin"]

log = get_plugin_logger("prfaq")

#: The handbook's markers: the core's, and the command line's usage, which the core cannot import.
MARKERS = handbook_markers()


class _Download(File):
    """A generated Markdown file served as is (the template download), not rendered as a page."""

    def is_documentation_page(self) -> bool:
        return False


def _project(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, where `npm ci` puts node_modules."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _template_dirs(config: MkDocsConfig) -> list[Path]:
    """Where a site's catalog templates are looked up first: its theme's `custom_dir`."""
    return [Path(config.theme.custom_dir)] if config.theme.custom_dir else []


def _has_page(docs_dir: Path, src: str) -> bool:
    return (docs_dir / src).is_file()


def _safe_toc(items: Iterable[AnchorLink]) -> None:
    """The table of contents links to the ids the sanitizer gave the headings: a heading named
    `__config` is `user-content-__config` on the page, and its entry must not point at the theme's."""
    for item in items:
        item.id = safe_name(item.id)
        _safe_toc(item.children)


class PrfaqPlugin(BasePlugin[PrfaqConfig]):  # type: ignore[no-untyped-call,valid-type]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.loaded: LoadedCatalog | None = None
        #: The generated pages, by source path.
        self.pages: dict[str, Output] = {}
        self.outputs: list[Output] = []
        #: The build's search: its pages' template variable and index (`search: true`).
        self.search: SiteSearch | None = None
        self.mermaid: Mermaid | None = None
        self.dirty = False
        self.command: str | None = None
        #: The PR/FAQ pages' conversions: kept between `mkdocs serve`'s rebuilds, made by worker
        #: processes in `mkdocs build` (see :mod:`.conversions`).
        self.conversions = Conversions(None, self, self._prepare, self._finish)

    # -- configuration ----------------------------------------------------------------------
    def on_startup(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.conversions = Conversions(command, self, self._prepare, self._finish)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.settings = settings = from_options(
                _project(config), dict(self.config), site_url=config.site_url or "", directory_urls=config.use_directory_urls
            )
        except SettingsError as exc:
            raise PluginError(f"prfaq: {exc}") from None
        styles, scripts = page_assets(search=settings.search)
        config.extra_css.extend(path for path in styles if path not in config.extra_css)
        config.extra_javascript.extend(path for path in scripts if path not in config.extra_javascript)
        theme.in_front(config, theme.ALWAYS)
        if settings.search:
            search.configure(config)
        self.mermaid = Mermaid(_project(config), settings.mermaid_js)
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        # The catalog's templates a site overrides: MkDocs watches `custom_dir` only with --watch-theme.
        overrides = [folder / FOLDER for folder in _template_dirs(config)]
        for path in (self.settings.source_dir, self.settings.teams_file, self.settings.tags_file, *overrides):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    # -- validation, before anything is written -------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        settings = self.settings
        assert settings is not None
        try:
            # The rules run again only on files changed since `prfaq check` or the last build.
            self.loaded = loaded = load_catalog(settings, jobs=self._jobs(), cache=cache_for(settings))
        except SettingsError as exc:
            raise PluginError(f"prfaq: {exc}") from None
        warnings, errors = loaded.check.warnings, loaded.check.errors
        if warnings:
            log.info("%d piece(s) of advice:\n%s", len(warnings), render(warnings, "text"))
        if errors:
            raise PluginError(
                f"prfaq: {len(errors)} error(s) in {settings.source_dir.name}/; nothing was built:\n" + render(errors, "text")
            )
        if loaded.history_unavailable is not None:
            log.info("history from git is unavailable: %s; dates come from the front matter", loaded.history_unavailable)
        has_page = partial(_has_page, Path(config.docs_dir))
        # A site replaces a catalog template with prfaq/<name> in its theme's custom_dir.
        template_dirs = _template_dirs(config)
        try:
            self.outputs = site_outputs(
                loaded, settings, site_name=config.site_name, has_page=has_page, template_dirs=template_dirs,
                jobs=self._jobs(),
            )  # fmt: skip
        except TemplateFailure as exc:
            raise PluginError(f"prfaq: {exc}") from None
        self.pages = {o.path: o for o in self.outputs if o.is_page}
        if settings.search:
            self.search = search.start(config, _project(config), loaded.catalog, template_dirs, dirty=self.dirty)

    # -- handing the outputs to MkDocs -----------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.settings is not None and self.mermaid is not None
        for output in self.outputs:
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(
                    f"prfaq: docs/{output.path} clashes with a page the catalog generates; rename or remove it"
                )
            inclusion = InclusionLevel.INCLUDED if output.in_nav or not output.is_page else InclusionLevel.NOT_IN_NAV
            if output.copy_of is not None:
                files.append(File.generated(config, output.path, abs_src_path=str(output.copy_of), inclusion=inclusion))
                continue
            # Pages go to MkDocs with placeholders for the HTML the core wrote, which
            # `on_page_content` puts back: Python-Markdown need not parse it.
            content = output.source if output.is_page and output.source else output.content
            files.append(File.generated(config, output.path, content=content, inclusion=inclusion))
        if self.settings.template_download:
            files.append(_Download.generated(config, self.settings.template_download, content=template_download()))
        self.mermaid.add_to(files, config)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self._place_in_catalog(nav, files)
        found = [f.page for f in map(files.get_file_from_path, self.pages) if f is not None and f.page is not None]
        documents = [page for page in found if self.pages[page.file.src_uri].document is not None]
        self.conversions.start(documents, config, files, self._jobs())
        return nav

    def _place_in_catalog(self, nav: Navigation, files: Files) -> None:
        """The catalog's pages left out of the navigation (each PR/FAQ, each facet) belong to the
        section that holds the catalog: MkDocs marks it active on them, and the theme shows the
        reader where they are."""
        home = next((page for page in nav.pages if page.file.src_uri == CATALOG), None)
        section = home.parent if home is not None else None
        if section is None:
            return
        for path in self.pages:
            file = files.get_file_from_path(path)
            page = file.page if file is not None else None
            if page is not None and page.parent is None:  # (the catalog's own page is in the section)
                page.parent = section

    def _jobs(self) -> int:
        """Processes for the check and the pages: a one-off build may use a process per core;
        `serve` keeps to one, as it builds again on every change beside its file watcher threads."""
        assert self.settings is not None
        return (self.settings.jobs or default_jobs()) if self.command in ("build", "gh-deploy") and not self.dirty else 1

    def _prepare(self, page: Page) -> None:
        """Themes print `title` and `description` unescaped (Material: <title>, <meta>, header);
        on generated pages they come from front matter, so they are escaped here, once."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str):
                page.meta[key] = esc(value)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.pages:
            return self.conversions.markdown(markdown, page, config, files)
        return handbook.handbook_page(
            markdown,
            page.file.src_uri,
            catalog=self.loaded.catalog if self.loaded is not None else None,
            links=Links(config.use_directory_urls),
            template_download=self.settings.template_download if self.settings is not None else "",
            markers=MARKERS,
        )

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.settings is not None
        output = self.pages.get(page.file.src_uri)
        if output is not None:
            html = self.conversions.content(html, page, files)
            if output.document is not None:
                page.edit_url = source_url(
                    config.repo_url, self.settings.edit_uri, config.edit_uri, Path(config.docs_dir).name, output.document.path
                )
        if self.search is not None:
            self.search.add(page.file.src_uri, page.file.dest_uri, page.title or "", output, html)
        return html

    def _finish(self, page: Page, html: str) -> str:
        """The generated HTML put back into the page and, for a PR/FAQ, the whole sanitized."""
        assert self.settings is not None
        output = self.pages[page.file.src_uri]
        html = splice(html, output.blocks)
        if output.document is not None and self.settings.sanitize:
            html = sanitize_html(html, self.settings.image_hosts)
            _safe_toc(page.toc)
        return html

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        said = self.conversions.close()
        if said:
            log.info("%s", said)
        if self.search is not None:
            self.search.write()
        return env

    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.search is not None:
            data = self.search.page_data(page.file.src_uri, self.pages.get(page.file.src_uri))
            context["prfaq_search"] = data  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Load the site's own copy of Mermaid on pages with a diagram (see :mod:`.mermaid`)."""
        assert self.mermaid is not None
        return self.mermaid.page(output, page.url)

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_search, self.search = self.search, None
        if site_search is not None:
            search.finish(site_search)

    def on_build_error(self, error: Exception) -> None:
        self.conversions.close()
        site_search, self.search = self.search, None
        if site_search is not None:
            site_search.abort()
