"""The `prfaq` MkDocs plugin: validate first, then hand the core's pages and assets to MkDocs.

Event order matters: validation runs in `on_pre_build`, which MkDocs calls before it cleans
`site_dir`, so a corpus with errors stops the build with nothing written.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
import re
import secrets
import urllib.parse
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from ..core.catalog import Catalog
from ..core.check import check_documents, corpus_paths, default_jobs, findings_of, without_writing
from ..core.findings import Finding, Severity, render
from ..core.forked import in_background
from ..core.history import apply_history, read_history
from ..core.model import IN_WRITING, Document
from ..core.render.blocks import splice
from ..core.render.document import resolve_id_links
from ..core.render.html import Links, esc
from ..core.render.reference import fields_markdown, rules_markdown
from ..core.render.review import REVIEWED, document_review, review_panels
from ..core.render.site import ASSET_DIR, ASSETS, Output, SiteOptions, render_site
from ..core.rules.writing import WRITING_RULES, writing_check
from ..core.sanitize import safe_name, sanitize_html
from ..core.scaffold import template_download
from ..core.settings import Settings, SettingsError, from_options, require_source_dir
from . import prerender, search
from .config import PrfaqConfig
from .reference import cli_markdown, options_markdown

log = logging.getLogger("mkdocs.plugins.prfaq")

#: Where the site serves its own copy of Mermaid.
MERMAID_DEST = "assets/vendor/mermaid.min.js"
#: A diagram's block, as Material's script looks for it (`pre.mermaid`): the `class` attribute.
DIAGRAM_CLASS = re.compile(r'(<pre\b[^>]*?\sclass=")([^"]*)(")', re.IGNORECASE)
#: Below this many PR/FAQs, forking workers to convert their pages costs more than it saves.
PRERENDER_MIN_PAGES = 200

#: Markers in handbook pages replaced by generated reference tables.
MARKERS = {
    "<!-- prfaq:fields -->": fields_markdown,
    "<!-- prfaq:rules -->": rules_markdown,
    "<!-- prfaq:cli -->": cli_markdown,
    "<!-- prfaq:options -->": options_markdown,
}
#: Where a handbook page offers the template download: a link to it, or a word that there is none.
TEMPLATE_MARKER = "<!-- prfaq:template-download -->"


class _Download(File):
    """A generated Markdown file served as is (the template download), not rendered as a page."""

    def is_documentation_page(self) -> bool:
        return False


def _is_diagram(match: re.Match[str]) -> bool:
    return "mermaid" in match.group(2).lower().split()


def _as_code(match: re.Match[str]) -> str:
    classes = [c for c in match.group(2).split() if c.lower() != "mermaid"]
    return f"{match.group(1)}{' '.join(classes)}{match.group(3)}"


def _project(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, where `npm ci` puts node_modules."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _has_page(docs_dir: Path, src: str) -> bool:
    return (docs_dir / src).is_file()


def _safe_toc(items: Iterable[AnchorLink]) -> None:
    """The table of contents links to the ids the sanitizer gave the headings: a heading named
    `__config` is `user-content-__config` on the page, and its entry must not point at the theme's."""
    for item in items:
        item.id = safe_name(item.id)
        _safe_toc(item.children)


class PrfaqPlugin(BasePlugin[PrfaqConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.outputs: list[Output] = []
        self.catalog: Catalog | None = None
        self.pages: dict[str, Output] = {}
        #: The `prfaq_search` template variable of each page, made once per build.
        self.search_data: dict[str, dict[str, Any]] = {}
        self.indexer: search.Indexer | None = None
        self.prerenderer: prerender.Prerenderer | None = None
        #: Under `mkdocs serve`: the PR/FAQ pages' renderings, kept from one rebuild to the next.
        self.memo: prerender.RenderMemo | None = None
        self.memo_usable = False
        #: Whether the writing rules run page by page (in the workers), and what they found.
        self.prerender = False
        self.defer_writing = False
        self.advice: list[Finding] = []
        self.background_advice: Future[list[Finding]] | None = None
        self.unreviewed: list[Document] = []
        self.panel_mark = f"<!--prfaq-review-{secrets.token_hex(8)}-->"
        self.links = Links()
        self.has_page: Callable[[str], bool] = lambda src: True
        self.dirty = False
        self.jobs = 1
        self.mermaid_missing_said = False

    # -- configuration ----------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        options: dict[str, Any] = dict(self.config)
        try:
            self.settings = from_options(
                root, options, site_url=config.site_url or "", directory_urls=config.use_directory_urls
            )
        except SettingsError as exc:
            raise PluginError(f"prfaq: {exc}") from None
        for name in ASSETS:
            if name.startswith("prfaq-search.") and not self.config.search:
                continue  # it would look for an index that is not built
            path = f"{ASSET_DIR}/{name}"
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if path not in target:
                target.append(path)
        if self.config.search:
            search.configure(config)
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        for path in (self.settings.source_dir, self.settings.teams_file, self.settings.tags_file):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    # -- validation, before anything is written -------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        settings = self.settings
        assert settings is not None
        self.advice = []
        self.memo_usable = self.memo is not None and prerender.only_owner(config, self)
        if self.memo is not None:
            self.memo.start_build()
        try:
            require_source_dir(settings)
        except SettingsError as exc:
            raise PluginError(f"prfaq: {exc}") from None
        paths = corpus_paths(settings)
        # A large catalog's pages are converted in worker processes (see prerender).
        self.prerender = (
            self.jobs > 1 and not self.dirty and prerender.usable(config, self) and len(paths) >= PRERENDER_MIN_PAGES
        )
        # And when no writing rule can stop the build, the writing rules run with them, page
        # by page, instead of before the build.
        self.defer_writing = self.prerender and not any(
            settings.severity(rule) is Severity.ERROR for rule in WRITING_RULES
        )
        try:
            result = check_documents(without_writing(settings) if self.defer_writing else settings, paths, jobs=self.jobs)
        except SettingsError as exc:
            raise PluginError(f"prfaq: {exc}") from None
        warnings = [f for f in result.findings if f.severity is Severity.WARNING]
        if warnings:
            log.info("prfaq: %d piece(s) of advice:\n%s", len(warnings), render(warnings, "text"))
        if result.errors:
            raise PluginError(
                f"prfaq: {len(result.errors)} error(s) in {settings.source_dir.name}/; nothing was built:\n"
                + render(result.errors, "text")
            )
        if self.config.history:
            history = read_history(settings.root, settings.source_dir)
            if history.message is not None:
                log.info("prfaq: history from git is unavailable: %s; dates come from the front matter", history.message)
            apply_history(result.documents, history)
        self.catalog = Catalog.build(result.documents, result.teams, result.tags, settings.limits)
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        generated = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else None
        self.links = Links(config.use_directory_urls)
        self.has_page = partial(_has_page, Path(config.docs_dir))
        if self.defer_writing:
            # A mark where each panel goes, replaced once the page's writing review is known.
            panels = {d.id: f"\n\n{self.panel_mark}" for d in self.catalog.documents if d.id and d.status in REVIEWED}
            # The workers review the pages with a panel; the others are reviewed now, by a process
            # of their own, on the core this one leaves idle until the workers start.
            self.unreviewed = [d for d in self.catalog.documents if d.status not in REVIEWED]
            self.background_advice = in_background(partial(self._findings, self.unreviewed))
        else:
            panels = review_panels(self.catalog.documents, settings, self.links, has_page=self.has_page)
        self.outputs = render_site(
            self.catalog,
            SiteOptions(
                site_url=config.site_url or "",
                site_name=config.site_name,
                directory_urls=config.use_directory_urls,
                generated=generated,
                feed_size=self.config.feed_size,
                extra_html=panels,
            ),
        )
        self.pages = {o.path: o for o in self.outputs if o.is_page}
        self.search_data = {}

    # -- handing the outputs to MkDocs -----------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for output in self.outputs:
            existing = files.get_file_from_path(output.path)
            if existing is not None:
                raise PluginError(
                    f"prfaq: docs/{output.path} clashes with a page the catalog generates; rename or remove it"
                )
            inclusion = InclusionLevel.INCLUDED if output.in_nav or not output.is_page else InclusionLevel.NOT_IN_NAV
            # Pages go to MkDocs with placeholders for the HTML the core wrote, which
            # `on_page_content` puts back: Python-Markdown need not parse it.
            content = output.source if output.is_page and output.source else output.content
            files.append(File.generated(config, output.path, content=content, inclusion=inclusion))
        if self.config.template_download:
            files.append(_Download.generated(config, self.config.template_download, content=template_download()))
        mermaid = self._mermaid_source(config)
        if mermaid.is_file():
            files.append(File.generated(config, MERMAID_DEST, abs_src_path=str(mermaid)))
        return files

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Load the site's own copy of Mermaid on pages with a diagram, before Material's bundle
        looks for it (Material would otherwise fetch it from a CDN)."""
        if "mermaid" not in output or not any(_is_diagram(m) for m in DIAGRAM_CLASS.finditer(output)):
            return output
        if not self._mermaid_source(config).is_file():
            # Not a warning: a site without npm is still whole, its diagrams shown as their source,
            # in code blocks that Material's script does not take for diagrams: it would fetch
            # Mermaid from a CDN, telling an outside host who reads what.
            if not self.mermaid_missing_said:
                log.info(
                    "prfaq: Mermaid is not installed at %s, so diagrams show as their source: run `npm ci`",
                    self.config.mermaid_js,
                )
                self.mermaid_missing_said = True
            return DIAGRAM_CLASS.sub(_as_code, output)
        here = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
        src = posixpath.relpath(MERMAID_DEST, here or ".")
        return output.replace("</head>", f'<script src="{src}"></script>\n</head>', 1)

    def _mermaid_source(self, config: MkDocsConfig) -> Path:
        return _project(config) / self.config.mermaid_js

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.pages:
            # Themes print `title` and `description` unescaped (Material: <title>, <meta>, header);
            # on generated pages they come from front matter, so they are escaped here, once.
            for key in ("title", "description"):
                value = page.meta.get(key)
                if isinstance(value, str):
                    page.meta[key] = esc(value)
            return markdown
        for marker, make in MARKERS.items():
            if marker in markdown:
                markdown = markdown.replace(marker, make())
        if TEMPLATE_MARKER in markdown:
            markdown = markdown.replace(TEMPLATE_MARKER, self._template_link(page.file.src_uri))
        if self.catalog is not None and "PRFAQ-" in markdown:
            markdown = resolve_id_links(markdown, page.file.src_uri, self.catalog, self.links)
        return markdown

    def _template_link(self, src: str) -> str:
        """A link from the page built from `src` to the template download (`template_download`)."""
        target = self.config.template_download
        if not target:
            return "This site offers no download of the template: `prfaq new` writes one for you."
        return f"[Download the template]({posixpath.relpath(target, posixpath.dirname(src) or '.')}) as a raw Markdown file."

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Start converting the PR/FAQ pages in worker processes, when the build uses them."""
        if self.prerender:
            pages = [
                file.page
                for file in files.documentation_pages()
                if file.page is not None and self._is_prfaq_page(file.page)
            ]
            self.prerenderer = prerender.Prerenderer(
                pages, config, files, self._finish, self._review, self._advise, self.jobs
            )
        return nav

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if self.prerenderer is not None:
            self.prerenderer.install(page)
        elif self.memo is not None and self.memo_usable and self._is_prfaq_page(page):
            self.memo.install(page, config, files)
        return page

    def _is_prfaq_page(self, page: Page) -> bool:
        return getattr(self.pages.get(page.file.src_uri), "document", None) is not None

    def _finish(self, page: Page, html: str) -> str:
        """The generated HTML put back (with the writing review, when it comes late) and, for
        a PR/FAQ, the whole sanitized: all that can be done for a page without the build's
        shared state (the workers of prerender run it too)."""
        output = self.pages.get(page.file.src_uri)
        if output is None:
            return html
        html = splice(html, output.blocks)
        doc = output.document
        if doc is None:
            return html
        if self.defer_writing and self.panel_mark in html:
            assert self.settings is not None
            html = html.replace(self.panel_mark, document_review(doc, self.settings, self.links, has_page=self.has_page), 1)
        return sanitize_html(html, self.config.image_hosts) if self.config.sanitize else html

    def _review(self, page: Page) -> list[Finding]:
        """The writing findings of a PR/FAQ page with a panel, when the rules run page by page."""
        output = self.pages.get(page.file.src_uri)
        if not self.defer_writing or output is None or output.document is None:
            return []
        return self._findings([output.document]) if output.document.status in REVIEWED else []

    def _findings(self, documents: list[Document]) -> list[Finding]:
        """The writing findings of `documents` still being written (records get none), with their severities."""
        assert self.settings is not None
        check = writing_check(self.settings.weasel_words, self.settings.site_url)
        written = [doc for doc in documents if doc.status in IN_WRITING]
        return [f for doc in written for f in findings_of(self.settings, doc.path, doc.status, check(doc))]

    def _advise(self, page: Page, findings: list[Finding] | None) -> None:
        self.advice.extend(findings or ())

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.prerenderer is None or page.file.src_uri not in self.prerenderer.prerendered:
            html = self._finish(page, html)
            self._advise(page, self._review(page))
        output = self.pages.get(page.file.src_uri)
        if output is not None and output.document is not None:
            page.edit_url = self._edit_url(config, output.document.path)
            if self.config.sanitize:
                _safe_toc(page.toc)
        self._index(html, page, config)
        return html

    def _edit_url(self, config: MkDocsConfig, source: str) -> str | None:
        if not config.repo_url:
            return None
        base = self.config.edit_uri
        if base is None:
            # `edit_uri` points into the docs folder; PR/FAQ sources sit beside it.
            base = (config.edit_uri or "").rstrip("/")
            docs = Path(config.docs_dir).name
            if base == docs or base.endswith("/" + docs):
                base = base[: -len(docs)]
        # The theme prints `edit_url` into an `href` unescaped: the file's path, which a pull
        # request chooses, is percent-encoded so that no character of it can end the attribute.
        return posixpath.join(config.repo_url.rstrip("/") + "/", base.strip("/") + "/", urllib.parse.quote(source))

    # -- search (Pagefind): per-page data for the templates, the index during the build -----------
    def on_startup(self, command: str, dirty: bool) -> None:
        self.dirty = dirty
        # A one-off build may check the corpus with a process per core; `serve` keeps to one
        # process, as it runs the check again on every change beside its file watcher threads.
        self.jobs = (self.config.jobs or default_jobs()) if command in ("build", "gh-deploy") else 1
        self.memo = prerender.RenderMemo() if command == "serve" else None

    def _search_data(self, page: Page, config: MkDocsConfig) -> dict[str, Any]:
        src = page.file.src_uri
        data = self.search_data.get(src)
        if data is None:
            data = self.search_data[src] = search.page_context(src, self.pages.get(src), self.catalog, config)
        return data

    def _index(self, html: str, page: Page, config: MkDocsConfig) -> None:
        """Hand the page to Pagefind as soon as its content is converted, so that it indexes
        while MkDocs goes on (a --dirty build converts only some pages: its index is made from
        the files instead, after the build)."""
        if not self.config.search or self.dirty:
            return
        data = self._search_data(page, config)
        if data["index"]:
            language = config.theme.get("language") or "en"
            if self.indexer is None:
                self.indexer = search.Indexer(
                    config.site_dir, language, project=_project(config), keep_index_url=not config.use_directory_urls
                )
            self.indexer.add(page.file.dest_uri, search.indexed_html(data, html, page.title or "", language))

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self._stop_prerendering()
        if self.memo is not None and self.memo.hits:
            log.info("prfaq: %d PR/FAQ page(s) unchanged since the last build, not converted again", self.memo.hits)
        background, self.background_advice = self.background_advice, None
        if background is not None:
            try:
                self.advice.extend(background.result())
            except Exception as exc:  # the process died (out of memory, killed): review here
                log.debug("prfaq: the writing review process failed (%s); reviewing in this one", exc)
                self.advice.extend(self._findings(self.unreviewed))
            self.unreviewed = []
        if self.advice:
            self.advice.sort(key=Finding.sort_key)
            log.info("prfaq: %d piece(s) of writing advice:\n%s", len(self.advice), render(self.advice, "text"))
            self.advice = []
        # Every page's content is converted: Pagefind can write while the templates render.
        if self.indexer is not None:
            self.indexer.write()
        return env

    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.config.search:
            context["prfaq_search"] = self._search_data(page, config)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.finish()
        elif self.config.search:
            search.build_index(
                config.site_dir,
                config.theme.get("language"),
                project=_project(config),
                keep_index_url=not config.use_directory_urls,
            )

    def _stop_prerendering(self) -> None:
        prerenderer, self.prerenderer = self.prerenderer, None
        if prerenderer is not None:
            prerenderer.close()
            log.info("prfaq: %d PR/FAQ pages converted by %d processes", len(prerenderer.prerendered), self.jobs)

    def on_build_error(self, error: Exception) -> None:
        self._stop_prerendering()
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.abort()
