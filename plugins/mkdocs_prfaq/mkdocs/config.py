"""The plugin's options, as written under `plugins: - prfaq:` in `mkdocs.yml`.

The docstring under each option is shown on the handbook's plugin reference page.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.settings import Limits

_LIMITS = Limits()


class PrfaqConfig(base.Config):  # type: ignore[no-untyped-call]
    source_dir = c.Type(str, default="prfaqs")
    """Folder of the PR/FAQ files, relative to `mkdocs.yml`. Watched by `mkdocs serve`."""

    teams_file = c.Optional(c.Type(str))
    """YAML file of teams, `slug: {name, description}`. When set, every document's `team` must be a key of it."""

    tags_file = c.Optional(c.Type(str))
    """YAML list (or mapping) of allowed tags. When set, tags outside it are findings."""

    rules = c.Type(dict, default={})
    """Severity per rule name: `error`, `warning` or `off`, as for `prfaq check`."""

    max_file_size = c.Type(int, default=1_000_000)
    """Largest PR/FAQ file read, in bytes; bigger files are a `file-size` finding."""

    max_tags = c.Type(int, default=_LIMITS.tags)
    """Most tags one PR/FAQ may carry; more are a `too-many-tags` finding. Each tag is a page
    listing its documents, so a file with thousands of tags would make thousands of pages."""

    max_facet_values = c.Type(int, default=_LIMITS.facet_values)
    """Most distinct tags, and most distinct teams, over the whole catalog; past it, each document
    that brings a new one gets a `too-many-facet-values` finding."""

    max_abbreviations = c.Type(int, default=_LIMITS.abbreviations)
    """Most abbreviation definitions (`*[SLA]: ...`) in one PR/FAQ; more are a `too-many-abbreviations`
    finding (each one is looked for in every paragraph of the page)."""

    max_footnotes = c.Type(int, default=_LIMITS.footnotes)
    """Most footnote definitions (`[^1]: ...`) in one PR/FAQ; more are a `too-many-footnotes` finding."""

    weasel_words = c.ListOfItems(c.Type(str), default=[])
    """Words added to the built-in weasel-word list of the writing rules."""

    sanitize = c.Type(bool, default=True)
    """Sanitize the HTML of PR/FAQ bodies with an allowlist. Turn off only for trusted repositories."""

    image_hosts = c.ListOfItems(c.Type(str), default=[])
    """Hosts whose images a PR/FAQ body may show, such as `images.example.com`. An image from any
    other host is removed from the page (a reader's browser would tell that host who reads what)
    and is a `remote-image` finding; by default only the site's own images are shown."""

    history = c.Type(bool, default=True)
    """Read each document's history (dates, contributors, status changes) from git."""

    edit_uri = c.Optional(c.Type(str))
    """Base of "edit this page" links to PR/FAQ sources, relative to `repo_url` (default: `edit_uri` with its docs folder removed)."""

    feed_size = c.Type(int, default=50)
    """How many entries the Atom feed `feed.xml` carries."""

    mermaid_js = c.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    """Mermaid's browser bundle, relative to `mkdocs.yml` (installed from npm by `make`). Served
    by the site itself and loaded only on pages with a diagram, so no page asks a CDN for it."""

    search = c.Type(bool, default=True)
    """Full-text search with Pagefind: one search box in the header and facets on the catalog, with
    the index built into `site_dir/pagefind/` after every build. Replaces Material's `search` plugin."""

    jobs = c.Type(int, default=0)
    """Processes `mkdocs build` and `prfaq check` may use: 0 for one per core, 1 for a single
    process. With several, the PR/FAQs are checked, and their pages converted, in parallel (not
    under `mkdocs serve`, nor when another plugin handles page events)."""

    template_download = c.Type(str, default="practice/prfaq-template.md")
    """Where the site offers the PR/FAQ template (the one `prfaq new` fills in) as a Markdown download,
    relative to the site root; an empty string for none. A handbook page links to it with the
    marker `<!-- prfaq:template-download -->`, which says there is none when there is none."""
