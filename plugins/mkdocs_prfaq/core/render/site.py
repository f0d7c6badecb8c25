"""Everything the catalog adds to a site, as files: Markdown pages and static assets.

This is the seam between the core and a site engine. An adapter takes these outputs and hands
them to its engine (MkDocs: generated `File`s); nothing here knows which engine that is.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path

from .. import forked
from ..catalog import Catalog
from ..exports import catalog_json
from ..insights import insights
from ..model import Document
from ..queue import OVERDUE_DAYS, review_queue
from ..similar import SIMILAR_SCORE
from .blocks import split
from .document import render_document
from .feed import atom_feed, facet_feeds
from .html import Links, SourceLinks, document_src
from .insights import INSIGHTS, INSIGHTS_JSON, insights_json, insights_page
from .listing import ACTIVITY, CATALOG, activity_page, catalog_index, facet_pages
from .queue import REVIEW, REVIEW_FEED, queue_feed, queue_page
from .similar import Neighbour, similar_documents, similar_list
from .templates import refresh
from .timeline import timeline

__all__ = ["ASSETS", "ASSET_DIR", "NAV_PAGES", "PARALLEL_MIN_DOCUMENTS", "Output", "SiteOptions", "asset_text", "page_assets", "render_site"]

ASSETS = ("prfaq.css", "prfaq.js", "prfaq-search.css", "prfaq-search.js", "prfaq-print.css", "prfaq-print.js")
ASSET_DIR = "assets/prfaq"
#: From this many documents on, :func:`render_site` renders in two processes when `jobs`
#: allows: a fork costs a few hundredths of a second, the listing pages about 0.1 s per 1,000.
PARALLEL_MIN_DOCUMENTS = 400
NAV_PAGES = frozenset(
    {
        "catalog/index.md",
        "catalog/activity.md",
        "catalog/status/index.md",
        "catalog/teams/index.md",
        "catalog/tags/index.md",
        REVIEW,
        INSIGHTS,
    }
)


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the site: `path` relative to the site's source root.

    A page's `content` is complete Markdown with HTML in it, for any engine. An adapter that can
    put HTML back into a page after its conversion hands its engine `source` instead, and
    splices `blocks` into the result (:func:`~mkdocs_prfaq.core.render.blocks.splice`): the
    engine then skips parsing HTML that the core wrote.
    """

    path: str
    content: str
    #: The PR/FAQ a page renders, for edit links and sanitizing; None for catalog pages and assets.
    document: Document | None = None
    source: str = ""
    blocks: tuple[str, ...] = ()
    #: A file copied as it is (an image beside the PR/FAQs), for the adapter to copy; `content` is then empty.
    copy_of: Path | None = None

    @classmethod
    def page(cls, path: str, marked: str, document: Document | None = None) -> Output:
        """A page from Markdown whose generated HTML is marked with :func:`block`."""
        content, source, blocks = split(marked)
        return cls(path, content, document, source, blocks)

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")

    @property
    def in_nav(self) -> bool:
        """Whether a site's navigation may list the page: the catalog's overview pages, never the
        per-document and per-facet pages (a nav of thousands would be rendered into every page)."""
        return self.path in NAV_PAGES


@dataclass(slots=True)
class SiteOptions:
    site_url: str = ""
    site_name: str = "PR/FAQs"
    directory_urls: bool = True
    generated: dt.datetime | None = None
    #: The day figures relative to today are counted to (days waiting for review): the build's.
    today: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())
    feed_size: int = 50
    #: The cosine from which another document is listed among a page's similar PR/FAQs; None:
    #: no similar documents (the `similar: false` option), and no comparison made.
    similar: float | None = SIMILAR_SCORE
    #: Days in review after which the review queue marks a document overdue.
    overdue_days: int = OVERDUE_DAYS
    #: Extra HTML per document id, placed under the card (the writing-review panel, the timeline).
    extra_html: dict[str, str] = field(default_factory=dict)
    #: Folders whose `prfaq/` templates replace the package's, first found first (MkDocs: the
    #: theme's `custom_dir`). See :mod:`mkdocs_prfaq.core.render.templates`.
    template_dirs: Sequence[Path] = ()
    #: Links between pages as links between their Markdown sources (:class:`SourceLinks`), for
    #: `prfaq export`; catalog.json and the feeds keep the site's URLs.
    source_links: bool = False
    #: Where the similar PR/FAQs found are kept for the next build (`.prfaq_cache/`); None: not kept.
    cache_dir: Path | None = None
    #: Processes the pages may be rendered in (see :func:`render_site`).
    jobs: int = 1
    #: The source folder as documents' paths start (`prfaqs`), and the images in it that the site
    #: copies beside the PR/FAQ pages (paths relative to it): a document in a subfolder has its
    #: links to them made relative to its page.
    source_folder: str = "prfaqs"
    attachments: frozenset[str] = frozenset()


def asset_text(name: str) -> str:
    return resources.files("mkdocs_prfaq.core").joinpath("assets", name).read_text(encoding="utf-8")


def page_assets(*, search: bool) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts every page loads, as paths in the site (a theme's `extra_css`
    and `extra_javascript`); the search's only with `search` on: they would look for an index
    that is not built."""
    paths = [f"{ASSET_DIR}/{name}" for name in ASSETS if search or not name.startswith("prfaq-search.")]
    return [p for p in paths if p.endswith(".css")], [p for p in paths if p.endswith(".js")]


def render_site(catalog: Catalog, options: SiteOptions) -> list[Output]:
    """Every page and file the catalog adds to a site; the pages from the templates of
    `options.template_dirs`, then the package's.

    With several `jobs` and at least :data:`PARALLEL_MIN_DOCUMENTS` documents, the listing pages,
    feeds and review desk are rendered in a forked process while this one renders each
    document's page and catalog.json: the two halves take about as long."""
    links = SourceLinks() if options.source_links else Links(options.directory_urls)
    dirs = options.template_dirs
    refresh(dirs)
    fork = options.jobs > 1 and len(catalog.documents) >= PARALLEL_MIN_DOCUMENTS
    with forked.Aside(partial(_listings, catalog, options, links), fork=fork) as listings:
        similar = similar_documents(catalog, options.similar, options.cache_dir) if options.similar is not None else {}
        outputs = [_document_page(doc, catalog, options, links, similar.get(doc.id or "", [])) for doc in catalog.documents]
        records = None if options.similar is None else {
            doc_id: [(other.id or "", score) for other, score in near] for doc_id, near in similar.items()
        }
        data = catalog_json(catalog, options.generated, directory_urls=options.directory_urls, similar=records)
        pages, files = listings.result()
    outputs.extend(pages)
    outputs.append(Output("catalog.json", data))
    outputs.extend(files)
    outputs.extend(Output(f"{ASSET_DIR}/{name}", asset_text(name)) for name in ASSETS)
    return outputs


def _document_page(
    doc: Document, catalog: Catalog, options: SiteOptions, links: Links, similar: Sequence[Neighbour]
) -> Output:
    """A PR/FAQ's page; under its card the writing review (drafts and documents in review), the
    timeline, then the similar documents."""
    dirs = options.template_dirs
    extra = (
        options.extra_html.get(doc.id or "", ""),
        timeline(doc, template_dirs=dirs),
        similar_list(doc, similar, catalog, links, template_dirs=dirs),
    )
    folder = posixpath.relpath(posixpath.dirname(doc.path), options.source_folder) if options.attachments else ""
    page = render_document(
        doc, catalog, links, extra_html="\n\n".join(p for p in extra if p), template_dirs=dirs,
        attachments=(folder, options.attachments) if options.attachments else None,
    )  # fmt: skip
    return Output.page(document_src(doc), page, doc)


def _listings(catalog: Catalog, options: SiteOptions, links: Links) -> tuple[list[Output], list[Output]]:
    """The listing pages (the catalog's index, its activity, each facet), then the feeds and the
    review desk's pages and files."""
    dirs = options.template_dirs
    pages = [
        Output.page(CATALOG, catalog_index(catalog, links, template_dirs=dirs)),
        Output.page(ACTIVITY, activity_page(catalog, links, template_dirs=dirs)),
        *(Output.page(path, text) for path, text in facet_pages(catalog, links, template_dirs=dirs).items()),
    ]
    return pages, [*_feeds(catalog, options), *_desk(catalog, options, links)]


def _feeds(catalog: Catalog, options: SiteOptions) -> list[Output]:
    """The site's feed, `feed.xml`, and one per team and per tag."""
    site_url, site_name, limit, directory_urls = (
        options.site_url, options.site_name, options.feed_size, options.directory_urls
    )  # fmt: skip
    feeds = {
        "feed.xml": atom_feed(catalog, site_url=site_url, site_name=site_name, limit=limit, directory_urls=directory_urls),
        **facet_feeds(catalog, site_url=site_url, site_name=site_name, limit=limit, directory_urls=directory_urls),
    }
    return [Output(path, text) for path, text in feeds.items()]


def _desk(catalog: Catalog, options: SiteOptions, links: Links) -> list[Output]:
    """The review queue's page and feed, and the insights page and `insights.json`."""
    dirs, today = options.template_dirs, options.today
    queue = review_queue(catalog.documents, today, overdue_days=options.overdue_days)
    figures = insights(catalog.documents, today)
    feed = queue_feed(
        queue, today=today, site_url=options.site_url, site_name=options.site_name, directory_urls=options.directory_urls
    )
    return [
        Output.page(REVIEW, queue_page(queue, catalog, links, today=today, overdue_days=options.overdue_days, template_dirs=dirs)),
        Output(REVIEW_FEED, feed),
        Output.page(INSIGHTS, insights_page(figures, catalog, links, today=today, template_dirs=dirs)),
        Output(INSIGHTS_JSON, insights_json(figures, today, options.generated)),
    ]
